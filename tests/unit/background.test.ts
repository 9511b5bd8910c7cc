import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { broadcastToAll } from '../../lib/background/broadcast';
import { createRequestHandler } from '../../lib/background/handler';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import type { Broadcast } from '../../lib/messages';
import type { ExtractedPaper } from '../../lib/paper';

const paper: ExtractedPaper = {
  id: 'arxiv:2406.12345',
  arxivId: '2406.12345',
  title: 'Measuring Bias',
  authors: ['Ada Lovelace'],
  url: 'https://arxiv.org/abs/2406.12345',
  site: 'arxiv',
};

let db: BiasLensDB;
let counter = 0;
let broadcast: ReturnType<typeof vi.fn<(message: Broadcast) => void>>;
let handle: ReturnType<typeof createRequestHandler>;
// An extension page (the popup): the browser sets the sender's url to the page's.
const own = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });

beforeEach(async () => {
  fakeBrowser.reset();
  counter += 1;
  db = openDatabase(`biaslens-test-background-${counter}-${Date.now()}`);
  broadcast = vi.fn<(message: Broadcast) => void>();
  handle = createRequestHandler(db, { broadcast, now: () => 1_700_000_000_000 });
});
afterEach(async () => {
  await db.delete();
  vi.restoreAllMocks();
});

describe('createRequestHandler', () => {
  it.each([
    ['another extension', { id: 'some-other-extension' }],
    ['a sender without id (e.g. a web page)', {}],
  ])('refuses messages from %s without touching the database', async (_name, sender) => {
    const response = await handle({ type: 'save-paper', paper, topics: [] }, sender);
    expect(response).toEqual({
      ok: false,
      error: expect.stringMatching(/does not come from BiasLens/),
    });
    expect(await db.papers.count()).toBe(0);
    expect(broadcast).not.toHaveBeenCalled();
  });

  it('answers malformed messages with the validation error', async () => {
    expect(await handle({ type: 'nope' }, own())).toEqual({
      ok: false,
      error: 'Unknown request type "nope"',
    });
    expect(await handle({ type: 'unsave-paper', id: 'arxiv:2406.12345v1' }, own())).toEqual({
      ok: false,
      error: expect.stringMatching(/not a canonical paper id/),
    });
  });

  it('saves, broadcasts saved: true, and reports saved state in one request', async () => {
    const saved = await handle({ type: 'save-paper', paper, topics: ['data'] }, own());
    expect(saved).toEqual({
      ok: true,
      record: expect.objectContaining({
        id: paper.id,
        topics: ['data'],
        savedAt: 1_700_000_000_000,
      }),
    });
    await vi.waitFor(() =>
      expect(broadcast).toHaveBeenCalledWith({
        type: 'saved-changed',
        ids: [paper.id],
        saved: true,
      }),
    );
    expect(
      await handle({ type: 'get-saved-state', ids: [paper.id, 'arxiv:2406.00001'] }, own()),
    ).toEqual({ ok: true, saved: [paper.id] });
  });

  it('unsaves and broadcasts saved: false', async () => {
    await handle({ type: 'save-paper', paper, topics: [] }, own());
    broadcast.mockClear();
    expect(await handle({ type: 'unsave-paper', id: paper.id }, own())).toEqual({
      ok: true,
      removed: true,
      // The removed record comes back so the popup can offer Undo.
      record: expect.objectContaining({ id: paper.id, title: 'Measuring Bias' }),
    });
    await vi.waitFor(() =>
      expect(broadcast).toHaveBeenCalledWith({
        type: 'saved-changed',
        ids: [paper.id],
        saved: false,
      }),
    );
    expect(await db.papers.count()).toBe(0);
  });

  it('updates a note, and refuses a note for an unsaved paper', async () => {
    await handle({ type: 'save-paper', paper, topics: [] }, own());
    expect(await handle({ type: 'update-note', id: paper.id, note: 'Read §3' }, own())).toEqual({
      ok: true,
      record: expect.objectContaining({ note: 'Read §3' }),
    });
    expect(await handle({ type: 'update-note', id: 'arxiv:2406.00001', note: 'x' }, own())).toEqual(
      { ok: false, error: 'arxiv:2406.00001 is not saved' },
    );
  });

  it('turns database failures into { ok: false } and keeps answering', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(db.papers, 'where').mockImplementation(() => {
      throw new Error('disk on fire');
    });
    expect(await handle({ type: 'get-saved-state', ids: [paper.id] }, own())).toEqual({
      ok: false,
      error: 'get-saved-state failed: disk on fire',
    });
  });

  it('still answers when broadcasting fails', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing = createRequestHandler(db, {
      broadcast: () => Promise.reject(new Error('no tabs')),
      now: () => 1,
    });
    expect(await failing({ type: 'save-paper', paper, topics: [] }, own())).toMatchObject({
      ok: true,
    });
  });

  it('serves requests sent with runtime.sendMessage when wired like the background entrypoint', async () => {
    // The fake browser passes an empty sender; the real one carries our extension id.
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => handle(message, own()));
    const response = await fakeBrowser.runtime.sendMessage({ type: 'get-saved-state', ids: [] });
    expect(response).toEqual({ ok: true, saved: [] });
  });
});

describe('broadcastToAll', () => {
  it('sends to every tab and to extension pages, ignoring tabs without our content script', async () => {
    await fakeBrowser.tabs.create({ url: 'https://arxiv.org/list/cs.LG/new' });
    await fakeBrowser.tabs.create({ url: 'https://example.com/' });
    const tabIds = (await fakeBrowser.tabs.query({})).map((tab) => tab.id);
    const delivered: number[] = [];
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (tabId: number) => {
      if (tabId === tabIds[2])
        throw new Error('Could not establish connection. Receiving end does not exist.');
      delivered.push(tabId);
    });
    const toPages = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockRejectedValue(new Error('Receiving end does not exist.'));
    const message: Broadcast = { type: 'saved-changed', ids: [paper.id], saved: true };

    await expect(broadcastToAll(message)).resolves.toBeUndefined();

    expect(fakeBrowser.tabs.sendMessage).toHaveBeenCalledTimes(tabIds.length);
    for (const id of tabIds) expect(fakeBrowser.tabs.sendMessage).toHaveBeenCalledWith(id, message);
    expect(delivered).toEqual(tabIds.slice(0, 2));
    expect(toPages).toHaveBeenCalledWith(message);
  });

  it('survives synchronous throws and a failing tabs.query', async () => {
    // The fake browser's tabs.sendMessage throws synchronously ("not implemented").
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    await expect(
      broadcastToAll({ type: 'saved-changed', ids: [], saved: false }),
    ).resolves.toBeUndefined();
    vi.spyOn(fakeBrowser.tabs, 'query').mockRejectedValue(new Error('no'));
    await expect(
      broadcastToAll({ type: 'saved-changed', ids: [], saved: false }),
    ).resolves.toBeUndefined();
  });
});
