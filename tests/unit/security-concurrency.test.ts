/**
 * Concurrency (docs/SECURITY.md, "Concurrency"): two listing pages (content scripts) and the popup
 * fire saves, unsaves and note edits at the real request handler on fake-indexeddb, many at once,
 * in a seeded random interleaving. The outcome must be what applying the same requests one by one,
 * in the order they reached the background, gives: every response, every stored record (timestamps
 * included) and the saved state the pages show from the broadcasts. Nothing is lost or half-done.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createRequestHandler, type Sender } from '../../lib/background/handler';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import type { PaperRecord } from '../../lib/db/types';
import type { Broadcast, Response } from '../../lib/messages';
import { type SiteId, TOPIC_IDS, type TopicId } from '../../lib/paper';
import { paperLinks } from '../../lib/paper-id';

const BASE_TIME = 1_800_000_000_000;
const OPERATIONS = 200;
const SEEDS = [1, 2, 3, 20261126, 424242];
const IDS = ['2406.00001', '2406.00002', '2406.00003', '2406.00004', '2406.00005', '2406.00006'];

type Client = 'page-arxiv' | 'page-huggingface' | 'popup';
const SENDERS: Record<Client, () => Sender> = {
  'page-arxiv': () => ({ id: fakeBrowser.runtime.id, url: 'https://arxiv.org/list/cs.LG/new' }),
  'page-huggingface': () => ({ id: fakeBrowser.runtime.id, url: 'https://huggingface.co/papers' }),
  popup: () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') }),
};

type Operation =
  | {
      kind: 'save';
      client: Client;
      arxivId: string;
      title: string;
      authors: string[];
      abstract?: string;
      version?: number;
      topics: TopicId[];
      site: SiteId;
    }
  | { kind: 'unsave'; client: Client; arxivId: string }
  | { kind: 'note'; client: Client; arxivId: string; note: string; editedAt?: number };

/** mulberry32: a small seeded generator, so a failing interleaving can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

/** The request an operation sends (what the card, the quick note or the popup sends). */
function toMessage(op: Operation): unknown {
  const id = `arxiv:${op.arxivId}`;
  if (op.kind === 'unsave') return { type: 'unsave-paper', id };
  if (op.kind === 'note') {
    return op.editedAt === undefined
      ? { type: 'update-note', id, note: op.note }
      : { type: 'update-note', id, note: op.note, editedAt: op.editedAt };
  }
  const paper: Record<string, unknown> = {
    id,
    arxivId: op.arxivId,
    title: op.title,
    authors: op.authors,
    url: paperLinks(id)?.abs,
    site: op.site,
  };
  if (op.abstract !== undefined) paper.abstract = op.abstract;
  if (op.version !== undefined) paper.version = op.version;
  return { type: 'save-paper', paper, topics: op.topics };
}

/**
 * The sequential model: what the background must do with one request, written from the rules in
 * docs/EXPORT-FORMAT.md and lib/db (not by calling lib/db). `now` is the handler's clock reading.
 */
class Model {
  readonly records = new Map<string, PaperRecord>();
  private clock = 0;

  apply(op: Operation): { response: Partial<Response> & { ok: boolean }; now?: number } {
    const id = `arxiv:${op.arxivId}`;
    const existing = this.records.get(id);
    if (op.kind === 'unsave') {
      this.records.delete(id);
      // The removed record comes back, so the popup can offer Undo.
      return {
        response: (existing
          ? { ok: true, removed: true, record: existing }
          : { ok: true, removed: false }) as never,
      };
    }
    const now = BASE_TIME + ++this.clock;
    if (op.kind === 'note') {
      if (!existing) return { response: { ok: false, error: `${id} is not saved` }, now };
      const at = Math.min(op.editedAt ?? now, now);
      const stored = existing.noteUpdatedAt;
      if (stored !== undefined && stored <= now && at < stored) {
        return { response: { ok: true, record: existing, stale: true } as never, now };
      }
      const record: PaperRecord = {
        ...existing,
        note: op.note,
        noteUpdatedAt: at,
        updatedAt: Math.max(now, existing.updatedAt),
      };
      this.records.set(id, record);
      return { response: { ok: true, record } as never, now };
    }
    const record: PaperRecord = {
      id,
      arxivId: op.arxivId,
      // Schema v3: every id the paper is known by (an arXiv paper: its id).
      aliases: [id],
      urls: paperLinks(id) as PaperRecord['urls'],
      title: op.title,
      authors: op.authors.length > 0 ? [...op.authors] : [...(existing?.authors ?? [])],
      topics: TOPIC_IDS.filter((topic) => op.topics.includes(topic)),
      source: existing?.source ?? op.site,
      savedAt: existing?.savedAt ?? now,
      updatedAt: now,
      note: existing?.note ?? '',
      tags: existing?.tags ?? [],
    };
    if (existing?.noteUpdatedAt !== undefined) record.noteUpdatedAt = existing.noteUpdatedAt;
    if (existing?.tagsUpdatedAt !== undefined) record.tagsUpdatedAt = existing.tagsUpdatedAt;
    const versions = [existing?.version, op.version].filter((v): v is number => v !== undefined);
    if (versions.length > 0) record.version = Math.max(...versions);
    const abstract = op.abstract ?? existing?.abstract;
    if (abstract !== undefined) record.abstract = abstract;
    this.records.set(id, record);
    return { response: { ok: true, record } as never, now };
  }

  /** The clock reading the next clock-reading request will get. */
  peekNow(): number {
    return BASE_TIME + this.clock + 1;
  }
}

