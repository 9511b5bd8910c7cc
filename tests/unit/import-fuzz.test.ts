/**
 * Import fuzzing: well over 1,000 malformed or mutated export files go through the background's
 * import-papers request. Each must be either rejected with a clear message, leaving the database
 * exactly as it was (a full dump compared before and after), or imported cleanly (counts add up,
 * every stored record exports and re-imports, no prototype pollution).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { buildExport, exportPaper, serializeExport } from '../../lib/db/export';
import { getAllPapers } from '../../lib/db/papers';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import type { PaperRecord } from '../../lib/db/types';
import type { Response } from '../../lib/messages';
import { parseImportText } from '../../lib/notebook/import-format';
import {
  dumpDatabase,
  extensionPage,
  makeRecord,
  paperRecordArb,
  wireBackground,
} from './notebook-helpers';

const RUNS = 1200;

/** Stored before every case; some of the files' papers are these (updates, conflicts). */
const SEED: PaperRecord[] = [
  makeRecord(1, {
    note: 'stored note',
    noteUpdatedAt: 1_700_000_500_000,
    tags: ['a'],
    tagsUpdatedAt: 1,
  }),
  makeRecord(2, { abstract: 'Stored abstract.' }),
  makeRecord(3),
];

/** The file every mutation starts from: two seeded papers (one changed) and two new ones. */
function baseDocument(): Record<string, unknown> {
  return JSON.parse(
    serializeExport(
      buildExport(
        [
          makeRecord(1, { note: 'file note', noteUpdatedAt: 1_700_000_400_000 }),
          makeRecord(2, { title: 'Retitled', updatedAt: 1_800_000_000_000 }),
          makeRecord(4, {
            note: 'new\nnote',
            tags: ['x', 'y'],
            tagsUpdatedAt: 5,
            noteUpdatedAt: 6,
          }),
          makeRecord(5, { version: 2, abstract: 'New abstract.' }),
        ],
        1_750_000_000_000,
      ),
    ),
  );
}

const PAPER_FIELDS = [
  'id',
  'arxivId',
  'version',
  'urls',
  'title',
  'authors',
  'abstract',
  'topics',
  'source',
  'savedAt',
  'updatedAt',
  'note',
  'noteUpdatedAt',
  'tags',
  'tagsUpdatedAt',
] as const;
const STRING_FIELDS = [
  'id',
  'arxivId',
  'title',
  'abstract',
  'note',
  'savedAt',
  'updatedAt',
] as const;
const TOP_FIELDS = ['format', 'version', 'exportedAt', 'papers'] as const;

type Doc = Record<string, unknown> & { papers: Record<string, unknown>[] };

/** Sets an own, enumerable key even when it is `__proto__` (JSON.stringify then writes it). */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    configurable: true,
    writable: true,
  });
}

/** `value` nested `depth` levels deep in arrays or objects, built without recursion. */
function deeplyNested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** One fuzz case: a name (for the tally and for failures) and the file's text. */
interface FuzzCase {
  kind: string;
  text: string;
}

const docCase = (kind: string, mutate: fc.Arbitrary<(doc: Doc) => void>): fc.Arbitrary<FuzzCase> =>
  mutate.map((apply) => {
    const doc = baseDocument() as Doc;
    apply(doc);
    return { kind, text: JSON.stringify(doc, null, 2) };
  });

const paperIndex = fc.nat(3);

