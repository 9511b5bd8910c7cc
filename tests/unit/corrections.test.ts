import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { forwardCommand } from '../../lib/background/commands';
import { createRequestHandler } from '../../lib/background/handler';
import { correctStoredTopics, getCorrections, setCorrection } from '../../lib/db/corrections';
import { savePaper } from '../../lib/db/papers';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import {
  deleteCustomTopic,
  getTopicConfig,
  listCustomTopics,
  saveCustomTopic,
  setDisabledTopics,
  setSummaryFilter,
} from '../../lib/db/topic-settings';
import { type Broadcast, parseBroadcast, parseRequest } from '../../lib/messages';
import type { ExtractedPaper } from '../../lib/paper';
import { CUE_TABLE } from '../../lib/topics/cues';
import { compilePattern, matchCustomTopics } from '../../lib/topics/custom';
import { shippedTopicModelMessage } from '../../lib/topics/shipped-model';
import { TOPIC_DESCRIPTIONS } from '../../lib/topics/taxonomy';

const paper: ExtractedPaper = {
  id: 'arxiv:2406.12345',
  arxivId: '2406.12345',
  title: 'Measuring Bias',
  authors: ['Ada Lovelace'],
  url: 'https://arxiv.org/abs/2406.12345',
  site: 'arxiv',
};
const audits = {
  label: 'Fairness audits',
  color: '#123456',
  phrases: ['audit', ' audit ', 'AI audit'],
};

let db: BiasLensDB;
let counter = 0;
let broadcast: ReturnType<typeof vi.fn<(message: Broadcast) => void>>;
let handle: ReturnType<typeof createRequestHandler>;
const own = () => ({ id: fakeBrowser.runtime.id });
/** The options page: custom and disabled topics may only be changed from our own pages. */
const optionsPage = () => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/options.html'),
});

beforeEach(() => {
  fakeBrowser.reset();
  counter += 1;
  db = openDatabase(`biaslens-test-corrections-${counter}-${Date.now()}`);
  broadcast = vi.fn<(message: Broadcast) => void>();
  handle = createRequestHandler(db, { broadcast, now: () => 1_000 });
});
afterEach(async () => {
  await db.delete();
  vi.restoreAllMocks();
});

describe('corrections in the database', () => {
  it('stores a correction for any paper, saved or not, and deletes an empty one', async () => {
    const result = await setCorrection(
      db,
      paper.id,
      { added: ['data', 'data'], removed: ['social'] },
      5,
    );
    expect(result).toEqual({
      correction: { id: paper.id, added: ['data'], removed: ['social'], updatedAt: 5 },
      paper: undefined,
    });
    expect(await getCorrections(db, [paper.id, 'arxiv:2406.00001'])).toEqual([
      { id: paper.id, added: ['data'], removed: ['social'] },
    ]);
    await setCorrection(db, paper.id, { added: [], removed: [] }, 6);
    expect(await db.corrections.count()).toBe(0);
    expect(await getCorrections(db, [])).toEqual([]);
  });

  it('makes a saved paper’s stored topics follow the correction', async () => {
    await savePaper(db, paper, ['social', 'evaluation'], 1);
    const given = await setCorrection(
      db,
      paper.id,
      { added: ['data'], removed: ['social'], topics: ['evaluation', 'data'] },
      7,
    );
    expect(given.paper).toMatchObject({ topics: ['data', 'evaluation'], updatedAt: 7 });
    // Without the card's topics: the stored ones with the correction applied.
    const derived = await setCorrection(db, paper.id, { added: ['ranking'], removed: ['data'] }, 8);
    expect(derived.paper?.topics).toEqual(['evaluation', 'ranking']);
    expect(
      correctStoredTopics(['social'], { added: ['custom:x', 'data'], removed: ['social'] }),
    ).toEqual(['data']);
  });
});

