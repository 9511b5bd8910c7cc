import type { SiteId, TopicId } from '../paper';

/** One saved paper, as stored (schema v1). Timestamps are epoch milliseconds. */
export interface PaperRecord {
  /** Canonical id, e.g. `arxiv:2406.12345` (primary key). */
  id: string;
  arxivId: string;
  /** Latest version seen, when a page showed one. */
  version?: number;
  /** Canonical https URLs (abstract page, PDF, HF page), built from the id. */
  urls: { abs: string; pdf: string; huggingface: string };
  title: string;
  authors: string[];
  abstract?: string;
  topics: TopicId[];
  /** The site the paper was saved from. */
  source: SiteId;
  savedAt: number;
  updatedAt: number;
  note: string;
  tags: string[];
}
