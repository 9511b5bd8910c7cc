/**
 * Shared by the notebook tests (db*, import*, export*, popup*, options*): records, arbitraries,
 * a full database dump, the background wired to the fake browser, and storage fault injection.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable } from 'dexie';
import fc from 'fast-check';
import { fakeBrowser } from 'wxt/testing';
import { createRequestHandler } from '../../lib/background/handler';
import type { BiasLensDB } from '../../lib/db/schema';
import type { PaperRecord } from '../../lib/db/types';
import type { Broadcast } from '../../lib/messages';
import { TOPIC_IDS, type TopicId } from '../../lib/paper';
import { arxivUrls } from '../../lib/paper-id';

/**
 * A valid stored record for paper number `n` (new-style id `2406.<n>`), with the `aliases` every
 * write path stores (schema v3): its own id, unless `extra` says otherwise.
 */
export function makeRecord(n: number, extra: Partial<PaperRecord> = {}): PaperRecord {
  const arxivId = `2406.${String(n).padStart(5, '0')}`;
  const id = extra.id ?? `arxiv:${arxivId}`;
  return {
    id,
    arxivId,
    aliases: [id],
    urls: arxivUrls(arxivId),
    title: `Paper ${n}`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    topics: ['social'],
    source: 'arxiv',
    savedAt: 1_700_000_000_000 + n * 1000,
    updatedAt: 1_700_000_000_000 + n * 1000,
    note: '',
    tags: [],
    ...extra,
  };
}

/** Every table of the database, each sorted by key: equal dumps mean identical databases. */
export async function dumpDatabase(db: BiasLensDB): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of db.tables) {
    const rows = await table.toArray();
    const key = table.schema.primKey.keyPath as string;
    dump[table.name] = rows.sort((a, b) => {
      const x = String((a as Record<string, unknown>)[key]);
      const y = String((b as Record<string, unknown>)[key]);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
  return dump;
}

/** The background handler answering the fake browser's runtime messages as if from the popup. */
export function wireBackground(
  db: BiasLensDB,
  options: { now?: () => number; broadcasts?: Broadcast[]; requests?: unknown[] } = {},
): ReturnType<typeof createRequestHandler> {
  const handle = createRequestHandler(db, {
    broadcast: (message) => {
      options.broadcasts?.push(message);
    },
    now: options.now ?? (() => 1_750_000_000_000),
  });
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    options.requests?.push(message);
    return handle(message, extensionPage());
  });
  return handle;
}

/** The sender of a message from one of the extension's own pages. */
export function extensionPage(path = '/popup.html') {
  return { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL(path as '/popup.html') };
}

/** The sender of a message from a content script on a listing page. */
export function contentScript() {
  return { id: fakeBrowser.runtime.id, url: 'https://arxiv.org/list/cs.LG/new' };
}

// ---------------------------------------------------------------------------------------------
// Fault injection

/** Switches for the faults a database with `installFaults` throws. */
export interface Faults {
  /** Every write to these tables fails with QuotaExceededError, after writing part of a batch. */
  quotaOn: Set<string>;
}

/**
 * Adds a Dexie middleware (before the database opens) that makes writes fail like a full disk:
 * the first value of a batch is written, then a DOMException named QuotaExceededError is thrown,
 * so a test sees whether the transaction really rolls the partial write back.
 */
