/**
 * The export formats the popup and the options page offer, each a pure function from records to
 * a file (name, text, media type). JSON is the lossless, importable format; BibTeX, CSV and
 * Markdown are for other tools and people.
 */
import { buildExport, exportFileName, exportOrder, serializeExport } from '../db/export';
import type { PaperRecord } from '../db/types';
import { toBibTeX } from './bibtex';
import { toCSV } from './csv';
import { toMarkdown } from './markdown';

export type ExportFormat = 'json' | 'bibtex' | 'csv' | 'markdown';

/** A file ready to download. */
export interface ExportFile {
  fileName: string;
  text: string;
  type: string;
}

export const EXPORT_FORMATS: readonly { id: ExportFormat; label: string }[] = [
  { id: 'json', label: 'JSON' },
  { id: 'bibtex', label: 'BibTeX' },
  { id: 'csv', label: 'CSV' },
  { id: 'markdown', label: 'Markdown' },
];

/**
 * `records` as a file in `format`, papers newest saved first; the file name carries the local
 * date of `now`. `topicLabel` names topics in the Markdown list.
 */
export function buildExportFile(
  format: ExportFormat,
  records: readonly PaperRecord[],
  now: number,
  topicLabel?: (id: string) => string,
): ExportFile {
  switch (format) {
    case 'json':
      return {
        fileName: exportFileName(now),
        text: serializeExport(buildExport(records, now)),
        type: 'application/json',
      };
    case 'bibtex':
      return {
        fileName: exportFileName(now, 'bib'),
        text: toBibTeX(exportOrder(records)),
        type: 'application/x-bibtex',
      };
    case 'csv':
      return {
        fileName: exportFileName(now, 'csv'),
        text: toCSV(exportOrder(records)),
        type: 'text/csv',
      };
    case 'markdown':
      return {
        fileName: exportFileName(now, 'md', 'biaslens-reading-list'),
        text: toMarkdown(exportOrder(records), now, topicLabel),
        type: 'text/markdown',
      };
  }
}