const fuzzCaseArb: fc.Arbitrary<FuzzCase> = fc.oneof(
  // Truncated files, cut anywhere.
  fc.nat().map((cut) => {
    const text = serializeExport(baseDocument() as never);
    return { kind: 'truncated', text: text.slice(0, cut % text.length) };
  }),
  // A field of a paper replaced by a value of any type.
  docCase(
    'wrong type in a paper',
    fc
      .tuple(paperIndex, fc.constantFrom(...PAPER_FIELDS), fc.anything({ maxDepth: 2 }))
      .map(([i, field, value]) => (doc: Doc) => {
        const paper = doc.papers[i];
        if (paper) setOwn(paper, field, value);
      }),
  ),
  // A top-level field replaced by a value of any type.
  docCase(
    'wrong type at the top',
    fc.tuple(fc.constantFrom(...TOP_FIELDS), fc.anything({ maxDepth: 2 })).map(
      ([field, value]) =>
        (doc: Doc) =>
          setOwn(doc, field, value),
    ),
  ),
  // Items inside lists of the wrong type.
  docCase(
    'wrong item type',
    fc
      .tuple(paperIndex, fc.constantFrom('authors', 'tags', 'topics'), fc.anything({ maxDepth: 1 }))
      .map(([i, field, value]) => (doc: Doc) => {
        const paper = doc.papers[i];
        if (paper) paper[field] = [...((paper[field] as unknown[]) ?? []), value];
      }),
  ),
  // Huge strings, around and far over the limits.
  docCase(
    'huge string',
    fc
      .tuple(paperIndex, fc.constantFrom(...STRING_FIELDS), fc.integer({ min: 1900, max: 250_000 }))
      .map(([i, field, length]) => (doc: Doc) => {
        const paper = doc.papers[i];
        if (paper) paper[field] = 'x'.repeat(length);
      }),
  ),
  docCase(
    'huge list',
    fc
      .tuple(
        paperIndex,
        fc.constantFrom('authors', 'tags', 'topics'),
        fc.integer({ min: 40, max: 2000 }),
      )
      .map(([i, field, length]) => (doc: Doc) => {
        const paper = doc.papers[i];
        if (paper) paper[field] = Array.from({ length }, (_, n) => `item ${n}`);
      }),
  ),
  // Duplicate ids (an exact copy, or a changed one).
  docCase(
    'duplicate id',
    fc.tuple(paperIndex, paperIndex, fc.boolean()).map(([from, to, change]) => (doc: Doc) => {
      const copy = { ...doc.papers[from] };
      if (change) copy.note = 'changed copy';
      doc.papers.splice(to, 0, copy);
    }),
  ),
  // Unknown and odd versions.
  docCase(
    'unknown version',
    fc
      .oneof(
        fc.integer({ min: -5, max: 100 }).filter((n) => n !== 1),
        fc.double({ noNaN: false }),
        fc.constantFrom('1', '2', null, true, [1], { major: 1 }, Number.POSITIVE_INFINITY),
      )
      .map((version) => (doc: Doc) => {
        doc.version = version;
      }),
  ),
  // Keys like __proto__, constructor, prototype, at the top or in a paper.
  docCase(
    'prototype keys',
    fc
      .tuple(
        fc.constantFrom(
          '__proto__',
          'constructor',
          'prototype',
          '__defineGetter__',
          'toString',
          'hasOwnProperty',
        ),
        fc.oneof(fc.constant(-1), paperIndex),
        fc.constantFrom<unknown>(
          { polluted: true },
          { prototype: { polluted: true } },
          'polluted',
          [1, 2],
          null,
        ),
      )
      .map(([key, where, value]) => (doc: Doc) => {
        const target = where < 0 ? doc : doc.papers[where];
        if (target) setOwn(target, key, value);
        if (where >= 0 && doc.papers[where]) setOwn(doc.papers[where].urls as object, key, value);
      }),
  ),
  // Deep nesting, in an unknown field or in a known one.
  fc
    .tuple(
      fc.integer({ min: 100, max: 60_000 }),
      fc.constantFrom('array' as const, 'object' as const),
      fc.constantFrom('"deep"', '"note"', '"authors"', '"tags"', '"urls"'),
    )
    .map(([depth, kind, field]) => {
      // Appended as the first paper's last key, so it wins over an earlier key of the same name.
      const text = JSON.stringify(baseDocument());
      const insert = `,${field}:${deeplyNested(depth, kind)}},{"id"`;
      return { kind: 'deep nesting', text: text.replace('},{"id"', insert) };
    }),
  // Missing fields.
  docCase(
    'missing field',
    fc
      .tuple(fc.oneof(fc.constant(-1), paperIndex), fc.constantFrom(...PAPER_FIELDS, ...TOP_FIELDS))
      .map(([where, field]) => (doc: Doc) => {
        const target = where < 0 ? doc : doc.papers[where];
        if (target) delete target[field];
      }),
  ),
  // Noise: random text, random JSON.
  fc.string({ maxLength: 300 }).map((text) => ({ kind: 'random text', text })),
  fc
    .jsonValue({ maxDepth: 4 })
    .map((value) => ({ kind: 'random JSON', text: JSON.stringify(value) ?? '' })),
  // Valid files with random papers (merged with the seeded ones when ids collide).
  fc
    .uniqueArray(paperRecordArb, { maxLength: 6, selector: (record) => record.id })
    .chain((records) =>
      fc.boolean().map((pretty) => {
        const doc = buildExport(records, 1_750_000_000_000);
        return { kind: 'valid random', text: pretty ? serializeExport(doc) : JSON.stringify(doc) };
      }),
    ),
  // Valid structure with harmless extra fields and shuffled key order.
  docCase(
    'extra fields',
    fc
      .tuple(paperIndex, fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }))
      .map(([i, key, value]) => (doc: Doc) => {
        const paper = doc.papers[i];
        if (paper && !(PAPER_FIELDS as readonly string[]).includes(key))
          setOwn(paper, `x-${key}`, value);
        setOwn(doc, `x-${key}`, value);
      }),
  ),
);

