import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  LIMITS,
  onBroadcast,
  parseBroadcast,
  parseRequest,
  type Request,
  sendRequest,
} from '../../lib/messages';
import type { ExtractedPaper } from '../../lib/paper';

const paper: ExtractedPaper = {
  id: 'arxiv:2406.12345',
  arxivId: '2406.12345',
  version: 2,
  title: 'Measuring Bias',
  authors: ['Ada Lovelace'],
  abstract: 'We measure it.',
  url: 'https://arxiv.org/abs/2406.12345v2',
  site: 'arxiv',
};

const save = (
  overrides: Record<string, unknown> = {},
  paperOverrides: Record<string, unknown> = {},
) => ({
  type: 'save-paper',
  paper: { ...paper, ...paperOverrides },
  topics: ['social'],
  ...overrides,
});

/** The error parseRequest gives, or fails the test when it accepts the message. */
function errorOf(message: unknown): string {
  const result = parseRequest(message);
  if (!('error' in result)) throw new Error(`accepted: ${JSON.stringify(message)}`);
  return result.error;
}

describe('parseRequest accepts', () => {
  it.each<[string, Request]>([
    [
      'get-saved-state',
      { type: 'get-saved-state', ids: ['arxiv:2406.12345', 'arxiv:hep-th/9901001'] },
    ],
    ['get-saved-state with no ids', { type: 'get-saved-state', ids: [] }],
    ['save-paper', { type: 'save-paper', paper, topics: ['social', 'data'] }],
    [
      'save-paper with only required fields',
      {
        type: 'save-paper',
        paper: {
          id: 'arxiv:math.AG/0101001',
          arxivId: 'math.AG/0101001',
          title: 'T',
          authors: [],
          url: '',
          site: 'huggingface',
        },
        topics: [],
      },
    ],
    ['unsave-paper', { type: 'unsave-paper', id: 'arxiv:1406.1234' }],
    ['update-note', { type: 'update-note', id: 'arxiv:2406.12345', note: '' }],
    [
      'update-note at the size limit',
      { type: 'update-note', id: 'arxiv:2406.12345', note: 'x'.repeat(LIMITS.note) },
    ],
  ])('%s', (_name, message) => {
    expect(parseRequest(message)).toEqual(message);
  });

  it('accepts an explicitly undefined optional field (Firefox keeps undefined in messages)', () => {
    expect(parseRequest(save({}, { version: undefined, abstract: undefined }))).not.toHaveProperty(
      'error',
    );
  });

  it('accepts the maximum number of ids', () => {
    const ids = Array.from(
      { length: LIMITS.ids },
      (_, i) => `arxiv:2406.${String(i).padStart(5, '0')}`,
    );
    expect(parseRequest({ type: 'get-saved-state', ids })).not.toHaveProperty('error');
  });
});

