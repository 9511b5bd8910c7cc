import { localDate } from '../notebook/time';
import type { SiteId, TopicId } from '../paper';
import { paperLinks } from '../paper-id';
import type { PaperRecord } from './types';

/** The `format` tag of a BiasLens export; readers reject any other value. */
export const EXPORT_FORMAT = 'biaslens-notes';
/** The export format version; bumped on every breaking change (docs/EXPORT-FORMAT.md). */
export const EXPORT_VERSION = 1;

/** One saved paper in an export: every stored field, timestamps as ISO 8601 UTC strings. */
export interface ExportedPaper {
  id: string;
  arxivId: string;
  /** Latest version seen, or null when no page showed one. */
  version: number | null;
  urls: { abs: string; pdf: string; huggingface: string };
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
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  papers: ExportedPaper[];
}

const iso = (time: number | undefined) =>
  time === undefined ? null : new Date(time).toISOString();

/** One record in export form (pure). */
export function exportPaper(record: PaperRecord): ExportedPaper {
  return {
    id: record.id,
    arxivId: record.arxivId,
    version: record.version ?? null,
    // Rebuilt from the id, never copied from the record (docs/SECURITY.md, "Links"); every stored
    // id is canonical, so the fallback (no link at all) is never expected to be used.
    urls: paperLinks(record.id) ?? { abs: '', pdf: '', huggingface: '' },
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
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
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