let db: BiasLensDB;
let handle: ReturnType<typeof wireBackground>;

beforeAll(async () => {
  fakeBrowser.reset();
  db = openDatabase(`biaslens-test-fuzz-${Date.now()}`);
  await db.open();
  handle = wireBackground(db);
});
afterAll(async () => {
  await db.delete();
});

async function reseed(): Promise<void> {
  await db.papers.clear();
  await db.papers.bulkPut(SEED);
}

/** A message a user can read: a sentence, bounded, no code artefacts. */
function expectClearMessage(error: string): void {
  expect(error.length).toBeGreaterThan(15);
  expect(error.length).toBeLessThan(700);
  expect(error).not.toMatch(/\[object |undefined is not|Cannot read prop|\n\s+at /);
  expect(error).toMatch(/Nothing was imported|Invalid import-papers request/);
}

describe('import fuzzing', () => {
  it(`handles ${RUNS} malformed or mutated export files: clear rejection and no change, or a clean import`, async () => {
    const tally = new Map<
      string,
      { run: number; rejected: number; imported: number; example?: string }
    >();
    let run = 0;
    let rejected = 0;
    let imported = 0;
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    await reseed();

    await fc.assert(
      fc.asyncProperty(fuzzCaseArb, async ({ kind, text }) => {
        const entry = tally.get(kind) ?? { run: 0, rejected: 0, imported: 0 };
        tally.set(kind, entry);
        run += 1;
        entry.run += 1;
        const before = await dumpDatabase(db);
        const response = (await handle(
          { type: 'import-papers', text, apply: true },
          extensionPage('/options.html'),
        )) as Response;

        // Nothing leaks onto Object.prototype, whatever the file held.
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();

        if (!response.ok) {
          rejected += 1;
          entry.rejected += 1;
          entry.example ??= response.error;
          expectClearMessage(response.error);
          expect(await dumpDatabase(db)).toStrictEqual(before);
          return;
        }
        imported += 1;
        entry.imported += 1;
        if (!('summary' in response)) throw new Error('no summary');
        const { summary } = response;
        expect(summary.new + summary.updated + summary.unchanged + summary.conflicts).toBe(
          summary.total,
        );
        const after = await getAllPapers(db);
        expect(after.length).toBe((before.papers?.length ?? 0) + summary.new);
        for (const record of after) {
          expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
          for (const key of ['__proto__', 'constructor', 'prototype']) {
            expect(Object.hasOwn(record, key)).toBe(false);
          }
        }
        // What was stored is valid: it exports and reads back without complaint.
        const reread = parseImportText(serializeExport(buildExport(after, 0)));
        expect(reread.ok).toBe(true);
        await reseed();
      }),
      { numRuns: RUNS, seed: 20251126 },
    );

    const byKind = [...tally]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([kind, counts]) =>
          `  ${kind}: ${counts.run} run, ${counts.rejected} rejected, ${counts.imported} imported${counts.example ? `\n    e.g. ${counts.example.slice(0, 160)}` : ''}`,
      )
      .join('\n');
    console.log(
      `[import fuzz] ${run} cases run: ${rejected} rejected with a message (database unchanged), ${imported} imported cleanly\n${byKind}`,
    );
    expect(run).toBeGreaterThanOrEqual(1000);
    expect(rejected).toBeGreaterThan(500);
    expect(imported).toBeGreaterThan(50);
  }, 300_000);

  it('restoring papers (Undo) validates them the same way', async () => {
    await reseed();
    const before = await dumpDatabase(db);
    const bad = { ...exportPaper(makeRecord(7)), title: 42 };
    const response = await handle({ type: 'restore-papers', papers: [bad] }, extensionPage());
    expect(response).toEqual({
      ok: false,
      error: "Couldn't restore: Paper 1 (arxiv:2406.00007): title: must be a string, not 42.",
    });
    expect(await dumpDatabase(db)).toStrictEqual(before);
  });
});
