import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createRequestHandler } from '../../lib/background/handler';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import { digestOf, hashPaperId, KnownIds } from '../../lib/known-ids';
import type { ExtractedPaper } from '../../lib/paper';

const paperId = fc
  .tuple(fc.integer({ min: 2001, max: 2912 }), fc.integer({ min: 0, max: 99_999 }))
  .map(([month, n]) => `arxiv:${month}.${String(n).padStart(5, '0')}`);

describe('the known-ids digest', () => {
  it('hashes like 32-bit FNV-1a (fixed, so the background and old tabs agree)', () => {
    expect(hashPaperId('')).toBe(0x811c9dc5);
    expect(hashPaperId('a')).toBe(0xe40c292c);
    expect(hashPaperId('arxiv:2406.12345')).toBe(hashPaperId('arxiv:2406.12345'));
    expect(hashPaperId('arxiv:2406.12345')).not.toBe(hashPaperId('arxiv:2406.12346'));
  });

  it('travels as distinct hashes in ascending order', () => {
    const digest = digestOf(['arxiv:2406.00002', 'arxiv:2406.00001', 'arxiv:2406.00002']);
    expect(digest).toHaveLength(2);
    expect([...digest].sort((a, b) => a - b)).toEqual(digest);
  });

  it('never says "unknown" about an id in the snapshot or heard of later', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(paperId, { maxLength: 300 }),
        fc.array(paperId, { maxLength: 20 }),
        (snapshotIds, heardOf) => {
          const known = new KnownIds();
          known.add(heardOf);
          known.setSnapshot(digestOf(snapshotIds));
          for (const id of [...snapshotIds, ...heardOf]) expect(known.mayKnow(id)).toBe(true);
        },
      ),
    );
  });

  it('tells most other ids apart at once (10,000 saved, 10,000 fresh ids)', () => {
    const saved = Array.from(
      { length: 10_000 },
      (_, i) => `arxiv:2301.${String(i).padStart(5, '0')}`,
    );
    const fresh = Array.from(
      { length: 10_000 },
      (_, i) => `arxiv:2609.${String(i).padStart(5, '0')}`,
    );
    const known = new KnownIds();
    known.setSnapshot(digestOf(saved));
    const asked = fresh.filter((id) => known.mayKnow(id)).length;
    expect(asked).toBeLessThanOrEqual(2);
  });

  it('asks about everything before a snapshot, after clearing it, or when it is malformed', () => {
    const known = new KnownIds();
    expect(known.ready).toBe(false);
    expect(known.mayKnow('arxiv:2406.00001')).toBe(true);
    known.setSnapshot(digestOf(['arxiv:2406.00002']));
    expect(known.mayKnow('arxiv:2406.00001')).toBe(false);
    known.clearSnapshot();
    expect(known.mayKnow('arxiv:2406.00001')).toBe(true);
    known.setSnapshot([5, 3]);
    expect(known.ready).toBe(false);
    expect(known.mayKnow('arxiv:2406.00001')).toBe(true);
  });
});

describe('get-page-state with the digest', () => {
  let db: BiasLensDB;
  let handle: ReturnType<typeof createRequestHandler>;
  let counter = 0;
  const own = () => ({
    id: fakeBrowser.runtime.id,
    url: fakeBrowser.runtime.getURL('/popup.html'),
  });
  const paper = (id: string, extra: Partial<ExtractedPaper> = {}): ExtractedPaper => ({
    id: `arxiv:${id}`,
    arxivId: id,
    title: `Paper ${id}`,
    authors: [],
    url: `https://arxiv.org/abs/${id}`,
    site: 'arxiv',
    ...extra,
  });
  const digestNow = async () => {
    const response = await handle(
      { type: 'get-page-state', ids: ['arxiv:2406.00001'], knownIds: true },
      own(),
    );
    if (!response.ok || !('known' in response) || !response.known) throw new Error('no digest');
    const known = new KnownIds();
    known.setSnapshot(response.known);
    return known;
  };

  beforeEach(() => {
    fakeBrowser.reset();
    counter += 1;
    db = openDatabase(`biaslens-test-known-ids-${counter}-${Date.now()}`);
    handle = createRequestHandler(db, { broadcast: vi.fn(), now: () => 1_700_000_000_000 });
  });
  afterEach(() => db.delete());

  it('is sent only when asked for', async () => {
    const response = await handle({ type: 'get-page-state', ids: ['arxiv:2406.00001'] }, own());
    expect(response).toEqual({ ok: true, saved: [], corrections: [] });
  });

  it('covers saved papers, their aliases and corrected papers, and follows every write', async () => {
    const doi = '10.1145/3442188.3445922';
    await handle({ type: 'save-paper', paper: paper('2406.00001', { doi }), topics: [] }, own());
    await handle(
      { type: 'set-topic-correction', id: 'arxiv:2406.00002', added: ['data'], removed: [] },
      own(),
    );
    let known = await digestNow();
    expect(known.mayKnow('arxiv:2406.00001')).toBe(true);
    expect(known.mayKnow(`doi:${doi}`)).toBe(true);
    expect(known.mayKnow('arxiv:2406.00002')).toBe(true);
    expect(known.mayKnow('arxiv:2406.00003')).toBe(false);

    // Kept between pages, and replaced after a write: a save, then an unsave.
    await handle({ type: 'save-paper', paper: paper('2406.00003'), topics: [] }, own());
    known = await digestNow();
    expect(known.mayKnow('arxiv:2406.00003')).toBe(true);
    await handle({ type: 'unsave-paper', id: 'arxiv:2406.00003' }, own());
    known = await digestNow();
    expect(known.mayKnow('arxiv:2406.00003')).toBe(false);
  });

  it('rejects a digest flag that is not a boolean', async () => {
    const response = await handle(
      { type: 'get-page-state', ids: ['arxiv:2406.00001'], knownIds: 'yes' },
      own(),
    );
    expect(response.ok).toBe(false);
  });
});
