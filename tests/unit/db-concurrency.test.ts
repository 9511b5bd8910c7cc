/**
 * Consistency when several contexts write at once: tabs saving the same paper, the popup and a
 * card's note editor editing one note, two windows tagging one paper. Calls go through the
 * background handler concurrently, as the browser delivers messages.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createRequestHandler } from '../../lib/background/handler';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import type { Broadcast, Response } from '../../lib/messages';
import type { ExtractedPaper } from '../../lib/paper';
import { contentScript, extensionPage, makeRecord } from './notebook-helpers';

let db: BiasLensDB;
let counter = 0;
let clock: number;
let broadcasts: Broadcast[];
let handle: ReturnType<typeof createRequestHandler>;

beforeEach(async () => {
  fakeBrowser.reset();
  counter += 1;
  db = openDatabase(`biaslens-test-concurrency-${counter}-${Date.now()}`);
  clock = 1_750_000_000_000;
  broadcasts = [];
  handle = createRequestHandler(db, {
    broadcast: (m) => void broadcasts.push(m),
    now: () => clock,
  });
});
afterEach(async () => {
  await db.delete();
});

const paper = (site: 'arxiv' | 'huggingface', title: string): ExtractedPaper => ({
  id: 'arxiv:2406.12345',
  arxivId: '2406.12345',
  title,
  authors: ['Ada Lovelace'],
  url: 'https://arxiv.org/abs/2406.12345',
  site,
});

describe('concurrent writes', () => {
  it('two tabs saving the same paper at once make one record', async () => {
    const [a, b] = await Promise.all([
      handle(
        { type: 'save-paper', paper: paper('arxiv', 'From arXiv'), topics: ['social'] },
        contentScript(),
      ),
      handle(
        { type: 'save-paper', paper: paper('huggingface', 'From HF'), topics: [] },
        contentScript(),
      ),
    ]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toMatchObject({ ok: true });
    expect(await db.papers.count()).toBe(1);
    const record = await db.papers.get('arxiv:2406.12345');
    // The first save's time and site are kept; the later save refreshed the metadata.
    expect(record).toMatchObject({ savedAt: clock, note: '', tags: [] });
  });

  it('twenty tabs saving at once still make one record each paper', async () => {
    const saves = Array.from({ length: 20 }, (_, i) =>
      handle(
        {
          type: 'save-paper',
          paper: { ...paper('arxiv', `Tab ${i}`), ...(i % 2 ? {} : { version: i + 1 }) },
          topics: [],
        },
        contentScript(),
      ),
    );
    const responses = await Promise.all(saves);
    expect(responses.every((response) => response.ok)).toBe(true);
    expect(await db.papers.count()).toBe(1);
    expect((await db.papers.get('arxiv:2406.12345'))?.version).toBe(19);
  });

  it('a save racing a note edit keeps the note', async () => {
    await db.papers.put(makeRecord(12345, { id: 'arxiv:2406.12345', arxivId: '2406.12345' }));
    await Promise.all([
      handle({ type: 'update-note', id: 'arxiv:2406.12345', note: 'typed' }, extensionPage()),
      handle(
        { type: 'save-paper', paper: paper('arxiv', 'Refreshed'), topics: [] },
        contentScript(),
      ),
      handle(
        { type: 'save-paper', paper: paper('huggingface', 'Again'), topics: [] },
        contentScript(),
      ),
    ]);
    expect((await db.papers.get('arxiv:2406.12345'))?.note).toBe('typed');
  });

  describe('the popup and a card editor editing one note', () => {
    const id = 'arxiv:2406.00001';
    beforeEach(async () => {
      await db.papers.put(makeRecord(1, { note: 'original' }));
    });
    // Each editor sends the time of the keystroke, which can be a debounce earlier than the
    // message; a card editor that sends none is stamped with the arrival time.
    const popupEdit = (note: string, editedAt: number) =>
      handle({ type: 'update-note', id, note, editedAt }, extensionPage());
    const cardEdit = (note: string, editedAt?: number) =>
      handle(
        { type: 'update-note', id, note, ...(editedAt === undefined ? {} : { editedAt }) },
        extensionPage('/popup.html'),
      );

    it.each([
      ['popup message first', 'popup'],
      ['card message first', 'card'],
    ])(
      'the edit typed later wins whatever order the messages arrive in (%s)',
      async (_name, first) => {
        const typedAt = clock;
        clock += 1000; // both messages arrive after both keystrokes
        const popup = () => popupEdit('popup, typed at t+300', typedAt + 300);
        const card = () => cardEdit('card, typed at t+100', typedAt + 100);
        if (first === 'popup') await Promise.all([popup(), card()]);
        else await Promise.all([card(), popup()]);
        expect(await db.papers.get(id)).toMatchObject({
          note: 'popup, typed at t+300',
          noteUpdatedAt: typedAt + 300,
        });
      },
    );

    it('a debounced popup edit that arrives after a newer card edit is reported stale', async () => {
      const start = clock;
      clock += 500;
      await cardEdit('card, stamped on arrival at t+500');
      clock += 100;
      const late = (await popupEdit('popup, typed at t+100', start + 100)) as Response;
      expect(late).toMatchObject({
        ok: true,
        stale: true,
        record: { note: 'card, stamped on arrival at t+500' },
      });
      expect((await db.papers.get(id))?.note).toBe('card, stamped on arrival at t+500');
    });

    it('many interleaved edits from both end with the edit typed last', async () => {
      const edits: Promise<unknown>[] = [];
      const times = [5, 1, 9, 3, 7, 2, 8, 4, 6];
      for (const at of times) edits.push(popupEdit(`popup ${at}`, clock + at));
      clock += 10;
      edits.push(cardEdit('card at +10'));
      await Promise.all(edits.reverse());
      expect((await db.papers.get(id))?.note).toBe('card at +10');
      expect((await db.papers.get(id))?.noteUpdatedAt).toBe(clock);
    });
  });

  it('two windows tagging one paper at once both keep their tag', async () => {
    await db.papers.put(makeRecord(1));
    await Promise.all([
      handle(
        { type: 'update-tags', id: 'arxiv:2406.00001', add: ['from-popup'], remove: [] },
        extensionPage(),
      ),
      handle(
        { type: 'update-tags', id: 'arxiv:2406.00001', add: ['from-options'], remove: [] },
        extensionPage('/options.html'),
      ),
    ]);
    expect((await db.papers.get('arxiv:2406.00001'))?.tags.sort()).toEqual([
      'from-options',
      'from-popup',
    ]);
  });

  it('delete and undo tell every listing (saved-changed false, then true)', async () => {
    await db.papers.put(makeRecord(1, { note: 'n' }));
    const deleted = await handle({ type: 'unsave-paper', id: 'arxiv:2406.00001' }, extensionPage());
    expect(deleted).toMatchObject({ ok: true, removed: true, record: { note: 'n' } });
    if (!deleted.ok || !('record' in deleted) || !deleted.record) throw new Error('no record');
    const { exportPaper } = await import('../../lib/db/export');
    const undone = await handle(
      { type: 'restore-papers', papers: [exportPaper(deleted.record)] },
      extensionPage(),
    );
    expect(undone).toEqual({ ok: true, restored: ['arxiv:2406.00001'] });
    await expect
      .poll(() => broadcasts)
      .toEqual([
        { type: 'saved-changed', ids: ['arxiv:2406.00001'], saved: false },
        { type: 'saved-changed', ids: ['arxiv:2406.00001'], saved: true },
      ]);
  });

  it('refuses notebook requests from content scripts except the ones listings need', async () => {
    for (const request of [
      { type: 'import-papers', text: '{}', apply: true },
      { type: 'rename-tag', from: 'a', to: 'b' },
      { type: 'restore-papers', papers: [] },
      { type: 'update-tags', id: 'arxiv:2406.00001', add: ['x'], remove: [] },
    ]) {
      expect(await handle(request, contentScript())).toEqual({
        ok: false,
        error: expect.stringMatching(/may only be sent by BiasLens's own pages/),
      });
    }
  });
});
