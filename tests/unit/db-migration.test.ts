/**
 * Schema migrations. A database is created at every past schema version with a raw Dexie that
 * knows only the schemas up to that version, filled with data, then opened with the current
 * BiasLensDB: every record and every note must come through intact.
 *
 * KEEP THIS TEST FOR EVERY FUTURE SCHEMA VERSION: when lib/db/schema.ts gains version(n), add
 * its stores (and a filler for its new tables) to HISTORY below; the first test fails until then.
 * A version whose upgrade changes existing rows says how in `upgradeRow`: a database created at
 * an older version must come out as its rows with every later `upgradeRow` applied, nothing else.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { buildExport, serializeExport } from '../../lib/db/export';
import { importText } from '../../lib/db/import';
import { editNote, getAllPapers, getSavedIds } from '../../lib/db/papers';
import { BiasLensDB } from '../../lib/db/schema';
import type { PaperRecord } from '../../lib/db/types';
import { dumpDatabase, makeRecord } from './notebook-helpers';

/** Every schema version that ever shipped, as its version() block declared it (a copy on purpose). */
const HISTORY: {
  version: number;
  stores: Record<string, string>;
  fill: (db: Dexie) => Promise<void>;
  /** What this version's upgrade does to a row of an older database (written out, not imported). */
  upgradeRow?: (table: string, row: Record<string, unknown>) => Record<string, unknown>;
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
  {
    version: 3,
    stores: { papers: 'id, savedAt, updatedAt, source, *topics, *tags, *aliases' },
    fill: async (db) => {
      await db.table('papers').bulkAdd(versionThreePapers());
      await db
        .table('settings')
        .bulkAdd([{ key: 'genericSites', value: ['https://www.cs.example.edu'] }]);
    },
    // Every paper of v1/v2 is an arXiv paper: its aliases are its own id. Nothing else changes.
    upgradeRow: (table, row) => (table === 'papers' ? { ...row, aliases: [row.id] } : row),
  },
];

/** Records only version 3 can hold: keyed by a DOI, an ACL id, linked to an arXiv id. */
function versionThreePapers(): PaperRecord[] {
  const base = makeRecord(900, { note: 'DOI-only note', tags: ['doi'] });
  const { arxivId: _, ...noArxiv } = base;
  return [
    {
      ...noArxiv,
      id: 'doi:10.1145/3442188.3445922',
      doi: '10.1145/3442188.3445922',
      aliases: ['doi:10.1145/3442188.3445922'],
      urls: { abs: 'https://doi.org/10.1145/3442188.3445922' },
      source: 'dblp',
    },
    {
      ...noArxiv,
      id: 'acl:2024.acl-long.1',
      aclId: '2024.acl-long.1',
      aliases: ['acl:2024.acl-long.1', 'arxiv:2406.00901'],
      arxivId: '2406.00901',
      note: 'linked',
      source: 'acl',
    },
  ];
}

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
    // Version 1 had no aliases (schema v3 added them).
    delete record.aliases;
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
      expect(before.papers?.length).toBeGreaterThanOrEqual(300);
      // What every later version's upgrade does to the rows, as HISTORY writes it out.
      const expected: Record<string, unknown[]> = {};
      for (const [table, rows] of Object.entries(before)) {
        expected[table] = rows.map((row) =>
          HISTORY.filter((step) => step.version > version).reduce(
            (each, step) => step.upgradeRow?.(table, each) ?? each,
            row as Record<string, unknown>,
          ),
        );
      }

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
          byId(expected[table.name] ?? []),
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

  it('finds upgraded records by alias, and links a DOI-only record to its arXiv id', async () => {
    const name = `biaslens-test-migration-aliases-${Date.now()}`;
    await createAtVersion(name, 2);
    const db = new BiasLensDB(name);
    opened.push(db);
    expect(await getSavedIds(db, ['arxiv:2406.00001', 'doi:10.1/none'])).toEqual([
      'arxiv:2406.00001',
    ]);
    expect(await db.papers.where('aliases').equals('arxiv:2406.00007').primaryKeys()).toEqual([
      'arxiv:2406.00007',
    ]);
  });
});