describe('topic settings in the database', () => {
  it('adds, edits, lists and deletes custom topics with slug ids', async () => {
    const created = await saveCustomTopic(db, audits, 10);
    expect(created).toEqual({
      id: 'custom:fairness-audits',
      label: 'Fairness audits',
      color: '#123456',
      phrases: ['audit', 'AI audit'],
      createdAt: 10,
      updatedAt: 10,
    });
    await expect(saveCustomTopic(db, { ...audits, label: 'fairness  AUDITS' }, 11)).rejects.toThrow(
      /exists/,
    );
    await saveCustomTopic(db, { label: 'Medical', color: '#aa0000', phrases: ['clinical'] }, 12);
    const edited = await saveCustomTopic(
      db,
      { id: created.id, label: 'Audits', color: '#654321', phrases: ['audit'] },
      13,
    );
    expect(edited).toMatchObject({ id: created.id, label: 'Audits', createdAt: 10, updatedAt: 13 });
    expect((await listCustomTopics(db)).map((t) => t.id)).toEqual([
      'custom:fairness-audits',
      'custom:medical',
    ]);
    await expect(
      saveCustomTopic(db, { id: 'custom:nope', label: 'x', color: '#000000', phrases: ['x'] }, 1),
    ).rejects.toThrow(/no custom topic/);
    await expect(
      saveCustomTopic(db, { ...audits, label: 'Empty', phrases: [' '] }, 1),
    ).rejects.toThrow(/phrase/);
    expect(await deleteCustomTopic(db, created.id)).toBe(true);
    expect(await deleteCustomTopic(db, created.id)).toBe(false);
  });

  it('reads the whole configuration in one call', async () => {
    await saveCustomTopic(db, audits, 10);
    expect(await setDisabledTopics(db, ['ranking', 'social', 'ranking'])).toEqual([
      'social',
      'ranking',
    ]);
    await setSummaryFilter(db, 'huggingface', 'data');
    const config = await getTopicConfig(db, 'huggingface');
    expect(config).toEqual({
      customTopics: [
        {
          id: 'custom:fairness-audits',
          label: 'Fairness audits',
          color: '#123456',
          // Worked out here for the content scripts: white reads better on this dark blue.
          textColor: '#ffffff',
          phrases: ['audit', 'AI audit'],
        },
      ],
      customPattern: {
        source: expect.stringContaining('(AI\\s+audit)|(audit)'),
        groupTopics: [[], ['custom:fairness-audits'], ['custom:fairness-audits']],
      },
      descriptions: TOPIC_DESCRIPTIONS,
      disabled: ['social', 'ranking'],
      summaryFilter: 'data',
    });
    // The pattern the content script compiles finds the phrases as compileCustomTopics does.
    const compiled = compilePattern(config.customTopics, config.customPattern);
    expect(matchCustomTopics(compiled, { title: 'An AI  audit of audits' })).toEqual([
      { id: 'custom:fairness-audits', evidence: ['AI audit', 'audit'] },
    ]);
    expect((await getTopicConfig(db, 'arxiv')).customPattern).not.toBeNull();
    expect((await getTopicConfig(db, 'arxiv')).summaryFilter).toBeNull();
    await setSummaryFilter(db, 'huggingface', null);
    expect((await getTopicConfig(db, 'huggingface')).summaryFilter).toBeNull();
    expect(await db.settings.get('summaryFilter:huggingface')).toBeUndefined();
    await db.settings.put({ key: 'disabledTopics', value: 'garbage' });
    expect((await getTopicConfig(db)).disabled).toEqual([]);
  });
});

