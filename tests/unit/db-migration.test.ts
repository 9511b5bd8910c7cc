/**
 * Schema migrations. A database is created at every past schema version with a raw Dexie that
 * knows only the schemas up to that version, filled with data, then opened with the current
 * BiasLensDB: every record and every note must come through intact.
 *
 * KEEP THIS TEST FOR EVERY FUTURE SCHEMA VERSION: when lib/db/schema.ts gains version(n), add
 * its stores (and a filler for its new tables) to HISTORY below; the first test fails until then.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { buildExport, serializeExport } from '../../lib/db/export';
import { importText } from '../../lib/db/import';
import { editNote, getAllPapers } from '../../lib/db/papers';
import { BiasLensDB } from '../../lib/db/schema';
import type { PaperRecord } from '../../lib/db/types';
import { dumpDatabase, makeRecord } from './notebook-helpers';

/** Every schema version that ever shipped, as its version() block declared it (a copy on purpose). */
const HISTORY: {
  version: number;
  stores: Record<string, string>;
  fill: (db: Dexie) => Promise<void>;
}[] = [
  {
    version: 1,
    stores: { papers: 'id, savedAt, updatedAt, source, *topics, *tags' },
    fill: async (db) => {
      await db.table('papers').bulkAdd(versionOnePapers());
    },
  },
  {
    version: 2,
    stores: { corrections: 'id, updatedAt', customTopics: 'id', settings: 'key' },
    fill: async (db) => {
      await db
        .table('corrections')
        .bulkAdd([
          { id: 'arxiv:2406.00001', added: ['custom:fairness'], removed: ['data'], updatedAt: 5 },
        ]);
      await db.table('customTopics').bulkAdd([
        {
          id: 'custom:fairness',
          label: 'Fairness',
          color: '#123456',
          phrases: ['fair'],
          createdAt: 1,
          updatedAt: 2,
        },
      ]);
      await db.table('settings').bulkAdd([{ key: 'disabledTopics', value: ['ranking'] }]);
    },
  },
];

/** Records as version 1 of BiasLens wrote them (no per-field times), with every kind of note. */
function versionOnePapers(): PaperRecord[] {
  const notes = [
    '',
    'A short note.',
    'Line 1\nLine 2\n\nParagraph 2',
    'Ünïcödé, emoji 🙂👩‍🔬, RTL עברית, CJK 偏见',
    '<script>alert(1)</script> & "quotes" \\ backslash',
    'x'.repeat(100_000),
  ];
  return Array.from({ length: 300 }, (_, i) => {
    const record = makeRecord(i, {
      note: notes[i % notes.length] ?? '',
      tags: i % 4 === 0 ? ['to-read', `batch-${i % 3}`] : [],
      topics: i % 2 ? ['social', 'data'] : [],
      source: i % 3 ? 'arxiv' : 'huggingface',
    });
    if (i % 5 === 0) record.abstract = `Abstract ${i}.`;
    if (i % 7 === 0) record.version = (i % 4) + 1;
    return record;
  });
}

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

/** A raw database at `version`, declaring only the schemas up to it, filled with their data. */
async function createAtVersion(name: string, version: number): Promise<Record<string, unknown[]>> {
  const raw = new Dexie(name);
  for (const step of HISTORY.filter((each) => each.version <= version)) {
    raw.version(step.version).stores(step.stores);
  }
  await raw.open();
  for (const step of HISTORY.filter((each) => each.version <= version)) await step.fill(raw);
  const dump: Record<string, unknown[]> = {};
  for (const table of raw.tables) {
    dump[table.name] = await table.toArray();
  }
  raw.close();
  return dump;
}

describe('schema migrations', () => {
  it('HISTORY lists every schema version of BiasLensDB', () => {
    const current = new BiasLensDB('biaslens-test-migration-verno');
    expect(HISTORY.map((step) => step.version)).toEqual(
      Array.from({ length: current.verno }, (_, i) => i + 1),
    );
  });

  it.each(HISTORY.map((step) => step.version))(
    'upgrades a filled version-%i database with every record and note intact',
    async (version) => {
      const name = `biaslens-test-migration-v${version}-${Date.now()}`;
      const before = await createAtVersion(name, version);
      expect(before.papers).toHaveLength(300);

      const db = new BiasLensDB(name);
      opened.push(db);
      await db.open();
      expect(db.verno).toBe(HISTORY.at(-1)?.version);
      const after = await dumpDatabase(db);
      const byId = (rows: unknown[]) =>
        [...rows].sort((a, b) =>
          String(
            (a as { id?: string; key?: string }).id ?? (a as { key: string }).key,
          ).localeCompare(
            String((b as { id?: string; key?: string }).id ?? (b as { key: string }).key),
          ),
        );
      for (const table of db.tables) {
        expect(byId(after[table.name] ?? []), table.name).toStrictEqual(
          byId(before[table.name] ?? []),
        );
      }
      // Every note, byte for byte.
      const notes = new Map((await getAllPapers(db)).map((record) => [record.id, record.note]));
      for (const record of before.papers as PaperRecord[])
        expect(notes.get(record.id)).toBe(record.note);
    },
  );

  it('old records work with today’s features: edits, export and import', async () => {
    const name = `biaslens-test-migration-use-${Date.now()}`;
    await createAtVersion(name, 1);
    const db = new BiasLensDB(name);
    opened.push(db);
    const edit = await editNote(db, 'arxiv:2406.00001', 'edited after the upgrade', 10, 10);
    expect(edit?.applied).toBe(true);
    const text = serializeExport(buildExport(await getAllPapers(db), 0));
    const before = await dumpDatabase(db);
    await db.papers.clear();
    expect(await importText(db, text, { apply: true })).toMatchObject({
      ok: true,
      summary: { new: 300 },
    });
    expect(await dumpDatabase(db)).toStrictEqual(before);
  });
});
