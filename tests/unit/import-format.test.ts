import { describe, expect, it } from 'vitest';
import { buildExport, exportPaper, serializeExport } from '../../lib/db/export';
import { IMPORT_LIMITS, parseImportText } from '../../lib/notebook/import-format';
import { makeRecord } from './notebook-helpers';

const good = () => buildExport([makeRecord(1, { note: 'n', tags: ['x'] }), makeRecord(2)], 0);
const text = (doc: unknown) => JSON.stringify(doc);
/** A valid document with paper `index` replaced by `paper(original)`. */
const withPaper = (index: number, paper: (p: Record<string, unknown>) => unknown) => {
  const doc = good() as unknown as { papers: Record<string, unknown>[] };
  doc.papers[index] = paper({ ...doc.papers[index] }) as Record<string, unknown>;
  return text(doc);
};
const without = (key: string) => (p: Record<string, unknown>) => {
  const copy = { ...p };
  delete copy[key];
  return copy;
};

describe('parseImportText: malformed files, each with its message', () => {
  const cases: [string, string, RegExp][] = [
    ['an empty file', '', /^The file is empty\.$/],
    ['whitespace only', ' \n\t', /^The file is empty\.$/],
    [
      'truncated JSON',
      serializeExport(good()).slice(0, 120),
      /^The file is not valid JSON \(.+\); it may be truncated/,
    ],
    ['not JSON at all', 'title,authors\nx,y', /^The file is not valid JSON/],
    ['a JSON array', '[]', /not a BiasLens export: expected a JSON object .* found an array/],
    ['a JSON string', '"biaslens"', /not a BiasLens export: .* found "biaslens"/],
    ['null', 'null', /not a BiasLens export: .* found null/],
    ['no format', text({ version: 1, papers: [] }), /it has no "format": "biaslens-notes"/],
    [
      'another format',
      text({ format: 'zotero', version: 1, papers: [] }),
      /"format" is "zotero", expected "biaslens-notes"/,
    ],
    [
      'no version',
      text({ format: 'biaslens-notes', papers: [] }),
      /"version" must be an integer, found undefined/,
    ],
    [
      'a string version',
      text({ format: 'biaslens-notes', version: '1', papers: [] }),
      /"version" must be an integer, found "1"/,
    ],
    [
      'a fractional version',
      text({ format: 'biaslens-notes', version: 1.5, papers: [] }),
      /must be an integer, found 1\.5/,
    ],
    [
      'a newer version',
      text({ format: 'biaslens-notes', version: 7, papers: [] }),
      /exported by a newer BiasLens \(format version 7\); this BiasLens reads versions 1 to 2\. Update BiasLens/,
    ],
    [
      'version 0',
      text({ format: 'biaslens-notes', version: 0, papers: [] }),
      /^Unknown format version 0; this BiasLens reads versions 1 to 2\.$/,
    ],
    [
      'papers not an array',
      text({ format: 'biaslens-notes', version: 1, papers: {} }),
      /"papers" must be an array of papers, found an object/,
    ],
    [
      'no papers key',
      text({ format: 'biaslens-notes', version: 1 }),
      /"papers" must be an array of papers, found undefined/,
    ],
    [
      'a paper that is a string',
      withPaper(0, () => 'x'),
      /^Paper 1: must be an object, not "x"\.$/,
    ],
    [
      'a missing title',
      withPaper(1, without('title')),
      /^Paper 2 \(arxiv:2406\.00001\): title: is missing\.$/,
    ],
    [
      'an empty title',
      withPaper(0, (p) => ({ ...p, title: '  ' })),
      /^Paper 1 \(arxiv:2406\.00002\): title: must not be empty\.$/,
    ],
    [
      'a title too long',
      withPaper(0, (p) => ({ ...p, title: 'x'.repeat(2001) })),
      /title: must be at most 2000 characters \(it has 2001\)/,
    ],
    [
      'a number as note',
      withPaper(0, (p) => ({ ...p, note: 42 })),
      /note: must be a string, not 42/,
    ],
    [
      'a note too long',
      withPaper(0, (p) => ({ ...p, note: 'x'.repeat(100_001) })),
      /note: must be at most 100000 characters/,
    ],
    [
      'authors as a string',
      withPaper(0, (p) => ({ ...p, authors: 'Ada' })),
      /authors: must be an array, not "Ada"/,
    ],
    [
      'an author that is a number',
      withPaper(0, (p) => ({ ...p, authors: ['A', 3] })),
      /authors\.1: must be a string, not 3/,
    ],
    [
      'too many authors',
      withPaper(0, (p) => ({ ...p, authors: Array(501).fill('A') })),
      /authors: must list at most 500 authors/,
    ],
    [
      'a bad id',
      withPaper(0, (p) => ({ ...p, id: 'doi:10.1/x' })),
      /id: "doi:10\.1\/x" is not a canonical paper id/,
    ],
    [
      'a versioned id',
      withPaper(0, (p) => ({ ...p, id: 'arxiv:2406.00002v2' })),
      /is not a canonical paper id/,
    ],
    [
      'an id not matching arxivId',
      withPaper(0, (p) => ({ ...p, id: 'arxiv:2406.00009' })),
      /id must be "arxiv:" followed by arxivId \("2406\.00002"\)/,
    ],
    [
      'an impossible arXiv id',
      withPaper(0, (p) => ({ ...p, id: 'arxiv:2413.00001', arxivId: '2413.00001' })),
      /is not a canonical paper id/,
    ],
    [
      'an unknown source',
      withPaper(0, (p) => ({ ...p, source: 'myspace' })),
      /source: must be a site id \("arxiv", "huggingface", "dblp", …\), not "myspace"/,
    ],
    [
      'a date without a zone',
      withPaper(0, (p) => ({ ...p, savedAt: '2025-01-01 10:00' })),
      /savedAt: "2025-01-01 10:00" is not an ISO 8601 date-time/,
    ],
    [
      'an impossible date',
      withPaper(0, (p) => ({ ...p, updatedAt: '2025-13-45T10:00:00Z' })),
      /updatedAt: is not a real date/,
    ],
    [
      'epoch numbers as dates',
      withPaper(0, (p) => ({ ...p, savedAt: 1_700_000_000_000 })),
      /savedAt: must be an ISO 8601 date-time string, not 1700000000000/,
    ],
    ['a version of 0', withPaper(0, (p) => ({ ...p, version: 0 })), /version: must be at least 1/],
    [
      'a string version number',
      withPaper(0, (p) => ({ ...p, version: '2' })),
      /version: must be a number or null, not "2"/,
    ],
    [
      'an empty tag',
      withPaper(0, (p) => ({ ...p, tags: ['ok', ' \u200b '] })),
      /tags\.1: must not be empty/,
    ],
    [
      'a tag too long',
      withPaper(0, (p) => ({ ...p, tags: ['x'.repeat(51)] })),
      /tags\.0: must be at most 50 characters/,
    ],
    [
      'too many tags',
      withPaper(0, (p) => ({ ...p, tags: Array.from({ length: 51 }, (_, i) => `t${i}`) })),
      /tags: must list at most 50 tags/,
    ],
    [
      'topics as a string',
      withPaper(0, (p) => ({ ...p, topics: 'social' })),
      /topics: must be an array, not "social"/,
    ],
    [
      'a bad noteUpdatedAt',
      withPaper(0, (p) => ({ ...p, noteUpdatedAt: 'yesterday' })),
      /noteUpdatedAt: "yesterday" is not an ISO 8601 date-time/,
    ],
    [
      'duplicate ids',
      text({
        ...good(),
        papers: [
          exportPaper(makeRecord(1)),
          exportPaper(makeRecord(2)),
          exportPaper(makeRecord(1)),
        ],
      }),
      /^Papers 1 and 3 are both arxiv:2406\.00001; an export lists each paper once\.$/,
    ],
    [
      'several bad papers',
      text({ ...good(), papers: [1, 2, 3] }),
      /^Paper 1: must be an object, not 1 \(2 other papers have problems too\)\.$/,
    ],
    [
      'too many papers',
      `{"format":"biaslens-notes","version":1,"papers":[${Array(IMPORT_LIMITS.papers + 1)
        .fill('0')
        .join(',')}]}`,
      /lists 50001 papers; at most 50000 can be imported at once/,
    ],
    [
      'a file over the size limit',
      ' '.repeat(IMPORT_LIMITS.textChars + 1),
      /^The file is too large \(32\.0 MB\); BiasLens imports files up to 32\.0 MB\.$/,
    ],
  ];

  it.each(cases)('rejects %s', (_name, input, message) => {
    const result = parseImportText(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(message);
    expect(result.error.length).toBeLessThan(400);
  });
});

describe('parseImportText: valid files', () => {
  it('reads the current format back to the records, URLs rebuilt from the id', () => {
    const record = makeRecord(7, {
      version: 2,
      abstract: 'A.',
      note: 'n',
      noteUpdatedAt: 5,
      tags: ['a'],
      tagsUpdatedAt: 6,
    });
    const doc = buildExport([record], 10) as unknown as { papers: Record<string, unknown>[] };
    (doc.papers[0] as { urls: unknown }).urls = { abs: 'javascript:alert(1)' };
    const result = parseImportText(JSON.stringify(doc));
    expect(result).toMatchObject({ ok: true, version: 1, exportedAt: 10, warnings: [] });
    if (!result.ok) return;
    expect(result.records).toStrictEqual([record]);
  });

  it('reads files from before the per-field times: note and tags count as edited at updatedAt', () => {
    const old = {
      format: 'biaslens-notes',
      version: 1,
      exportedAt: '2025-11-26T09:30:00.000Z',
      papers: [
        {
          id: 'arxiv:2406.12345',
          arxivId: '2406.12345',
          version: null,
          urls: {},
          title: 'T',
          authors: [],
          abstract: null,
          topics: ['social'],
          source: 'arxiv',
          savedAt: '2025-11-20T14:02:11.512Z',
          updatedAt: '2025-11-26T09:29:58.004Z',
          note: 'old note',
          tags: ['x'],
        },
        { ...exportPaper(makeRecord(1)), noteUpdatedAt: undefined, tagsUpdatedAt: undefined },
      ],
    };
    const result = parseImportText(JSON.stringify(old));
    if (!result.ok) throw new Error(result.error);
    const updated = Date.parse('2025-11-26T09:29:58.004Z');
    expect(result.records[0]).toMatchObject({ noteUpdatedAt: updated, tagsUpdatedAt: updated });
    // An empty note and no tags: nothing was ever edited.
    expect('noteUpdatedAt' in (result.records[1] ?? {})).toBe(false);
    expect('tagsUpdatedAt' in (result.records[1] ?? {})).toBe(false);
  });

  it('ignores unknown fields (also __proto__ and constructor) and reports unknown topics', () => {
    const paper = {
      ...exportPaper(makeRecord(1)),
      topics: ['social', 'temporal', 'social'],
      extra: 1,
    };
    const json = `{"format":"biaslens-notes","version":1,"future":true,"__proto__":{"polluted":1},"papers":[${JSON.stringify(paper).replace(/^\{/, '{"__proto__":{"polluted":2},"constructor":{"prototype":{"polluted":3}},')}]}`;
    const result = parseImportText(json);
    if (!result.ok) throw new Error(result.error);
    const [record] = result.records;
    expect(record?.topics).toEqual(['social']);
    expect(Object.keys(record ?? {})).not.toContain('extra');
    expect(Object.hasOwn(record ?? {}, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.warnings).toEqual([expect.stringMatching(/were left out: "temporal"/)]);
  });

  it('accepts a byte-order mark, nulls for optional fields, and hand-written times', () => {
    const paper = {
      ...exportPaper(makeRecord(1)),
      savedAt: '2025-01-01T10:00Z',
      updatedAt: '2025-01-01T12:00:00+02:00',
    };
    const result = parseImportText(
      `\ufeff${JSON.stringify({ format: 'biaslens-notes', version: 1, papers: [paper] })}`,
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.records[0]?.savedAt).toBe(Date.UTC(2025, 0, 1, 10));
    expect(result.records[0]?.updatedAt).toBe(Date.UTC(2025, 0, 1, 10));
  });

  it('normalizes and dedupes tags (whitespace, case)', () => {
    const result = parseImportText(
      withPaper(0, (p) => ({ ...p, tags: ['  to   read ', 'LLM', 'llm', 'To read'] })),
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.records[0]?.tags).toEqual(['to read', 'LLM']);
  });
});
