import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  countPapers,
  editNote,
  listNewest,
  listTagCounts,
  removePaper,
  renameTag,
  restorePapers,
  savePaper,
  updateTags,
} from '../../lib/db/papers';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import type { ExtractedPaper } from '../../lib/paper';
import { makeRecord } from './notebook-helpers';

let db: BiasLensDB;
let counter = 0;
beforeEach(async () => {
  counter += 1;
  db = openDatabase(`biaslens-test-notebook-${counter}-${Date.now()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const extracted = (n: number): ExtractedPaper => {
  const record = makeRecord(n);
  return {
    id: record.id,
    arxivId: record.arxivId,
    title: 'Refreshed',
    authors: ['X'],
    url: '',
    site: 'arxiv',
  };
};

describe('editNote', () => {
  it('stores the note with the time it was typed, and bumps updatedAt', async () => {
    await db.papers.put(makeRecord(1, { updatedAt: 100 }));
    const edit = await editNote(db, 'arxiv:2406.00001', 'typed', 900, 1000);
    expect(edit?.applied).toBe(true);
    expect(await db.papers.get('arxiv:2406.00001')).toMatchObject({
      note: 'typed',
      noteUpdatedAt: 900,
      updatedAt: 1000,
    });
  });

  it('never lets an older edit overwrite a newer one, whatever the arrival order', async () => {
    await db.papers.put(makeRecord(1));
    await editNote(db, 'arxiv:2406.00001', 'newer (card)', 2000, 2100);
    const late = await editNote(db, 'arxiv:2406.00001', 'older (popup)', 1500, 2200);
    expect(late).toMatchObject({ applied: false, record: { note: 'newer (card)' } });
    expect((await db.papers.get('arxiv:2406.00001'))?.note).toBe('newer (card)');
  });

  it('clamps an edit time from the future to now, and ignores a stored time from the future', async () => {
    await db.papers.put(makeRecord(1, { note: 'imported', noteUpdatedAt: 9_999_999_999_999 }));
    const edit = await editNote(db, 'arxiv:2406.00001', 'mine', 5_000_000, 1000);
    expect(edit).toMatchObject({ applied: true, record: { note: 'mine', noteUpdatedAt: 1000 } });
  });

  it('returns undefined for a paper that is not saved', async () => {
    expect(await editNote(db, 'arxiv:2406.00001', 'x', 1, 1)).toBeUndefined();
  });

  it('re-saving a paper from a page keeps the note, the tags and their times', async () => {
    await db.papers.put(
      makeRecord(1, { note: 'n', noteUpdatedAt: 5, tags: ['t'], tagsUpdatedAt: 6 }),
    );
    const record = await savePaper(db, extracted(1), [], 10);
    expect(record).toMatchObject({
      title: 'Refreshed',
      note: 'n',
      noteUpdatedAt: 5,
      tags: ['t'],
      tagsUpdatedAt: 6,
    });
  });
});

describe('updateTags and renameTag', () => {
  it('adds (normalized, deduped ignoring case) and removes tags', async () => {
    await db.papers.put(makeRecord(1, { tags: ['LLM'] }));
    const record = await updateTags(
      db,
      'arxiv:2406.00001',
      { add: ['  to   read ', 'llm'], remove: [] },
      50,
    );
    expect(record).toMatchObject({ tags: ['LLM', 'to read'], tagsUpdatedAt: 50, updatedAt: 50 });
    const removed = await updateTags(db, 'arxiv:2406.00001', { add: [], remove: ['llm'] }, 60);
    expect(removed?.tags).toEqual(['to read']);
  });

  it('writes nothing when the tags do not change', async () => {
    const stored = makeRecord(1, { tags: ['a'] });
    await db.papers.put(stored);
    expect(await updateTags(db, 'arxiv:2406.00001', { add: ['A'], remove: [] }, 99)).toEqual(
      stored,
    );
  });

  it('refuses more than 50 tags on a paper', async () => {
    await db.papers.put(makeRecord(1, { tags: Array.from({ length: 50 }, (_, i) => `t${i}`) }));
    await expect(
      updateTags(db, 'arxiv:2406.00001', { add: ['one more'], remove: [] }, 1),
    ).rejects.toThrow(/at most 50 tags/);
  });

  it('renames a tag on every paper, any case, merging where the new name exists', async () => {
    await db.papers.bulkPut([
      makeRecord(1, { tags: ['ml', 'x'] }),
      makeRecord(2, { tags: ['ML'] }),
      makeRecord(3, { tags: ['machine learning', 'ml'] }),
      makeRecord(4, { tags: ['other'] }),
    ]);
    expect(await renameTag(db, 'ml', 'machine learning', 77)).toBe(3);
    const tags = (await db.papers.toArray()).map((record) => record.tags);
    expect(tags).toEqual([
      ['machine learning', 'x'],
      ['machine learning'],
      ['machine learning'],
      ['other'],
    ]);
    expect((await db.papers.get('arxiv:2406.00004'))?.tagsUpdatedAt).toBeUndefined();
    expect((await db.papers.get('arxiv:2406.00001'))?.tagsUpdatedAt).toBe(77);
    expect(await renameTag(db, 'nope', 'x', 1)).toBe(0);
    await expect(renameTag(db, 'x', '   ', 1)).rejects.toThrow(/must not be empty/);
  });

  it('counts tags from the index', async () => {
    await db.papers.bulkPut([makeRecord(1, { tags: ['a', 'b'] }), makeRecord(2, { tags: ['b'] })]);
    expect(await listTagCounts(db)).toEqual([
      { tag: 'b', count: 2 },
      { tag: 'a', count: 1 },
    ]);
  });
});

describe('removePaper and restorePapers (delete with undo)', () => {
  it('gives back the removed record, and restores it exactly', async () => {
    const record = makeRecord(1, {
      note: 'keep me',
      noteUpdatedAt: 3,
      tags: ['t'],
      tagsUpdatedAt: 4,
    });
    await db.papers.put(record);
    const removed = await removePaper(db, record.id);
    expect(removed).toEqual(record);
    expect(await db.papers.count()).toBe(0);
    expect(await removePaper(db, record.id)).toBeUndefined();
    expect(await restorePapers(db, [record])).toEqual([record.id]);
    expect(await db.papers.get(record.id)).toEqual(record);
  });

  it('merges with a copy saved again meanwhile instead of overwriting it', async () => {
    const record = makeRecord(1, { note: 'old note', noteUpdatedAt: 3 });
    await db.papers.put(
      makeRecord(1, { savedAt: 9_000_000_000_000, updatedAt: 9_000_000_000_000 }),
    );
    expect(await restorePapers(db, [record])).toEqual([]);
    expect(await db.papers.get(record.id)).toMatchObject({
      note: 'old note',
      savedAt: record.savedAt,
    });
  });
});

describe('listNewest and countPapers', () => {
  it('read only the newest page, and the count', async () => {
    await db.papers.bulkPut(Array.from({ length: 40 }, (_, i) => makeRecord(i)));
    expect(await countPapers(db)).toBe(40);
    const records = await listNewest(db, 5);
    expect(records.map((record) => record.id)).toEqual([
      'arxiv:2406.00039',
      'arxiv:2406.00038',
      'arxiv:2406.00037',
      'arxiv:2406.00036',
      'arxiv:2406.00035',
    ]);
  });
});
