/**
 * Storage faults: a full disk (QuotaExceededError thrown by the database layer after part of a
 * batch was written) and a database upgrade blocked by an older connection. Each gives a clear
 * message in the response (and in the popup), and never a partial write.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PopupApp } from '../../components/popup-app';
import { createRequestHandler } from '../../lib/background/handler';
import { BLOCKED_MESSAGE, describeStorageError, QUOTA_MESSAGE } from '../../lib/db/errors';
import { buildExport, exportPaper, serializeExport } from '../../lib/db/export';
import { BiasLensDB, openDatabase } from '../../lib/db/schema';
import type { ExtractedPaper } from '../../lib/paper';
import {
  dumpDatabase,
  extensionPage,
  installFaults,
  makeRecord,
  wireBackground,
} from './notebook-helpers';

const NOW = 1_750_000_000_000;
let counter = 0;
const uniqueName = (what: string) => {
  counter += 1;
  return `biaslens-test-faults-${what}-${counter}-${Date.now()}`;
};

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('quota exceeded', () => {
  let db: BiasLensDB;
  let faults: ReturnType<typeof installFaults>;
  let handle: ReturnType<typeof createRequestHandler>;
  beforeEach(async () => {
    db = openDatabase(uniqueName('quota'));
    faults = installFaults(db);
    handle = createRequestHandler(db, { broadcast: () => {}, now: () => NOW });
    await db.papers.bulkPut([
      makeRecord(1, { note: 'stored', tags: ['ml'] }),
      makeRecord(2, { tags: ['ml'] }),
      makeRecord(3, { tags: ['ml'] }),
    ]);
  });
  afterEach(async () => {
    await db.delete();
  });

  it('the injected fault really writes part of a batch before failing', async () => {
    // Caught inside the transaction, the partial write commits: what the rollback must undo.
    faults.quotaOn.add('papers');
    await db.transaction('rw', db.papers, async () => {
      await db.papers.bulkPut([makeRecord(8), makeRecord(9)]).catch(() => {});
    });
    faults.quotaOn.clear();
    expect(await db.papers.get('arxiv:2406.00008')).toBeDefined();
    expect(await db.papers.get('arxiv:2406.00009')).toBeUndefined();
  });

  const requests: [string, () => unknown][] = [
    [
      'import-papers',
      () => ({
        type: 'import-papers',
        apply: true,
        text: serializeExport(
          buildExport(
            [
              makeRecord(1, { note: 'from file', noteUpdatedAt: NOW + 5 }),
              makeRecord(4),
              makeRecord(5),
            ],
            0,
          ),
        ),
      }),
    ],
    ['update-note', () => ({ type: 'update-note', id: 'arxiv:2406.00001', note: 'new text' })],
    [
      'update-tags',
      () => ({ type: 'update-tags', id: 'arxiv:2406.00002', add: ['x'], remove: [] }),
    ],
    ['rename-tag', () => ({ type: 'rename-tag', from: 'ml', to: 'machine learning' })],
    [
      'restore-papers',
      () => ({ type: 'restore-papers', papers: [makeRecord(6), makeRecord(7)].map(exportPaper) }),
    ],
    [
      'save-paper',
      () => ({
        type: 'save-paper',
        topics: [],
        paper: {
          id: 'arxiv:2406.00009',
          arxivId: '2406.00009',
          title: 'T',
          authors: [],
          url: '',
          site: 'arxiv',
        } satisfies ExtractedPaper,
      }),
    ],
    ['unsave-paper', () => ({ type: 'unsave-paper', id: 'arxiv:2406.00003' })],
  ];

  it.each(requests)('%s: a clear message and no partial write', async (type, request) => {
    const before = await dumpDatabase(db);
    faults.quotaOn.add('papers');
    const response = await handle(request(), extensionPage('/options.html'));
    expect(response).toEqual({ ok: false, error: expect.stringContaining(QUOTA_MESSAGE) });
    if (!response.ok)
      expect(response.error.startsWith(`${type} failed:`) || type === 'import-papers').toBe(true);
    if (type === 'import-papers' && !response.ok) {
      expect(response.error).toBe(
        `${QUOTA_MESSAGE} Nothing was imported; your saved papers are unchanged.`,
      );
    }
    faults.quotaOn.clear();
    expect(await dumpDatabase(db)).toStrictEqual(before);
  });

  it('the popup shows the message when a note cannot be saved', async () => {
    wireBackground(db, { now: () => NOW });
    faults.quotaOn.add('papers');
    const { fireEvent } = await import('@testing-library/preact');
    render(<PopupApp db={db} now={() => NOW} noteDelayMs={0} />);
    const [note] = await screen.findAllByRole('textbox', { name: 'Note' });
    if (!note) throw new Error('no note');
    fireEvent.input(note, { target: { value: 'will not fit' } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Couldn't save the note");
    expect(alert.textContent).toContain('storage for BiasLens is full');
    faults.quotaOn.clear();
    expect((await db.papers.get('arxiv:2406.00003'))?.note).toBe('');
  });
});

describe('describeStorageError', () => {
  it('finds the fault however Dexie wrapped it', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(describeStorageError(quota)).toBe(QUOTA_MESSAGE);
    expect(describeStorageError(new Dexie.AbortError('aborted', quota))).toBe(QUOTA_MESSAGE);
    expect(
      describeStorageError(
        Object.assign(new Error('bulk'), { name: 'BulkError', failures: [quota] }),
      ),
    ).toBe(QUOTA_MESSAGE);
    expect(describeStorageError(new Dexie.VersionError('v'))).toMatch(/newer version of BiasLens/);
    expect(describeStorageError(new Dexie.DatabaseClosedError('c'))).toMatch(/was closed/);
    expect(describeStorageError(new Error('disk on fire'))).toBe('disk on fire');
  });
});

describe('an upgrade blocked by an older connection', () => {
  /** A version-1 database held open by a page that ignores requests to close (an old build). */
  async function openOldConnection(name: string): Promise<Dexie> {
    const old = new Dexie(name);
    old.version(1).stores({ papers: 'id, savedAt, updatedAt, source, *topics, *tags' });
    await old.open();
    await old.table('papers').bulkAdd([makeRecord(1, { note: 'kept' }), makeRecord(2)]);
    old.on('versionchange', () => false); // stops Dexie's default: closing to let the upgrade run
    return old;
  }

  it('answers with a clear message instead of hanging, writes nothing, and recovers', async () => {
    const name = uniqueName('blocked');
    const old = await openOldConnection(name);
    const db = new BiasLensDB(name);
    const handle = createRequestHandler(db, { broadcast: () => {}, now: () => NOW });

    const response = await handle(
      { type: 'update-note', id: 'arxiv:2406.00001', note: 'lost?' },
      extensionPage(),
    );
    expect(response).toEqual({ ok: false, error: `update-note failed: ${BLOCKED_MESSAGE}` });
    expect(
      await handle({ type: 'get-saved-state', ids: ['arxiv:2406.00001'] }, extensionPage()),
    ).toEqual({
      ok: false,
      error: `get-saved-state failed: ${BLOCKED_MESSAGE}`,
    });
    expect((await old.table('papers').get('arxiv:2406.00001'))?.note).toBe('kept');
    // The badges need no database: a listing page still gets its classifier.
    expect(await handle({ type: 'get-classifier' }, extensionPage())).toMatchObject({
      ok: true,
      cues: { cues: expect.any(Array) },
    });

    old.close(); // the old page goes away: the upgrade proceeds
    await vi.waitFor(async () =>
      expect(
        await handle(
          { type: 'update-note', id: 'arxiv:2406.00001', note: 'now saved' },
          extensionPage(),
        ),
      ).toMatchObject({ ok: true }),
    );
    expect(db.verno).toBe(3);
    expect((await db.papers.get('arxiv:2406.00001'))?.note).toBe('now saved');
    expect(await db.papers.count()).toBe(2);
    await db.delete();
  });

  it('the popup says so, then shows the papers once the old page closes', async () => {
    const name = uniqueName('blocked-popup');
    const old = await openOldConnection(name);
    const db = new BiasLensDB(name);
    render(<PopupApp db={db} />);
    expect((await screen.findByRole('alert')).textContent).toBe(BLOCKED_MESSAGE);
    old.close();
    await waitFor(() => expect(screen.getAllByRole('textbox', { name: 'Note' })).toHaveLength(2));
    expect(screen.queryByRole('alert')).toBeNull();
    cleanup();
    await db.delete();
  });
});
