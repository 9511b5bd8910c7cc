import type { TopicId } from '../lib/paper';
import { getTopicInfo, type TopicInfo } from '../lib/topics/taxonomy';

/** Authors for a one-line byline: up to three names, then "et al.". */
export function formatAuthors(authors: readonly string[]): string {
  if (authors.length <= 3) return authors.join(', ');
  return `${authors.slice(0, 3).join(', ')} et al.`;
}

/** How a topic chip looks; an id unknown to this build (e.g. from a newer one) shows as is. */
export function topicDisplay(topic: TopicId): Pick<TopicInfo, 'label'> & Partial<TopicInfo> {
  try {
    return getTopicInfo(topic);
  } catch {
    return { label: String(topic) };
  }
}

/** `url` if it is an https URL, else undefined (links are only ever made to https pages). */
export function safeHttpsUrl(url: string): string | undefined {
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
