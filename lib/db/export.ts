import { localDate } from '../notebook/time';
import type { SiteId, TopicId } from '../paper';
import { paperAliases, paperUrls } from '../paper-identity';
import type { PaperRecord } from './types';

/** The `format` tag of a BiasLens export; readers reject any other value. */
export const EXPORT_FORMAT = 'biaslens-notes';
/**
 * The newest export format version, written and read; bumped on every breaking change
 * (docs/EXPORT-FORMAT.md). Version 2 lets a paper have no arXiv id (`arxivId`, `urls.pdf` and
 * `urls.huggingface` null).
 */
export const EXPORT_VERSION = 2;
/**
 * A file in which every paper is keyed by its arXiv id (`arxiv:…`, as every paper was before
 * version 2) is written as version 1, which it then is exactly (plus additive fields), so older
 * BiasLens builds keep reading it.
 */
export const ARXIV_ONLY_VERSION = 1;
export type ExportVersion = typeof ARXIV_ONLY_VERSION | typeof EXPORT_VERSION;

/** One saved paper in an export: every stored field, timestamps as ISO 8601 UTC strings. */
export interface ExportedPaper {
  id: string;
  /** The bare arXiv id; null (version 2 only) when the paper has none. */
  arxivId: string | null;
  /** The DOI (lowercase), or null. Additive: absent in files of older builds. */
  doi: string | null;
  /** The ACL Anthology id, or null. Additive. */
  aclId: string | null;
  /** The OpenReview forum id, or null. Additive. */
  openreviewId: string | null;
  /** Every canonical id the paper is known by, its own id first. Additive. */
  aliases: string[];
  /** Latest version seen, or null when no page showed one. */
  version: number | null;
  /** Built from the ids; `pdf` and `huggingface` null (version 2 only) without an arXiv id. */
  urls: { abs: string; pdf: string | null; huggingface: string | null };
  title: string;
  authors: string[];
  /** Null when the abstract was never seen. */
  abstract: string | null;
  topics: TopicId[];
  source: SiteId;
  savedAt: string;
  updatedAt: string;
  note: string;
  /** When the note was last edited; null when it never was (added to version 1, additive). */
  noteUpdatedAt: string | null;
  tags: string[];
  /** When the tags last changed; null when they never did (added to version 1, additive). */
  tagsUpdatedAt: string | null;
}

/** The whole export document (docs/EXPORT-FORMAT.md). */
export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: ExportVersion;
  exportedAt: string;
  papers: ExportedPaper[];
}

const iso = (time: number | undefined) =>
  time === undefined ? null : new Date(time).toISOString();

/** One record in export form (pure). */
export function exportPaper(record: PaperRecord): ExportedPaper {
  // Rebuilt from the ids, never copied from the record (docs/SECURITY.md, "Links").
  const urls = paperUrls(record);
  return {
    id: record.id,
    arxivId: record.arxivId ?? null,
    doi: record.doi ?? null,
    aclId: record.aclId ?? null,
    openreviewId: record.openreviewId ?? null,
    aliases: paperAliases(record),
    version: record.version ?? null,
    urls: { abs: urls.abs, pdf: urls.pdf ?? null, huggingface: urls.huggingface ?? null },
    title: record.title,
    authors: [...record.authors],
    abstract: record.abstract ?? null,
    topics: [...record.topics],
    source: record.source,
    savedAt: new Date(record.savedAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    note: record.note,
    noteUpdatedAt: iso(record.noteUpdatedAt),
    tags: [...record.tags],
    tagsUpdatedAt: iso(record.tagsUpdatedAt),
  };
}

/** Newest saved first, then by id: the order of every export (pure, returns a new array). */
export function exportOrder(records: readonly PaperRecord[]): PaperRecord[] {
  return [...records].sort(
    (a, b) => b.savedAt - a.savedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The export document for `records` at `now` (epoch ms), papers newest first (pure). */
export function buildExport(records: readonly PaperRecord[], now: number): ExportDocument {
  // Version 1 holds arXiv papers only: each keyed `arxiv:` + its arXiv id.
  const arxivOnly = records.every(
    (record) => record.arxivId !== undefined && record.id === `arxiv:${record.arxivId}`,
  );
  return {
    format: EXPORT_FORMAT,
    version: arxivOnly ? ARXIV_ONLY_VERSION : EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    papers: exportOrder(records).map(exportPaper),
  };
}

/** The export document as the bytes of the downloaded file (pretty-printed JSON, final newline). */
export function serializeExport(doc: ExportDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * `biaslens-export-YYYY-MM-DD.<extension>`, with the local calendar date of `now` (epoch ms);
 * `stem` names other kinds of file (e.g. `biaslens-reading-list`).
 */
export function exportFileName(now: number, extension = 'json', stem = 'biaslens-export'): string {
  return `${stem}-${localDate(now)}.${extension}`;
}