describe('parseRequest rejects', () => {
  it.each<[string, unknown, RegExp]>([
    ['a non-object', 'save-paper', /expected an object/],
    ['null', null, /expected an object/],
    ['an array', [], /expected an object/],
    ['a missing type', { ids: [] }, /"type" must be a string/],
    ['an unknown type', { type: 'drop-database' }, /Unknown request type "drop-database"/],
    ['an inherited property name as type', { type: 'toString' }, /Unknown request type "toString"/],
    [
      'a broadcast sent as a request',
      { type: 'saved-changed', ids: [], saved: true },
      /Unknown request type/,
    ],
    // Wrong field types
    [
      'ids that are not an array',
      { type: 'get-saved-state', ids: 'arxiv:2406.12345' },
      /ids: must be an array/,
    ],
    ['a numeric id', { type: 'unsave-paper', id: 2406.12345 }, /id: must be a string/],
    ['a missing id', { type: 'unsave-paper' }, /id: is required/],
    [
      'a note that is not a string',
      { type: 'update-note', id: 'arxiv:2406.12345', note: null },
      /note: must be a string/,
    ],
    ['a paper that is not an object', save({ paper: 'x' }), /paper: must be an object/],
    ['a missing paper', { type: 'save-paper', topics: [] }, /paper: is required/],
    ['authors that are a string', save({}, { authors: 'Ada' }), /paper\.authors: must be an array/],
    ['a fractional version', save({}, { version: 1.5 }), /paper\.version: must be an integer/],
    ['version zero', save({}, { version: 0 }), /paper\.version: must be at least 1/],
    [
      'an unknown site',
      save({}, { site: 'example.com' }),
      /paper\.site: unknown site "example.com"/,
    ],
    [
      'an unknown topic',
      save({ topics: ['social', 'astrology'] }),
      /topics\.1: unknown topic "astrology"/,
    ],
    ['topics that are not an array', save({ topics: 'social' }), /topics: must be an array/],
    ['an empty title', save({}, { title: '  ' }), /paper\.title: must not be empty/],
    // Overlong strings and arrays
    [
      'an overlong title',
      save({}, { title: 'x'.repeat(LIMITS.title + 1) }),
      /paper\.title: must be at most 2000 characters/,
    ],
    [
      'an overlong author',
      save({}, { authors: ['x'.repeat(LIMITS.author + 1)] }),
      /paper\.authors\.0: must be at most 300 characters/,
    ],
    [
      'too many authors',
      save({}, { authors: Array(LIMITS.authors + 1).fill('A') }),
      /paper\.authors: at most 500 authors/,
    ],
    [
      'an overlong abstract',
      save({}, { abstract: 'x'.repeat(LIMITS.abstract + 1) }),
      /paper\.abstract: must be at most 20000 characters/,
    ],
    [
      'an overlong note',
      { type: 'update-note', id: 'arxiv:2406.12345', note: 'x'.repeat(LIMITS.note + 1) },
      /note: must be at most 100000 characters/,
    ],
    [
      'too many ids',
      { type: 'get-saved-state', ids: Array(LIMITS.ids + 1).fill('arxiv:2406.12345') },
      /ids: at most 5000 ids/,
    ],
    ['too many topics', save({ topics: Array(10).fill('social') }), /topics: at most 9 topics/],
    // Non-canonical ids
    [
      'a versioned id',
      { type: 'unsave-paper', id: 'arxiv:2406.12345v2' },
      /"arxiv:2406.12345v2" is not a canonical paper id/,
    ],
    ['a bare id', { type: 'unsave-paper', id: '2406.12345' }, /not a canonical paper id/],
    [
      'an uppercase prefix',
      { type: 'unsave-paper', id: 'ARXIV:2406.12345' },
      /not a canonical paper id/,
    ],
    [
      'a URL as id',
      { type: 'get-saved-state', ids: ['https://arxiv.org/abs/2406.12345'] },
      /ids\.0: .* not a canonical paper id/,
    ],
    [
      'trailing junk in an id',
      { type: 'unsave-paper', id: 'arxiv:2406.12345\n' },
      /not a canonical paper id/,
    ],
    [
      'an id that disagrees with arxivId',
      save({}, { id: 'arxiv:2406.99999' }),
      /paper\.id: must be "arxiv:" followed by arxivId/,
    ],
    [
      'an impossible arXiv month',
      save({}, { id: 'arxiv:2413.12345', arxivId: '2413.12345' }),
      /paper\.arxivId: is not a valid arXiv id/,
    ],
    [
      'a bad arxivId',
      save({}, { id: 'arxiv:2406.12345', arxivId: '2406.12345v2' }),
      /paper\.arxivId: is not a bare arXiv id/,
    ],
    // Extra junk
    [
      'an extra top-level field',
      { type: 'unsave-paper', id: 'arxiv:2406.12345', force: true },
      /force: unexpected field/,
    ],
    [
      'an extra paper field',
      save({}, { html: '<img onerror=alert(1)>' }),
      /paper\.html: unexpected field/,
    ],
  ])('%s', (_name, message, expected) => {
    expect(errorOf(message)).toMatch(expected);
  });

  it('describes unserializable values without throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(errorOf(save({ topics: [cyclic] }))).toMatch(/topics\.0: unknown topic object/);
    expect(errorOf(save({ topics: [10n] }))).toMatch(/topics\.0: unknown topic bigint/);
  });

  it('names the request type in field errors', () => {
    expect(errorOf({ type: 'unsave-paper', id: 1 })).toMatch(/^Invalid unsave-paper request: /);
  });

  it('keeps the error short when many fields are wrong', () => {
    const error = errorOf({ type: 'get-saved-state', ids: Array(50).fill('bad') });
    expect(error).toMatch(/and 47 more/);
    expect(error.length).toBeLessThan(400);
  });
});

describe('parseBroadcast', () => {
  it('recognizes saved-changed and ignores anything else', () => {
    const broadcast = { type: 'saved-changed', ids: ['arxiv:2406.12345'], saved: true };
    expect(parseBroadcast(broadcast)).toEqual(broadcast);
    expect(parseBroadcast({ type: 'saved-changed', ids: 'x', saved: true })).toBeUndefined();
    expect(parseBroadcast({ type: 'save-paper' })).toBeUndefined();
    expect(parseBroadcast(undefined)).toBeUndefined();
  });
});

describe('client helpers', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('sendRequest resolves to the background response', async () => {
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) =>
      (message as Request).type === 'get-saved-state'
        ? { ok: true, saved: ['arxiv:2406.12345'] }
        : undefined,
    );
    const response = await sendRequest({ type: 'get-saved-state', ids: ['arxiv:2406.12345'] });
    expect(response).toEqual({ ok: true, saved: ['arxiv:2406.12345'] });
    if (response.ok) expect(response.saved).toHaveLength(1); // typed as the get-saved-state success
  });

  it('sendRequest turns transport failures into { ok: false } instead of rejecting', async () => {
    // No listener: the fake browser throws like "Receiving end does not exist".
    const response = await sendRequest({ type: 'unsave-paper', id: 'arxiv:2406.12345' });
    expect(response).toEqual({ ok: false, error: expect.stringMatching(/Could not reach/) });
    fakeBrowser.runtime.onMessage.addListener(() => undefined);
    expect(await sendRequest({ type: 'unsave-paper', id: 'arxiv:2406.12345' })).toEqual({
      ok: false,
      error: expect.stringMatching(/No response/),
    });
  });

  it('onBroadcast delivers broadcasts only, never answers, and unsubscribes', async () => {
    const listener = vi.fn();
    const stop = onBroadcast(listener);
    const results = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'saved-changed', ids: ['arxiv:2406.12345'], saved: false },
      {},
    );
    await fakeBrowser.runtime.onMessage.trigger({ type: 'something-else' }, {});
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith({
      type: 'saved-changed',
      ids: ['arxiv:2406.12345'],
      saved: false,
    });
    expect(results).toEqual([undefined]);
    stop();
    await fakeBrowser.runtime.onMessage.trigger(
      { type: 'saved-changed', ids: [], saved: true },
      {},
    );
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
