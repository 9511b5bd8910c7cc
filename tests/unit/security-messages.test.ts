/**
 * Messages (docs/SECURITY.md, "Messages"): the background answers only this extension, validates
 * every request against its schema, rejects unknown types and malformed fields with a reason, and
 * lets a content script send only what a listing page needs. Every rejection leaves the database
 * and the broadcasts untouched. Runs the real handler on fake-indexeddb.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createRequestHandler, type Sender } from '../../lib/background/handler';
import { CONTENT_SCRIPT_REQUESTS, senderKind } from '../../lib/background/sender-policy';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import { type Broadcast, LIMITS } from '../../lib/messages';
import type { ExtractedPaper } from '../../lib/paper';

const paper: ExtractedPaper = {
  id: 'arxiv:2406.12345',
  arxivId: '2406.12345',
  title: 'Measuring Bias',
  authors: ['Ada Lovelace'],
  abstract: 'We measure it.',
  url: 'https://arxiv.org/abs/2406.12345',
  site: 'arxiv',
};
const save = (changes: Record<string, unknown> = {}, top: Record<string, unknown> = {}) => ({
  type: 'save-paper',
  paper: { ...paper, ...changes },
  topics: ['social'],
  ...top,
});
const long = (n: number) => 'x'.repeat(n);

const popup = (): Sender => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/popup.html'),
});
const contentScript = (url = 'https://arxiv.org/list/cs.LG/new'): Sender => ({
  id: fakeBrowser.runtime.id,
  url,
});

/**
 * Malformed messages, each with the reason it must be rejected for. Sent from the popup (the
 * most trusted sender), so only validation can refuse them.
 */
