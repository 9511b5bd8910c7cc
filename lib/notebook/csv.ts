/**
 * CSV for saved papers (pure): RFC 4180 (comma-separated, CRLF line ends, fields quoted when
 * they hold a quote, comma or line break, quotes doubled), UTF-8 with a byte-order mark so
 * spreadsheet programs read accents correctly. Lists (authors, topics, tags) are joined by "; ".
 */
import type { PaperRecord } from '../db/types';

/** The header row, in column order. */
export const CSV_COLUMNS = [
  'id',
  'arxiv_id',
  'title',
  'authors',
  'abstract',
  'topics',
  'tags',
  'note',
  'source',
  'saved_at',
  'updated_at',
  'note_updated_at',
  'url',
  'pdf_url',
  // Added with the other id schemes, at the end so existing column positions stay.
  'doi',
  'acl_id',
  'openreview_id',
] as const;

// Spreadsheets run a cell starting with one of these as a formula ("CSV injection", OWASP);
// such cells get a leading apostrophe, which spreadsheets show as text and hide.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: formula-guarded, then quoted if needed. */
export function csvCell(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

const iso = (time: number | undefined) => (time === undefined ? '' : new Date(time).toISOString());

/** One record's cells, in CSV_COLUMNS order. */
export function csvRow(record: PaperRecord): string[] {
  return [
    record.id,
    record.arxivId ?? '',
    record.title,
    record.authors.join('; '),
    record.abstract ?? '',
    record.topics.join('; '),
    record.tags.join('; '),
    record.note,
    record.source,
    iso(record.savedAt),
    iso(record.updatedAt),
    iso(record.noteUpdatedAt),
    record.urls.abs,
    record.urls.pdf ?? '',
    record.doi ?? '',
    record.aclId ?? '',
    record.openreviewId ?? '',
  ];
}

/** A whole CSV file for `records` (in the given order): BOM, header, one row per paper. */
export function toCSV(records: readonly PaperRecord[]): string {
  const rows = [[...CSV_COLUMNS], ...records.map(csvRow)];
  return `\ufeff${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
