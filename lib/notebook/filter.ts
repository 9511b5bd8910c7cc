/**
 * Search, filters and sort orders of the saved-papers list (pure). Built for 10,000 papers: the
 * lower-cased text of each paper is computed once and cached by id and updatedAt, so a keystroke
 * is one substring scan per paper.
 */
import type { PaperRecord } from '../db/types';
import type { SiteId, TopicId } from '../paper';
import { hasTag } from './tags';

/** How the list is ordered. */
export type SortOrder = 'saved-desc' | 'saved-asc' | 'edited-desc' | 'title-asc';

export const SORT_ORDERS: readonly { id: SortOrder; label: string }[] = [
  { id: 'saved-desc', label: 'Newest saved first' },
  { id: 'saved-asc', label: 'Oldest saved first' },
  { id: 'edited-desc', label: 'Recently changed first' },
  { id: 'title-asc', label: 'Title A–Z' },
];

/** True for a known sort order id (e.g. one read back from localStorage). */
export function isSortOrder(value: unknown): value is SortOrder {
  return SORT_ORDERS.some((order) => order.id === value);
}

/** What the list is narrowed to; empty strings mean "any". */
export interface NotebookFilter {
  /** Words that must all occur (title, authors, abstract, note, tags or arXiv id). */
  query: string;
  topic: TopicId | '';
  tag: string;
  site: SiteId | '';
  /** Saved on or after this local date, `YYYY-MM-DD`. */
  savedFrom: string;
  /** Saved on or before this local date, `YYYY-MM-DD`. */
  savedTo: string;
}

export const EMPTY_FILTER: NotebookFilter = {
  query: '',
  topic: '',
  tag: '',
  site: '',
  savedFrom: '',
  savedTo: '',
};

/** True when any part of the filter narrows the list. */
export function isFilterActive(filter: NotebookFilter): boolean {
  return (
    filter.query.trim() !== '' ||
    filter.topic !== '' ||
    filter.tag !== '' ||
    filter.site !== '' ||
    filter.savedFrom !== '' ||
    filter.savedTo !== ''
  );
}

/** How many of the filter's parts other than the search words are set (for a badge). */
export function countFilterParts(filter: NotebookFilter): number {
  return [filter.topic, filter.tag, filter.site, filter.savedFrom, filter.savedTo].filter(
    (part) => part !== '',
  ).length;
}

/** Epoch ms of local midnight starting `date` (`YYYY-MM-DD`) plus `days`, or undefined. */
export function localDayStart(date: string, days = 0): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const time = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days).getTime();
  return Number.isNaN(time) ? undefined : time;
}

/** Lower-cased searchable text per record, recomputed only when a record's updatedAt changes. */
export class SearchIndex {
  readonly #cache = new Map<string, { updatedAt: number; text: string }>();

  /** The text `record` is searched in. */
  textOf(record: PaperRecord): string {
    const cached = this.#cache.get(record.id);
    if (cached && cached.updatedAt === record.updatedAt) return cached.text;
    const text = [
      record.title,
      record.authors.join('\n'),
      record.abstract ?? '',
      record.note,
      record.tags.join('\n'),
      record.arxivId ?? '',
      record.doi ?? '',
      record.aclId ?? '',
      record.openreviewId ?? '',
    ]
      .join('\n')
      .toLocaleLowerCase();
    this.#cache.set(record.id, { updatedAt: record.updatedAt, text });
    return text;
  }

  /** Forgets records no longer present (call after a reload with the current records). */
  prune(records: readonly PaperRecord[]): void {
    if (this.#cache.size <= records.length) return;
    const live = new Set(records.map((record) => record.id));
    for (const id of this.#cache.keys()) if (!live.has(id)) this.#cache.delete(id);
  }
}

/** The search words of a query, lower-cased. */
export function queryTerms(query: string): string[] {
  return query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * The records matching every part of `filter`, in their given order. Search words match
 * anywhere (case-insensitive); tags match ignoring case; dates are local calendar days.
 */
export function filterPapers(
  records: readonly PaperRecord[],
  filter: NotebookFilter,
  index: SearchIndex = new SearchIndex(),
): PaperRecord[] {
  const terms = queryTerms(filter.query);
  const from = localDayStart(filter.savedFrom);
  // Up to the next local midnight after the `savedTo` day (DST-safe), exclusive.
  const to = localDayStart(filter.savedTo, 1);
  if (terms.length === 0 && !isFilterActive(filter)) return [...records];
  return records.filter((record) => {
    if (filter.topic !== '' && !record.topics.includes(filter.topic)) return false;
    if (filter.site !== '' && record.source !== filter.site) return false;
    if (filter.tag !== '' && !hasTag(record.tags, filter.tag)) return false;
    if (from !== undefined && record.savedAt < from) return false;
    if (to !== undefined && record.savedAt >= to) return false;
    if (terms.length === 0) return true;
    const text = index.textOf(record);
    for (const term of terms) if (!text.includes(term)) return false;
    return true;
  });
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byId = (a: PaperRecord, b: PaperRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The records in `order` (a new array; ties broken by id so the order is stable). */
export function sortPapers(records: readonly PaperRecord[], order: SortOrder): PaperRecord[] {
  const sorted = [...records];
  switch (order) {
    case 'saved-desc':
      return sorted.sort((a, b) => b.savedAt - a.savedAt || byId(a, b));
    case 'saved-asc':
      return sorted.sort((a, b) => a.savedAt - b.savedAt || byId(a, b));
    case 'edited-desc':
      return sorted.sort((a, b) => b.updatedAt - a.updatedAt || byId(a, b));
    case 'title-asc':
      return sorted.sort((a, b) => collator.compare(a.title, b.title) || byId(a, b));
  }
}