const MALFORMED: Array<[name: string, message: unknown, error: RegExp]> = [
  ['null', null, /^Malformed request: expected an object/],
  ['undefined', undefined, /^Malformed request: expected an object/],
  ['a string', 'save-paper', /^Malformed request: expected an object/],
  ['a number', 42, /^Malformed request: expected an object/],
  ['an array', [save()], /^Malformed request: expected an object/],
  ['an object without type', { paper }, /"type" must be a string/],
  ['a numeric type', { type: 7 }, /"type" must be a string/],
  ['a null type', { type: null }, /"type" must be a string/],
  ['an unknown type', { type: 'drop-database' }, /^Unknown request type "drop-database"/],
  ['a type in the wrong case', { type: 'SAVE-PAPER' }, /^Unknown request type/],
  ['an inherited property as type', { type: 'constructor' }, /^Unknown request type/],
  ['__proto__ as type', { type: '__proto__' }, /^Unknown request type/],
  ['toString as type', { type: 'toString' }, /^Unknown request type/],
  ['save-paper without paper', { type: 'save-paper', topics: [] }, /paper: is required/],
  [
    'save-paper with a null paper',
    { type: 'save-paper', paper: null, topics: [] },
    /paper: must be an object/,
  ],
  ['a versioned canonical id', save({ id: 'arxiv:2406.12345v2' }), /not a canonical paper id/],
  [
    'an id that is not its arxivId',
    save({ id: 'arxiv:2406.54321' }),
    /must be "arxiv:" followed by arxivId/,
  ],
  [
    'an impossible month',
    save({ id: 'arxiv:2413.12345', arxivId: '2413.12345' }),
    /arxivId: is not a (bare|valid) arXiv id/,
  ],
  [
    'a URL as arxivId',
    save({ arxivId: 'https://evil.example/abs/2406.12345' }),
    /arxivId: is not a bare arXiv id/,
  ],
  ['an empty title', save({ title: '' }), /title: must not be empty/],
  [
    'a title of only bidi controls and zero-width spaces',
    save({ title: '\u202E\u200B\u202C' }),
    /title: must not be empty/,
  ],
  [
    'a title over the limit',
    save({ title: long(LIMITS.title + 1) }),
    /title: must be at most 2000 characters/,
  ],
  ['a numeric title', save({ title: 5 }), /title: must be a string/],
  ['authors as a string', save({ authors: 'Ada' }), /authors: must be an array of strings/],
  [
    'an author over the limit',
    save({ authors: [long(LIMITS.author + 1)] }),
    /authors\.0: must be at most 300 characters/,
  ],
  [
    'too many authors',
    save({ authors: Array.from({ length: LIMITS.authors + 1 }, () => 'A') }),
    /at most 500 authors/,
  ],
  [
    'an abstract over the limit',
    save({ abstract: long(LIMITS.abstract + 1) }),
    /abstract: must be at most 20000 characters/,
  ],
  ['version 0', save({ version: 0 }), /version: must be at least 1/],
  ['a fractional version', save({ version: 1.5 }), /version: must be an integer/],
  [
    'a version over the limit',
    save({ version: LIMITS.version + 1 }),
    /version: must be at most 1000/,
  ],
  ['an unknown site', save({ site: 'evil.example' }), /unknown site "evil.example"/],
  [
    'markup in an extra paper field',
    save({ html: '<img src=x onerror=alert(1)>' }),
    /paper\.html: unexpected field/,
  ],
  ['an extra top-level field', save({}, { sql: 'DROP TABLE papers' }), /sql: unexpected field/],
  [
    'an own __proto__ key (from JSON.parse)',
    JSON.parse(`{"type":"unsave-paper","id":"arxiv:2406.12345","__proto__":{"admin":true}}`),
    /unexpected field/,
  ],
  ['an unknown topic', save({}, { topics: ['evil'] }), /unknown topic "evil"/],
  [
    'too many topics',
    save({}, { topics: Array.from({ length: 10 }, () => 'social') }),
    /at most 9 topics/,
  ],
  ['topics as a string', save({}, { topics: 'social' }), /topics: must be an array of topic ids/],
  [
    'get-saved-state with ids as a string',
    { type: 'get-saved-state', ids: 'arxiv:2406.12345' },
    /ids: must be an array of paper ids/,
  ],
  [
    'get-saved-state with too many ids',
    {
      type: 'get-saved-state',
      ids: Array.from({ length: LIMITS.ids + 1 }, () => 'arxiv:2406.12345'),
    },
    /at most 5000 ids per request/,
  ],
  [
    'get-saved-state with a URL as id',
    { type: 'get-saved-state', ids: ['https://evil.example/'] },
    /not a canonical paper id/,
  ],
  [
    'unsave-paper with a javascript: id',
    { type: 'unsave-paper', id: 'javascript:alert(1)' },
    /not a canonical paper id/,
  ],
  ['unsave-paper without id', { type: 'unsave-paper' }, /id: is required/],
  [
    'update-note with a numeric note',
    { type: 'update-note', id: paper.id, note: 42 },
    /note: must be a string/,
  ],
  [
    'update-note with a note over the limit',
    { type: 'update-note', id: paper.id, note: long(LIMITS.note + 1) },
    /note: must be at most 100000 characters/,
  ],
  [
    'update-note with a negative time',
    { type: 'update-note', id: paper.id, note: 'x', editedAt: -1 },
    /editedAt: must not be negative/,
  ],
  ['import-papers without apply', { type: 'import-papers', text: '{}' }, /apply: is required/],
];

/** Requests a content script must never be allowed, valid in every other respect. */
const EXTENSION_PAGE_ONLY: Array<[type: string, message: Record<string, unknown>]> = [
  ['import-papers', { type: 'import-papers', text: '{"format":"biaslens-notes"}', apply: true }],
  ['restore-papers', { type: 'restore-papers', papers: [] }],
  ['update-tags', { type: 'update-tags', id: paper.id, add: ['read'], remove: [] }],
  ['rename-tag', { type: 'rename-tag', from: 'read', to: 'done' }],
  [
    'save-custom-topic',
    { type: 'save-custom-topic', topic: { label: 'Mine', color: '#123456', phrases: ['x'] } },
  ],
  ['delete-custom-topic', { type: 'delete-custom-topic', id: 'custom:mine' }],
  ['set-disabled-topics', { type: 'set-disabled-topics', ids: ['social'] }],
];

let db: BiasLensDB;
let counter = 0;
let broadcast: ReturnType<typeof vi.fn<(message: Broadcast) => void>>;
let handle: ReturnType<typeof createRequestHandler>;

beforeEach(() => {
  fakeBrowser.reset();
  counter += 1;
  db = openDatabase(`biaslens-security-messages-${counter}-${Date.now()}`);
  broadcast = vi.fn<(message: Broadcast) => void>();
  handle = createRequestHandler(db, { broadcast, now: () => 1_700_000_000_000 });
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(async () => {
  await db.delete();
  vi.restoreAllMocks();
});

async function expectUntouched(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0)); // let a stray broadcast surface
  expect(await db.papers.count()).toBe(0);
  expect(broadcast).not.toHaveBeenCalled();
}

