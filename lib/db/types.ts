import type { SiteId, TopicId } from '../paper';

/**
 * One saved paper, as stored (schema v1; `noteUpdatedAt` and `tagsUpdatedAt` added without a
 * schema change, as they are not indexed). Timestamps are epoch milliseconds.
 */
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
  /** Last change of any field (metadata refresh, note, tags). */
  updatedAt: number;
  note: string;
  /**
   * When the note was last edited (the edit's own time, so a late-arriving older edit can never
   * overwrite a newer one); absent while the note was never edited.
   */
  noteUpdatedAt?: number;
  /** User tags (lib/notebook/tags.ts): trimmed, unique ignoring case. */
  tags: string[];
  /** When the tags last changed; absent while they never did. */
  tagsUpdatedAt?: number;
}

/**
 * A user's correction of the topics of one paper (schema v2). It wins over the classifier wherever
 * the paper appears, on any site, whether or not the paper is saved.
 */
export interface TopicCorrectionRecord {
  /** Canonical paper id (primary key). */
  id: string;
  /** Topic ids (built-in or `custom:<slug>`) the user added. */
  added: string[];
  /** Topic ids the user removed. */
  removed: string[];
  updatedAt: number;
}

/** A topic the user defined on the options page (schema v2). */
export interface CustomTopicRecord {
  /** `custom:<slug>` (primary key). */
  id: string;
  label: string;
  /** Badge background, `#rrggbb`. */
  color: string;
  /** Phrases that trigger the topic, matched case-insensitively on word boundaries. */
  phrases: string[];
  createdAt: number;
  updatedAt: number;
}

/** One named setting (schema v2); values are plain JSON. */
export interface SettingRecord {
  key: string;
  value: unknown;
}
