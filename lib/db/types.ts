import type { SiteId, TopicId } from '../paper';
import type { PaperUrls } from '../paper-identity';

/**
 * One saved paper, as stored (schema v1; `noteUpdatedAt` and `tagsUpdatedAt` added without a
 * schema change, as they are not indexed; schema v3 added the other id schemes and the indexed
 * `aliases`). Timestamps are epoch milliseconds.
 */
export interface PaperRecord {
  /**
   * Canonical id (primary key): `arxiv:2406.12345`, or `doi:…`, `acl:…`, `openreview:…` for a
   * paper first saved without an arXiv id. It never changes once saved, even when the paper is
   * later linked to an arXiv id (which then goes to `arxivId` and `aliases`).
   */
  id: string;
  /** The bare arXiv id, when known (always, for records saved before schema v3). */
  arxivId?: string;
  /** The DOI, lowercased, when known. */
  doi?: string;
  /** The ACL Anthology id, when known. */
  aclId?: string;
  /** The OpenReview forum id, when known. */
  openreviewId?: string;
  /**
   * Every canonical id the paper is known by, its own id first (schema v3, multi-entry index):
   * `arxiv:…`, `doi:…`, `acl:…`, `openreview:…`, plus ids of records linked into this one. Set on
   * every write and by the v3 upgrade; lookups also try the primary key, so a record written
   * without it is still found by its id.
   */
  aliases?: string[];
  /** Latest version seen, when a page showed one. */
  version?: number;
  /**
   * Canonical https URLs built from the ids: arXiv papers keep the three of schema v1 (abstract
   * page, PDF, Hugging Face page); other papers have their landing page only.
   */
  urls: PaperUrls;
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