describe('topic messages', () => {
  it('answers the per-page state request with saved ids and corrections', async () => {
    await handle({ type: 'save-paper', paper, topics: ['social'] }, own());
    await handle(
      { type: 'set-topic-correction', id: 'arxiv:2406.00001', added: ['data'], removed: [] },
      own(),
    );
    expect(
      await handle(
        { type: 'get-page-state', ids: [paper.id, 'arxiv:2406.00001', 'arxiv:2406.00002'] },
        own(),
      ),
    ).toEqual({
      ok: true,
      saved: [paper.id],
      corrections: [{ id: 'arxiv:2406.00001', added: ['data'], removed: [] }],
    });
  });

  it('stores a correction, updates the saved paper, and broadcasts it', async () => {
    await handle({ type: 'save-paper', paper, topics: ['social'] }, own());
    const response = await handle(
      {
        type: 'set-topic-correction',
        id: paper.id,
        added: ['custom:audits', 'data'],
        removed: ['social'],
        topics: ['data'],
      },
      own(),
    );
    expect(response).toMatchObject({
      ok: true,
      correction: { id: paper.id, added: ['custom:audits', 'data'], removed: ['social'] },
      record: { topics: ['data'] },
    });
    await vi.waitFor(() =>
      expect(broadcast).toHaveBeenCalledWith({
        type: 'topics-corrected',
        id: paper.id,
        added: ['custom:audits', 'data'],
        removed: ['social'],
      }),
    );
    const reset = await handle(
      { type: 'set-topic-correction', id: paper.id, added: [], removed: [] },
      own(),
    );
    expect(reset).toMatchObject({ ok: true, correction: null });
  });

  it('reads a note, saved or not', async () => {
    expect(await handle({ type: 'get-note', id: paper.id }, own())).toEqual({
      ok: true,
      saved: false,
      note: '',
    });
    await handle({ type: 'save-paper', paper, topics: [] }, own());
    await handle({ type: 'update-note', id: paper.id, note: 'Read §3' }, own());
    expect(await handle({ type: 'get-note', id: paper.id }, own())).toEqual({
      ok: true,
      saved: true,
      note: 'Read §3',
    });
  });

  it('saves and deletes custom topics and disabled topics, broadcasting config-changed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // A content script (a web page's world) may not change them.
    expect(await handle({ type: 'save-custom-topic', topic: audits }, own())).toEqual({
      ok: false,
      error: expect.stringMatching(/Refused/),
    });
    const saved = await handle({ type: 'save-custom-topic', topic: audits }, optionsPage());
    expect(saved).toMatchObject({ ok: true, topic: { id: 'custom:fairness-audits' } });
    const duplicate = await handle({ type: 'save-custom-topic', topic: audits }, optionsPage());
    expect(duplicate).toEqual({ ok: false, error: expect.stringMatching(/exists/) });
    expect(
      await handle({ type: 'set-disabled-topics', ids: ['cognitive'] }, optionsPage()),
    ).toEqual({
      ok: true,
      disabled: ['cognitive'],
    });
    expect(
      await handle(
        { type: 'set-summary-filter', site: 'arxiv', topic: 'custom:fairness-audits' },
        own(),
      ),
    ).toEqual({ ok: true });
    const settings = await handle({ type: 'get-topic-config', site: 'arxiv' }, own());
    expect(settings).toMatchObject({
      ok: true,
      disabled: ['cognitive'],
      summaryFilter: 'custom:fairness-audits',
      customTopics: [{ id: 'custom:fairness-audits' }],
    });
    // The classifier's data travels on its own request, once a page.
    expect(settings).not.toHaveProperty('model');
    expect(settings).not.toHaveProperty('cues');
    expect(await handle({ type: 'get-classifier' }, own())).toEqual({
      ok: true,
      cues: CUE_TABLE,
      model: shippedTopicModelMessage(),
    });
    expect(parseRequest({ type: 'get-topic-config', model: true })).toHaveProperty('error');
    expect(parseRequest({ type: 'get-classifier', model: true })).toHaveProperty('error');
    expect(
      await handle({ type: 'delete-custom-topic', id: 'custom:fairness-audits' }, optionsPage()),
    ).toEqual({ ok: true, removed: true });
    await vi.waitFor(() =>
      expect(broadcast.mock.calls.filter(([m]) => m.type === 'config-changed')).toHaveLength(3),
    );
  });

  it.each([
    [
      'an unknown topic',
      { type: 'set-topic-correction', id: paper.id, added: ['nope'], removed: [] },
    ],
    [
      'a malformed custom id',
      { type: 'set-topic-correction', id: paper.id, added: ['custom:A B'], removed: [] },
    ],
    [
      'a custom topic in stored topics',
      { type: 'set-topic-correction', id: paper.id, added: [], removed: [], topics: ['custom:x'] },
    ],
    ['a bad colour', { type: 'save-custom-topic', topic: { ...audits, color: 'red' } }],
    ['no phrases', { type: 'save-custom-topic', topic: { ...audits, phrases: [] } }],
    ['a blank name', { type: 'save-custom-topic', topic: { ...audits, label: '   ' } }],
    [
      'an overlong name',
      { type: 'save-custom-topic', topic: { ...audits, label: 'x'.repeat(41) } },
    ],
    ['an extra field', { type: 'save-custom-topic', topic: { ...audits, evil: 1 } }],
    ['disabling a custom topic', { type: 'set-disabled-topics', ids: ['custom:x'] }],
    ['an unknown site', { type: 'set-summary-filter', site: 'example', topic: null }],
    ['a built-in id as custom', { type: 'delete-custom-topic', id: 'social' }],
    ['too many ids', { type: 'get-page-state', ids: Array(5001).fill(paper.id) }],
  ])('refuses %s', (_name, message) => {
    expect(parseRequest(message)).toHaveProperty('error');
  });

  it('parses the new broadcasts and the keyboard command', () => {
    const corrected = { type: 'topics-corrected', id: paper.id, added: ['data'], removed: [] };
    expect(parseBroadcast(corrected)).toEqual(corrected);
    expect(parseBroadcast({ type: 'config-changed' })).toEqual({ type: 'config-changed' });
    expect(parseBroadcast({ type: 'save-card', extra: 1 })).toEqual({ type: 'save-card' });
    expect(
      parseBroadcast({ type: 'topics-corrected', id: paper.id, added: 'data' }),
    ).toBeUndefined();
  });
});

describe('the save-card command', () => {
  it('goes to the active tab of the current window only', async () => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    const query = vi
      .spyOn(fakeBrowser.tabs, 'query')
      .mockResolvedValue([{ id: 7 } as Awaited<ReturnType<typeof fakeBrowser.tabs.query>>[number]]);
    await forwardCommand('save-card');
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(send).toHaveBeenCalledWith(7, { type: 'save-card' });
    await forwardCommand('something-else');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('ignores tabs without our content script', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { id: 3 } as Awaited<ReturnType<typeof fakeBrowser.tabs.query>>[number],
    ]);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('no receiver'));
    await expect(forwardCommand('save-card')).resolves.toBeUndefined();
  });
});