/** A random operation: pages save, unsave and write quick notes; the popup edits and deletes. */
function randomOperation(next: () => number, model: Model, serial: number): Operation {
  const client = pick(next, ['page-arxiv', 'page-huggingface', 'popup'] as const);
  const arxivId = pick(next, IDS);
  const roll = next();
  if (client === 'popup') {
    if (roll < 0.2) return { kind: 'unsave', client, arxivId };
    // Some edits arrive late (typed earlier than the clock now reads): the later edit must win.
    const late = next() < 0.3 ? Math.floor(next() * 4) : 0;
    const note = `popup note ${serial}`;
    return late === 0
      ? { kind: 'note', client, arxivId, note }
      : { kind: 'note', client, arxivId, note, editedAt: model.peekNow() - late };
  }
  if (roll < 0.55) {
    const op: Operation = {
      kind: 'save',
      client,
      arxivId,
      title: `Paper ${arxivId} as seen ${serial}`,
      authors: next() < 0.3 ? [] : [`Author ${serial}`, 'Ada Lovelace'],
      topics: TOPIC_IDS.filter(() => next() < 0.2),
      site: client === 'page-arxiv' ? 'arxiv' : 'huggingface',
    };
    if (next() < 0.6) op.abstract = `Abstract ${serial}`;
    if (next() < 0.5) op.version = 1 + Math.floor(next() * 4);
    return op;
  }
  if (roll < 0.75) return { kind: 'unsave', client, arxivId };
  return { kind: 'note', client, arxivId, note: `quick note ${serial}` };
}

let db: BiasLensDB;
let counter = 0;

beforeEach(async () => {
  fakeBrowser.reset();
  counter += 1;
  db = openDatabase(`biaslens-security-concurrency-${counter}-${Date.now()}`);
  await db.open();
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(async () => {
  await db.delete();
  vi.restoreAllMocks();
});

describe('concurrent saves, unsaves and note edits from two pages and the popup', () => {
  it.each(SEEDS)(
    'seed %i: 200 interleaved requests end as the sequential model says',
    async (seed) => {
      const next = random(seed);
      let clock = 0;
      const broadcasts: Broadcast[] = [];
      const handle = createRequestHandler(db, {
        broadcast: (message) => {
          broadcasts.push(message);
        },
        now: () => BASE_TIME + ++clock,
      });
      const model = new Model();
      const inFlight = new Set<Promise<void>>();
      const mismatches: string[] = [];
      const counts = { save: 0, unsave: 0, note: 0, concurrentMax: 0 };

      for (let serial = 0; serial < OPERATIONS; serial++) {
        const op = randomOperation(next, model, serial);
        counts[op.kind]++;
        const expected = model.apply(op);
        const sent = handle(toMessage(op), SENDERS[op.client]()).then((response) => {
          try {
            expect(response).toEqual(expected.response);
          } catch {
            mismatches.push(
              `#${serial} ${op.kind} ${op.arxivId} by ${op.client}: got ${JSON.stringify(response)}, expected ${JSON.stringify(expected.response)}`,
            );
          }
        });
        const tracked = sent.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        counts.concurrentMax = Math.max(counts.concurrentMax, inFlight.size);
        // Sometimes let the background catch up on a few requests before sending more.
        if (next() < 0.25) await pick(next, [...inFlight]);
        if (next() < 0.05) await Promise.all(inFlight);
      }
      await Promise.all(inFlight);
      await new Promise((resolve) => setTimeout(resolve, 0)); // the last broadcasts

      expect(mismatches).toEqual([]);
      const stored = new Map((await db.papers.toArray()).map((record) => [record.id, record]));
      expect(stored).toEqual(model.records);
      // What both pages show: the last broadcast about each paper agrees with the database.
      const shown = new Map<string, boolean>();
      for (const message of broadcasts) {
        if (message.type === 'saved-changed')
          for (const id of message.ids) shown.set(id, message.saved);
      }
      for (const [id, saved] of shown) expect(saved, id).toBe(stored.has(id));
      expect(counts.save + counts.unsave + counts.note).toBe(OPERATIONS);
      const savedAtEnd = model.records.size;
      console.log(
        `[security-concurrency] seed ${seed}: ${counts.save} saves, ${counts.unsave} unsaves, ${counts.note} note edits, up to ${counts.concurrentMax} in flight, ${savedAtEnd} papers saved at the end, ${broadcasts.length} broadcasts`,
      );
      expect(counts.concurrentMax).toBeGreaterThan(5);
    },
  );

  it('never loses a note to a concurrent refresh of the same paper', async () => {
    let clock = 0;
    const handle = createRequestHandler(db, {
      broadcast: () => {},
      now: () => BASE_TIME + ++clock,
    });
    const page = SENDERS['page-arxiv']();
    const popup = SENDERS.popup();
    const save = (serial: number) =>
      toMessage({
        kind: 'save',
        client: 'page-arxiv',
        arxivId: '2406.00001',
        title: `Refresh ${serial}`,
        authors: ['A'],
        topics: ['social'],
        site: 'arxiv',
      });
    await handle(save(0), page);
    // A page refreshing the record 50 times while the popup saves 50 edits of the note.
    const requests: Array<Promise<Response>> = [];
    for (let i = 1; i <= 50; i++) {
      requests.push(handle(save(i), page));
      requests.push(handle({ type: 'update-note', id: 'arxiv:2406.00001', note: `v${i}` }, popup));
    }
    const responses = await Promise.all(requests);
    expect(responses.every((response) => response.ok)).toBe(true);
    const record = await db.papers.get('arxiv:2406.00001');
    expect(record?.note).toBe('v50');
    expect(record?.title).toBe('Refresh 50');
  });
});
