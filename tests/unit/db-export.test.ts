import { describe, expect, it } from 'vitest';
import { buildExport, exportFileName, serializeExport } from '../../lib/db/export';
import type { PaperRecord } from '../../lib/db/types';

const record = (id: string, savedAt: number, extra: Partial<PaperRecord> = {}): PaperRecord => ({
  id: `arxiv:${id}`,
  arxivId: id,
  urls: {
    abs: `https://arxiv.org/abs/${id}`,
    pdf: `https://arxiv.org/pdf/${id}`,
    huggingface: `https://huggingface.co/papers/${id}`,
  },
  title: `Paper ${id}`,
  authors: ['Ada Lovelace'],
  topics: ['social'],
  source: 'arxiv',
  savedAt,
  updatedAt: savedAt + 1,
  note: '',
  tags: [],
  ...extra,
});

describe('buildExport', () => {
  it('produces the documented document, newest first, ISO timestamps, nulls for unknowns', () => {
    const now = Date.UTC(2025, 10, 26, 9, 30);
    const doc = buildExport(
      [
        record('2406.00001', Date.UTC(2025, 0, 1)),
        record('2406.00002', Date.UTC(2025, 5, 1), {
          version: 3,
          abstract: 'An abstract.',
          note: 'A note\nwith two lines',
          noteUpdatedAt: Date.UTC(2025, 5, 2),
          tags: ['to-read'],
          tagsUpdatedAt: Date.UTC(2025, 5, 3),
          source: 'huggingface',
        }),
      ],
      now,
    );
    expect(doc).toEqual({
      format: 'biaslens-notes',
      version: 1,
      exportedAt: '2025-11-26T09:30:00.000Z',
      papers: [
        {
          id: 'arxiv:2406.00002',
          arxivId: '2406.00002',
          // Additive fields of version 1 (docs/EXPORT-FORMAT.md).
          doi: null,
          aclId: null,
          openreviewId: null,
          aliases: ['arxiv:2406.00002'],
          version: 3,
          urls: {
            abs: 'https://arxiv.org/abs/2406.00002',
            pdf: 'https://arxiv.org/pdf/2406.00002',
            huggingface: 'https://huggingface.co/papers/2406.00002',
          },
          title: 'Paper 2406.00002',
          authors: ['Ada Lovelace'],
          abstract: 'An abstract.',
          topics: ['social'],
          source: 'huggingface',
          savedAt: '2025-06-01T00:00:00.000Z',
          updatedAt: '2025-06-01T00:00:00.001Z',
          note: 'A note\nwith two lines',
          noteUpdatedAt: '2025-06-02T00:00:00.000Z',
          tags: ['to-read'],
          tagsUpdatedAt: '2025-06-03T00:00:00.000Z',
        },
        expect.objectContaining({
          id: 'arxiv:2406.00001',
          version: null,
          abstract: null,
          noteUpdatedAt: null,
          tagsUpdatedAt: null,
        }),
      ],
    });
  });

  it('serializes to JSON that parses back to the same document', () => {
    const doc = buildExport([record('2406.00001', 5)], 10);
    const text = serializeExport(doc);
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(doc);
  });

  it('exports an empty list as an empty papers array', () => {
    expect(buildExport([], 0).papers).toEqual([]);
  });
});

describe('exportFileName', () => {
  it('uses the local calendar date', () => {
    expect(exportFileName(new Date(2025, 0, 5, 12).getTime())).toBe(
      'biaslens-export-2025-01-05.json',
    );
    expect(exportFileName(new Date(2025, 11, 31, 23, 59).getTime())).toBe(
      'biaslens-export-2025-12-31.json',
    );
    expect(exportFileName(new Date(2025, 0, 5, 12).getTime(), 'bib')).toBe(
      'biaslens-export-2025-01-05.bib',
    );
  });
});
