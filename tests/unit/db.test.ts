import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  getAllPapers,
  getSavedIds,
  listPapers,
  savePaper,
  searchPapers,
  unsavePaper,
  updateNote,
} from '../../lib/db/papers';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import type { PaperRecord } from '../../lib/db/types';
import type { ExtractedPaper } from '../../lib/paper';

function paper(arxivId: string, extra: Partial<ExtractedPaper> = {}): ExtractedPaper {
  return {
    id: `arxiv:${arxivId}`,
    arxivId,
    title: `Paper ${arxivId}`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    url: `https://arxiv.org/abs/${arxivId}`,
    site: 'arxiv',
    ...extra,
  };
}

let db: BiasLensDB;
let counter = 0;
beforeEach(async () => {
  counter += 1;
  db = openDatabase(`biaslens-test-db-${counter}-${Date.now()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('schema', () => {
  it('indexes the documented fields', () => {
    const schema = db.papers.schema;
    expect(schema.primKey.name).toBe('id');
    expect(schema.indexes.map((index) => [index.name, index.multi]).sort()).toEqual(
      [
        // Schema v3: every canonical id a record is known by.
        ['aliases', true],
        ['savedAt', false],
        ['source', false],
        ['tags', true],
        ['topics', true],
        ['updatedAt', false],
      ].sort(),
    );
  });
});

describe('savePaper', () => {
  it('inserts a record with canonical urls, an empty note and normalized topics', async () => {
    const record = await savePaper(
      db,
      paper('2406.12345', { version: 2, abstract: 'About bias.' }),
      ['evaluation', 'social', 'social'],
      1000,
    );
    expect(record).toEqual({
      id: 'arxiv:2406.12345',
      arxivId: '2406.12345',
      aliases: ['arxiv:2406.12345'],
      version: 2,
      urls: {
        abs: 'https://arxiv.org/abs/2406.12345',
        pdf: 'https://arxiv.org/pdf/2406.12345',
        huggingface: 'https://huggingface.co/papers/2406.12345',
      },
      title: 'Paper 2406.12345',
      authors: ['Ada Lovelace', 'Alan Turing'],
      abstract: 'About bias.',
      topics: ['social', 'evaluation'],
      source: 'arxiv',
      savedAt: 1000,
      updatedAt: 1000,
      note: '',
      tags: [],
    } satisfies PaperRecord);
    expect(await db.papers.get('arxiv:2406.12345')).toEqual(record);
  });

  it('builds urls from the id, never from the page link, including old-style ids', async () => {
    const record = await savePaper(
      db,
      paper('hep-th/9901001', { url: 'https://evil.example/abs/hep-th/9901001' }),
      [],
      1,
    );
    expect(record.urls.abs).toBe('https://arxiv.org/abs/hep-th/9901001');
    expect(record.urls.pdf).toBe('https://arxiv.org/pdf/hep-th/9901001');
  });

  it('upserts: keeps savedAt, source, note and tags; refreshes metadata; keeps the max version', async () => {
    await savePaper(
      db,
      paper('2406.12345', { version: 3, abstract: 'Known abstract.' }),
      ['data'],
      1000,
    );
    await updateNote(db, 'arxiv:2406.12345', 'my note', 1500);
    await db.papers.update('arxiv:2406.12345', { tags: ['to-read'] });

    const updated = await savePaper(
      db,
      paper('2406.12345', {
        version: 2,
        title: 'Retitled',
        authors: ['Grace Hopper'],
        site: 'huggingface',
      }),
      ['ranking'],
      2000,
    );
    expect(updated).toMatchObject({
      title: 'Retitled',
      authors: ['Grace Hopper'],
      abstract: 'Known abstract.', // not replaced by a missing one
      version: 3,
      topics: ['ranking'],
      source: 'arxiv',
      savedAt: 1000,
      updatedAt: 2000,
      note: 'my note',
      tags: ['to-read'],
    });
    expect(await db.papers.count()).toBe(1);
  });

  it('replaces a known abstract by a new one and takes a newer version', async () => {
    await savePaper(db, paper('2406.12345', { abstract: 'Old.' }), [], 1);
    const updated = await savePaper(
      db,
      paper('2406.12345', { abstract: 'New.', version: 4 }),
      [],
      2,
    );
    expect(updated.abstract).toBe('New.');
    expect(updated.version).toBe(4);
  });

  it('keeps the known authors when a card shows none', async () => {
    await savePaper(db, paper('2406.12345'), [], 1);
    const updated = await savePaper(db, paper('2406.12345', { authors: [] }), [], 2);
    expect(updated.authors).toEqual(['Ada Lovelace', 'Alan Turing']);
  });

  it('stores no version or abstract keys when none were ever seen', async () => {
    const record = await savePaper(db, paper('2406.12345'), [], 1);
    expect('version' in record).toBe(false);
    expect('abstract' in record).toBe(false);
  });
});

describe('unsavePaper', () => {
  it('deletes the record and reports whether it existed', async () => {
    await savePaper(db, paper('2406.12345'), [], 1);
    expect(await unsavePaper(db, 'arxiv:2406.12345')).toBe(true);
    expect(await db.papers.count()).toBe(0);
    expect(await unsavePaper(db, 'arxiv:2406.12345')).toBe(false);
  });
});

describe('updateNote', () => {
  it('replaces the note and bumps updatedAt only', async () => {
    await savePaper(db, paper('2406.12345'), ['data'], 1000);
    const record = await updateNote(db, 'arxiv:2406.12345', 'Line 1\nLine 2', 5000);
    expect(record).toMatchObject({ note: 'Line 1\nLine 2', savedAt: 1000, updatedAt: 5000 });
    expect((await db.papers.get('arxiv:2406.12345'))?.note).toBe('Line 1\nLine 2');
  });

  it('returns undefined and writes nothing for an unsaved paper', async () => {
    expect(await updateNote(db, 'arxiv:2406.99999', 'x', 1)).toBeUndefined();
    expect(await db.papers.count()).toBe(0);
  });
});

describe('getSavedIds', () => {
  it('returns the saved subset of the ids in one query', async () => {
    await savePaper(db, paper('2406.00001'), [], 1);
    await savePaper(db, paper('2406.00002'), [], 2);
    await savePaper(db, paper('2406.00003'), [], 3);
    const saved = await getSavedIds(db, [
      'arxiv:2406.00003',
      'arxiv:2406.00009',
      'arxiv:2406.00001',
      'arxiv:2406.00001',
    ]);
    expect([...saved].sort()).toEqual(['arxiv:2406.00001', 'arxiv:2406.00003']);
  });

  it('handles an empty list and thousands of ids', async () => {
    expect(await getSavedIds(db, [])).toEqual([]);
    await savePaper(db, paper('2406.04999'), [], 1);
    const ids = Array.from({ length: 5000 }, (_, i) => `arxiv:2406.${String(i).padStart(5, '0')}`);
    expect(await getSavedIds(db, ids)).toEqual(['arxiv:2406.04999']);
  });
});

describe('listPapers and getAllPapers', () => {
  it('lists newest first by savedAt, unaffected by later updates', async () => {
    await savePaper(db, paper('2406.00002'), [], 200);
    await savePaper(db, paper('2406.00001'), [], 300);
    await savePaper(db, paper('2406.00003'), [], 100);
    await updateNote(db, 'arxiv:2406.00003', 'edited last', 999);
    expect((await listPapers(db)).map((record) => record.id)).toEqual([
      'arxiv:2406.00001',
      'arxiv:2406.00002',
      'arxiv:2406.00003',
    ]);
    expect((await getAllPapers(db)).map((record) => record.id).sort()).toEqual([
      'arxiv:2406.00001',
      'arxiv:2406.00002',
      'arxiv:2406.00003',
    ]);
  });
});

describe('searchPapers', () => {
  const base: Omit<PaperRecord, 'id' | 'title' | 'authors' | 'note' | 'tags'> = {
    arxivId: '',
    urls: { abs: '', pdf: '', huggingface: '' },
    topics: [],
    source: 'arxiv',
    savedAt: 0,
    updatedAt: 0,
  };
  const records: PaperRecord[] = [
    {
      ...base,
      id: 'a',
      title: 'Gender Bias in Language Models',
      authors: ['Jane Doe'],
      abstract: 'We measure stereotypes.',
      note: '',
      tags: [],
    },
    {
      ...base,
      id: 'b',
      title: 'Fair Ranking',
      authors: ['John Roe'],
      note: 'Compare with the GENDER paper',
      tags: ['exposure'],
    },
    { ...base, id: 'c', title: 'Vision Transformers', authors: ['Jane Roe'], note: '', tags: [] },
  ];
  const ids = (query: string) => searchPapers(records, query).map((record) => record.id);

  it.each([
    ['', ['a', 'b', 'c']],
    ['   ', ['a', 'b', 'c']],
    ['gender', ['a', 'b']],
    ['GENDER bias', ['a']],
    ['jane', ['a', 'c']],
    ['roe jane', ['c']],
    ['stereotypes', ['a']],
    ['exposure', ['b']],
    ['compare  ranking', ['b']],
    ['nothing-matches', []],
  ])('%j matches %j', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(records);
    searchPapers(records, 'gender');
    expect(records).toEqual(copy);
  });
});