export function installFaults(db: BiasLensDB): Faults {
  const faults: Faults = { quotaOn: new Set() };
  db.use({
    stack: 'dbcore',
    name: 'biaslens-test-faults',
    create(down: DBCore): DBCore {
      return {
        ...down,
        table(name: string): DBCoreTable {
          const table = down.table(name);
          return {
            ...table,
            async mutate(request: DBCoreMutateRequest) {
              if (!faults.quotaOn.has(name)) return table.mutate(request);
              if ((request.type === 'put' || request.type === 'add') && request.values.length > 1) {
                await table.mutate({
                  ...request,
                  values: request.values.slice(0, 1),
                  ...(request.keys ? { keys: request.keys.slice(0, 1) } : {}),
                });
              }
              throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            },
          };
        },
      };
    },
  });
  return faults;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** A new-style arXiv id (from 1501: five digits) or an old-style one. */
export const arxivIdArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 15, max: 29 }), fc.integer({ min: 1, max: 12 }), fc.nat(99_999))
    .map(([yy, mm, n]) => `${yy}${String(mm).padStart(2, '0')}.${String(n).padStart(5, '0')}`),
  fc
    .tuple(
      fc.constantFrom('hep-th', 'math.GT', 'cond-mat', 'astro-ph', 'q-bio.NC'),
      fc.integer({ min: 91, max: 99 }),
      fc.integer({ min: 1, max: 12 }),
      fc.nat(999),
    )
    .map(
      ([archive, yy, mm, n]) =>
        `${archive}/${yy}${String(mm).padStart(2, '0')}${String(n).padStart(3, '0')}`,
    ),
);

/** One code point: often a character that needs escaping somewhere, else any (astral too). */
const charArb = fc.oneof(
  fc.constantFrom('\n', '"', '\\', '<', '{', '}', '%', '&', ',', ' ', 'a', 'é'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/** Any text, including astral characters, lone surrogates, newlines, quotes and markup. */
const textArb = (maxLength: number) => fc.string({ unit: charArb, maxLength });

/** Epoch ms between 1991 and 2100 (exported and re-read as ISO strings without loss). */
const timeArb = fc.integer({ min: 662_688_000_000, max: 4_102_444_800_000 });

const tagArb = fc
  .string({
    unit: fc.constantFrom('a', 'b', 'c', 'x', 'y', 'z', '-', ' ', 'é', '1'),
    minLength: 1,
    maxLength: 12,
  })
  .map((tag) => tag.replace(/\s+/g, ' ').trim())
  .filter((tag) => tag !== '');

/** A valid stored record, as saving, editing and tagging can leave it. */
export const paperRecordArb: fc.Arbitrary<PaperRecord> = fc
  .record(
    {
      arxivId: arxivIdArb,
      version: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
      title: textArb(200).filter((title) => title.trim() !== ''),
      authors: fc.array(textArb(40), { maxLength: 6 }),
      abstract: fc.option(textArb(400), { nil: undefined }),
      topics: fc.subarray([...TOPIC_IDS]),
      source: fc.constantFrom('arxiv' as const, 'huggingface' as const),
      savedAt: timeArb,
      updatedAt: timeArb,
      note: textArb(300),
      noteUpdatedAt: fc.option(timeArb, { nil: undefined }),
      tags: fc.uniqueArray(tagArb, { maxLength: 6, selector: (tag) => tag.toLocaleLowerCase() }),
      tagsUpdatedAt: fc.option(timeArb, { nil: undefined }),
    },
    {
      requiredKeys: [
        'arxivId',
        'title',
        'authors',
        'topics',
        'source',
        'savedAt',
        'updatedAt',
        'note',
        'tags',
      ],
    },
  )
  .map((fields) => {
    const record: PaperRecord = {
      id: `arxiv:${fields.arxivId}`,
      arxivId: fields.arxivId,
      aliases: [`arxiv:${fields.arxivId}`],
      urls: arxivUrls(fields.arxivId),
      title: fields.title,
      authors: fields.authors,
      topics: fields.topics as TopicId[],
      source: fields.source,
      savedAt: fields.savedAt,
      updatedAt: fields.updatedAt,
      note: fields.note,
      tags: fields.tags,
    };
    // Optional fields are absent, never undefined, as the database functions store them.
    if (fields.version !== undefined) record.version = fields.version;
    if (fields.abstract !== undefined) record.abstract = fields.abstract;
    if (fields.noteUpdatedAt !== undefined) record.noteUpdatedAt = fields.noteUpdatedAt;
    if (fields.tagsUpdatedAt !== undefined) record.tagsUpdatedAt = fields.tagsUpdatedAt;
    return record;
  });

/** A set of records with distinct ids. */
export const paperRecordsArb = (maxLength: number) =>
  fc.uniqueArray(paperRecordArb, { maxLength, selector: (record) => record.id });
