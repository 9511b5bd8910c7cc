import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { buildExport, serializeExport } from '../../lib/db/export';
import { importText } from '../../lib/db/import';
import { getAllPapers } from '../../lib/db/papers';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import type { Broadcast } from '../../lib/messages';
import { conflictMarker } from '../../lib/notebook/merge';
import {
  dumpDatabase,
  extensionPage,
  makeRecord,
  paperRecordsArb,
  wireBackground,
} from './notebook-helpers';

let db: BiasLensDB;
let counter = 0;
beforeEach(async () => {
  fakeBrowser.reset();
  counter += 1;
  db = openDatabase(`biaslens-test-roundtrip-${counter}-${Date.now()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const exportAll = async () =>
  serializeExport(buildExport(await getAllPapers(db), 1_750_000_000_000));

describe('export, wipe, import', () => {
  it('gives an identical database (property-based, fast-check)', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(paperRecordsArb(12), async (records) => {
        runs += 1;
        await db.papers.clear();
        await db.papers.bulkPut(records);
        const before = await dumpDatabase(db);
        const text = await exportAll();

        await db.papers.clear();
        const result = await importText(db, text, { apply: true });
        if (!result.ok) throw new Error(result.error);
        expect(result.summary).toMatchObject({ total: records.length, new: records.length });
        expect(await dumpDatabase(db)).toStrictEqual(before);

        // Importing the same file again into the restored database changes nothing.
        const again = await importText(db, text, { apply: true });
        if (!again.ok) throw new Error(again.error);
        expect(again.summary).toMatchObject({
          unchanged: records.length,
          updated: 0,
          conflicts: 0,
        });
        expect(await dumpDatabase(db)).toStrictEqual(before);
      }),
      { numRuns: 120 },
    );
    console.log(`[round trip] ${runs} random databases exported, wiped and imported identically`);
  });

  it('also round-trips through the background message, and tells listings about new papers', async () => {
    const broadcasts: Broadcast[] = [];
    const handle = wireBackground(db, { broadcasts });
    const records = [
      makeRecord(1, {
        note: 'first\nsecond',
        noteUpdatedAt: 5,
        tags: ['a', 'B'],
        tagsUpdatedAt: 6,
      }),
      makeRecord(2, { version: 3, abstract: 'Abstract.' }),
    ];
    await db.papers.bulkPut(records);
    const before = await dumpDatabase(db);
    const text = await exportAll();
    await db.papers.clear();

    const dry = await handle(
      { type: 'import-papers', text, apply: false },
      extensionPage('/options.html'),
    );
    expect(dry).toEqual({
      ok: true,
      summary: {
        applied: false,
        version: 1,
        total: 2,
        new: 2,
        updated: 0,
        unchanged: 0,
        conflicts: 0,
        conflictIds: [],
        warnings: [],
      },
    });
    expect(await db.papers.count()).toBe(0); // a dry run writes nothing
    const applied = await handle(
      { type: 'import-papers', text, apply: true },
      extensionPage('/options.html'),
    );
    expect(applied).toMatchObject({ ok: true, summary: { applied: true, new: 2 } });
    expect(await dumpDatabase(db)).toStrictEqual(before);
    await expect
      .poll(() => broadcasts)
      .toContainEqual({
        type: 'saved-changed',
        ids: ['arxiv:2406.00002', 'arxiv:2406.00001'],
        saved: true,
      });
  });
});

describe('importing into a database that has papers', () => {
  it('counts new, updated, unchanged and conflicting papers, and merges them in one go', async () => {
    await db.papers.bulkPut([
      makeRecord(1), // unchanged
      makeRecord(2, { title: 'Old title', updatedAt: 10 }), // updated by the file
      makeRecord(3, { note: 'written here', noteUpdatedAt: 50, updatedAt: 50 }), // conflict
    ]);
    const file = buildExport(
      [
        makeRecord(1),
        makeRecord(2, { title: 'New title', updatedAt: 20 }),
        makeRecord(3, { note: 'written there', noteUpdatedAt: 40, updatedAt: 40 }),
        makeRecord(4, { note: 'brand new' }),
      ],
      0,
    );
    const dry = await importText(db, serializeExport(file), { apply: false });
    expect(dry).toMatchObject({
      ok: true,
      summary: {
        total: 4,
        new: 1,
        updated: 1,
        unchanged: 1,
        conflicts: 1,
        conflictIds: ['arxiv:2406.00003'],
      },
    });
    const result = await importText(db, serializeExport(file), { apply: true });
    expect(result).toMatchObject({
      ok: true,
      summary: { applied: true, new: 1, updated: 1, conflicts: 1 },
    });
    expect((await db.papers.get('arxiv:2406.00002'))?.title).toBe('New title');
    expect((await db.papers.get('arxiv:2406.00003'))?.note).toBe(
      `written here\n\n${conflictMarker('file', 40)}\nwritten there`,
    );
    expect((await db.papers.get('arxiv:2406.00004'))?.note).toBe('brand new');
  });

  it('changes nothing when one entry cannot be merged, and names that entry', async () => {
    await db.papers.bulkPut([makeRecord(5, { note: 'a'.repeat(60_000), noteUpdatedAt: 9 })]);
    const before = await dumpDatabase(db);
    const file = buildExport(
      [makeRecord(1), makeRecord(5, { note: 'b'.repeat(60_000), noteUpdatedAt: 8 }), makeRecord(9)],
      0,
    );
    const result = await importText(db, serializeExport(file), { apply: true });
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^Paper 2 \(arxiv:2406\.00005\): the note in the file and the note in this browser differ, and keeping both would exceed 100000 characters; .* Nothing was imported; your saved papers are unchanged\.$/,
      ),
    });
    expect(await dumpDatabase(db)).toStrictEqual(before);
  });

  it('imports 10,000 papers in one transaction', async () => {
    const records = Array.from({ length: 10_000 }, (_, i) =>
      makeRecord(i, {
        abstract: 'An abstract of moderate length. '.repeat(20),
        note: i % 3 ? '' : `note ${i}`,
      }),
    );
    const text = serializeExport(buildExport(records, 0));
    const result = await importText(db, text, { apply: true });
    expect(result).toMatchObject({ ok: true, summary: { new: 10_000 } });
    expect(await db.papers.count()).toBe(10_000);
  }, 60_000);
});
