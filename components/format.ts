import type { TopicId } from '../lib/paper';
import { arxivUrls, parseArxivId } from '../lib/paper-id';
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

/**
 * For an https link to a paper's page on arXiv or Hugging Face, that page's link rebuilt from the
 * paper id; undefined for anything else (other hosts and schemes, `javascript:`). Links to a
 * record's pages come from `paperLinks(record.id)` (lib/paper-id.ts); this is for a lone URL.
 */
export function safeHttpsUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const arxivId = parsed.protocol === 'https:' ? parseArxivId(url)?.arxivId : undefined;
  if (arxivId === undefined) return undefined;
  const links = arxivUrls(arxivId);
  if (parsed.hostname.endsWith('huggingface.co')) return links.huggingface;
  return parsed.pathname.startsWith('/pdf/') ? links.pdf : links.abs;
}
