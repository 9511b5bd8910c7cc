import type { SiteId, TopicId } from '../paper';
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
  tags: string[];
}

/** The whole export document (docs/EXPORT-FORMAT.md). */
export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  papers: ExportedPaper[];
}

/** One record in export form (pure). */
export function exportPaper(record: PaperRecord): ExportedPaper {
  return {
    id: record.id,
    arxivId: record.arxivId,
    version: record.version ?? null,
    urls: { abs: record.urls.abs, pdf: record.urls.pdf, huggingface: record.urls.huggingface },
    title: record.title,
    authors: [...record.authors],
    abstract: record.abstract ?? null,
    topics: [...record.topics],
    source: record.source,
    savedAt: new Date(record.savedAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    note: record.note,
    tags: [...record.tags],
  };
}

/** The export document for `records` at `now` (epoch ms), papers newest first (pure). */
export function buildExport(records: readonly PaperRecord[], now: number): ExportDocument {
  const sorted = [...records].sort(
    (a, b) => b.savedAt - a.savedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    papers: sorted.map(exportPaper),
  };
}

/** The export document as the bytes of the downloaded file (pretty-printed JSON, final newline). */
export function serializeExport(doc: ExportDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** `biaslens-export-YYYY-MM-DD.json`, with the local calendar date of `now` (epoch ms). */
export function exportFileName(now: number): string {
  const date = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `biaslens-export-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}