describe('malformed messages', () => {
  it('the table has at least 30 cases', () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(30);
  });

  it.each(MALFORMED)('rejects %s', async (_name, message, error) => {
    const response = await handle(message, popup());
    expect(response.ok).toBe(false);
    expect(response.ok ? '' : response.error).toMatch(error);
    // The reason is short even for a huge input (inputs are quoted cut, never echoed whole).
    expect(response.ok ? '' : response.error.length).toBeLessThan(400);
    await expectUntouched();
  });

  it('accepts the well-formed message the table is built from, cleaning its text', async () => {
    const response = await handle(
      save({
        title: ' Fair\u202Eness \u200Bof <b>ranking</b> ',
        authors: ['\u2066Ada\u2069', '\u200B'],
      }),
      contentScript(),
    );
    expect(response).toMatchObject({
      ok: true,
      record: { title: 'Fairness of <b>ranking</b>', authors: ['Ada'] },
    });
  });
});

describe('senders', () => {
  it.each([
    [
      'another extension',
      { id: 'some-other-extension', url: 'chrome-extension://some-other-extension/x.html' },
    ],
    ['a sender without id (a web page)', { url: 'https://evil.example/' }],
    ['an empty sender', {}],
  ])('refuses %s, even for a harmless request', async (_name, sender) => {
    for (const message of [save(), { type: 'get-saved-state', ids: [paper.id] }]) {
      const response = await handle(message, sender);
      expect(response).toEqual({
        ok: false,
        error: 'Refused: the message does not come from BiasLens',
      });
    }
    await expectUntouched();
  });

  it('lets content scripts send exactly the requests a listing page needs', () => {
    expect([...CONTENT_SCRIPT_REQUESTS].sort()).toEqual(
      [
        'get-classifier',
        'get-note',
        'get-page-state',
        'get-saved-state',
        'get-topic-config',
        'save-paper',
        'set-summary-filter',
        'set-topic-correction',
        'unsave-paper',
        'update-note',
      ].sort(),
    );
  });

  it.each(EXTENSION_PAGE_ONLY)('refuses %s from a content script', async (type, message) => {
    const response = await handle(message, contentScript());
    expect(response).toEqual({
      ok: false,
      error: `Refused: ${type} may only be sent by BiasLens's own pages, not by a content script`,
    });
    await expectUntouched();
  });

  it.each([
    ['no url', { id: 'test-extension-id' }],
    [
      'a look-alike host',
      {
        id: 'test-extension-id',
        url: 'chrome-extension://test-extension-id.evil.example/popup.html',
      },
    ],
    [
      'another extension origin',
      { id: 'test-extension-id', url: 'chrome-extension://other-extension/popup.html' },
    ],
    ['a web page', { id: 'test-extension-id', url: 'https://huggingface.co/papers' }],
    [
      'a data URL',
      { id: 'test-extension-id', url: 'data:text/html,chrome-extension://test-extension-id/' },
    ],
  ])('treats a sender with %s as a content script', (_name, sender) => {
    expect(senderKind(sender, fakeBrowser.runtime.getURL('/'))).toBe('content-script');
  });

  it('lets extension pages send what content scripts may not', async () => {
    for (const [type, message] of EXTENSION_PAGE_ONLY) {
      const response = await handle(message, popup());
      // Not refused for its sender (it may still fail for its own reasons, e.g. no such tag).
      expect(response.ok ? '' : response.error, type).not.toMatch(/^Refused/);
    }
  });

  it('serves a content script its listing-page requests', async () => {
    const saved = await handle(save(), contentScript());
    expect(saved.ok).toBe(true);
    expect(
      await handle({ type: 'get-page-state', ids: [paper.id] }, contentScript()),
    ).toMatchObject({
      ok: true,
      saved: [paper.id],
    });
    expect(
      await handle({ type: 'update-note', id: paper.id, note: 'quick note' }, contentScript()),
    ).toMatchObject({ ok: true });
    expect(await handle({ type: 'unsave-paper', id: paper.id }, contentScript())).toMatchObject({
      ok: true,
      removed: true,
    });
  });
});
