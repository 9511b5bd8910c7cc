/**
 * A Markdown reading list of saved papers (pure): one task-list item per paper with its link,
 * authors, topics, tags, saved date and note. Text from pages (titles, authors, tags) is escaped
 * so it renders literally; the user's own note keeps its Markdown but not raw HTML.
 */
import type { PaperRecord } from '../db/types';
import { recordLinks } from '../paper-identity';
import { formatDay } from './time';

/** `text` with every Markdown/HTML-significant ASCII punctuation backslash-escaped (one line). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]{}()<>#+!|~&-]/g, '\\$&');
}

/** A note as blockquote lines: its Markdown kept, HTML and entities made literal. */
function quoteNote(note: string): string[] {
  return note
    .trim()
    .split(/\r\n?|\n/)
    .map((line) => `  > ${line.replace(/[\\<>&]/g, '\\$&')}`.trimEnd());
}

/** The link target: the https abstract page (built from the id), with `)` and spaces encoded. */
function linkTarget(url: string): string {
  return url.replace(/[()\s]/g, (char) => encodeURIComponent(char));
}

/** One paper as a task-list item (several lines). */
export function markdownItem(record: PaperRecord, topicLabel: (id: string) => string): string {
  // Built from the ids (docs/SECURITY.md, "Links"): the arXiv abstract page or the landing page.
  const href = recordLinks(record).abs;
  const title = escapeMarkdown(record.title);
  const lines = [href ? `- [ ] [${title}](${linkTarget(href)})` : `- [ ] ${title}`];
  const byline = [
    record.authors.length > 0 ? escapeMarkdown(record.authors.join(', ')) : undefined,
    record.arxivId ? `arXiv:${escapeMarkdown(record.arxivId)}` : undefined,
    record.doi ? `DOI ${escapeMarkdown(record.doi)}` : undefined,
    record.aclId ? `ACL Anthology ${escapeMarkdown(record.aclId)}` : undefined,
    record.openreviewId ? `OpenReview ${escapeMarkdown(record.openreviewId)}` : undefined,
    `saved ${formatDay(record.savedAt)}`,
  ].filter(Boolean);
  lines.push(`  ${byline.join(' · ')}`);
  const labels = [
    record.topics.length > 0
      ? `Topics: ${record.topics.map((topic) => escapeMarkdown(topicLabel(topic))).join(', ')}`
      : undefined,
    record.tags.length > 0
      ? `Tags: ${record.tags.map((tag) => `\`${tag.replace(/`/g, "'")}\``).join(' ')}`
      : undefined,
  ].filter(Boolean);
  if (labels.length > 0) lines.push(`  ${labels.join(' · ')}`);
  if (record.note.trim() !== '') lines.push('', ...quoteNote(record.note));
  return lines.join('\n');
}

/** A whole reading list for `records` (in the given order), dated `now`. */
export function toMarkdown(
  records: readonly PaperRecord[],
  now: number,
  topicLabel: (id: string) => string = (id) => id,
): string {
  const count = `${records.length} ${records.length === 1 ? 'paper' : 'papers'}`;
  const head = ['# BiasLens reading list', '', `Exported ${formatDay(now)} · ${count}`, ''];
  const items = records.map((record) => markdownItem(record, topicLabel));
  return `${[...head, items.join('\n\n')].join('\n').trimEnd()}\n`;
}
