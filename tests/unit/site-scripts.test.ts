/**
 * Permissions the user controls: the background registers the sites content script for exactly
 * the granted optional sites and generic origins (lib/background/site-scripts.ts), the messages
 * that change it are for extension pages only, and generic origins are stored in the settings.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createRequestHandler } from '../../lib/background/handler';
import {
  createSiteScriptSync,
  GENERIC_SCRIPT_ID,
  planScriptChanges,
  type RegisteredScript,
  SITES_SCRIPT_FILE,
  type SiteScriptsEnv,
  siteScriptId,
  wantedScripts,
} from '../../lib/background/site-scripts';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import { getGenericOrigins, setGenericOrigin } from '../../lib/db/site-settings';
import { parseRequest } from '../../lib/messages';
import { normalizeGenericOrigin } from '../../lib/sites/optional-sites';
import { contentScript, extensionPage } from './notebook-helpers';

/** A browser with some origins granted and a registry of scripts, as scripting keeps it. */
function fakeEnv(granted: string[], genericOrigins: string[] = []) {
  const registered = new Map<string, RegisteredScript>();
  const calls: string[] = [];
  const env: SiteScriptsEnv = {
    hasOrigins: async (origins) => origins.every((origin) => granted.includes(origin)),
    genericOrigins: async () => genericOrigins,
    getRegistered: async () => [...registered.values()],
    register: async (scripts) => {
      for (const script of scripts) {
        if (registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        // Chrome reports the path without its leading slash.
        registered.set(script.id, {
          id: script.id,
          matches: script.matches,
          js: script.js.map((file) => file.replace(/^\//, '')),
        });
        calls.push(`register ${script.id}`);
      }
    },
    unregister: async (ids) => {
      for (const id of ids) {
        registered.delete(id);
        calls.push(`unregister ${id}`);
      }
    },
  };
  return { env, registered, calls, granted, genericOrigins };
}

describe('wantedScripts', () => {
  it('one registration per site with a granted origin, matching the granted origins only', () => {
    const wanted = wantedScripts(
      new Set(['https://dblp.org/*', 'https://proceedings.neurips.cc/*']),
      [],
    );
    expect(wanted.map(({ id, matches }) => [id, matches])).toEqual([
      ['biaslens-site-neurips', ['https://proceedings.neurips.cc/*']],
      ['biaslens-site-dblp', ['https://dblp.org/*']],
    ]);
    for (const script of wanted) {
      expect(script).toMatchObject({
        js: [SITES_SCRIPT_FILE],
        runAt: 'document_end',
        allFrames: false,
        persistAcrossSessions: true,
      });
    }
  });

  it('generic mode: one registration for the enabled origins whose permission is granted', () => {
    const wanted = wantedScripts(new Set(['https://www.cs.example.edu/*']), [
      'https://www.cs.example.edu',
      'https://not-granted.example.org',
    ]);
    expect(wanted.map(({ id, matches }) => [id, matches])).toEqual([
      [GENERIC_SCRIPT_ID, ['https://www.cs.example.edu/*']],
    ]);
  });

  it('nothing granted: nothing registered', () => {
    expect(wantedScripts(new Set(), ['https://www.cs.example.edu'])).toEqual([]);
  });
});

describe('planScriptChanges', () => {
  const dblp = wantedScripts(new Set(['https://dblp.org/*']), []);

  it('keeps an unchanged registration (Chrome reports its path without the slash)', () => {
    const registered = [
      {
        id: siteScriptId('dblp'),
        matches: ['https://dblp.org/*'],
        js: ['content-scripts/sites.js'],
      },
    ];
    expect(planScriptChanges(registered, dblp)).toEqual({ unregister: [], register: [] });
  });

  it('replaces a changed one, removes a stale one, leaves others’ alone', () => {
    const registered = [
      { id: siteScriptId('dblp'), matches: ['https://dblp.uni-trier.de/*'], js: ['x.js'] },
      { id: siteScriptId('acl'), matches: ['https://aclanthology.org/*'] },
      // WXT's development mode registers its own scripts.
      { id: 'wxt:content-scripts/content.js', matches: ['https://arxiv.org/*'] },
    ];
    expect(planScriptChanges(registered, dblp)).toEqual({
      unregister: ['biaslens-site-dblp', 'biaslens-site-acl'],
      register: dblp,
    });
  });
});

describe('createSiteScriptSync', () => {
  it('registers the granted sites, then follows grants and removals', async () => {
    const browserState = fakeEnv(['https://dblp.org/*']);
    const sync = createSiteScriptSync(browserState.env);
    expect((await sync()).map((script) => script.id)).toEqual(['biaslens-site-dblp']);
    expect([...browserState.registered.keys()]).toEqual(['biaslens-site-dblp']);

    // Nothing changed: nothing is registered again.
    browserState.calls.length = 0;
    await sync();
    expect(browserState.calls).toEqual([]);

    // The user switches ACL on and dblp's mirror too; then dblp off.
    browserState.granted.push('https://aclanthology.org/*', 'https://dblp.uni-trier.de/*');
    await sync();
    expect(browserState.registered.get('biaslens-site-dblp')?.matches).toEqual([
      'https://dblp.org/*',
      'https://dblp.uni-trier.de/*',
    ]);
    expect(browserState.registered.has('biaslens-site-acl')).toBe(true);
    browserState.granted.splice(0, browserState.granted.length, 'https://aclanthology.org/*');
    await sync();
    expect([...browserState.registered.keys()]).toEqual(['biaslens-site-acl']);
  });

  it('runs one sync at a time, so racing events never register a script twice', async () => {
    const browserState = fakeEnv(['https://dblp.org/*', 'https://openreview.net/*']);
    const sync = createSiteScriptSync(browserState.env);
    await Promise.all([sync(), sync(), sync(), sync()]);
    expect([...browserState.registered.keys()].sort()).toEqual([
      'biaslens-site-dblp',
      'biaslens-site-openreview',
    ]);
  });

  it('a failed sync does not stop the next one', async () => {
    const browserState = fakeEnv(['https://dblp.org/*']);
    let fail = true;
    const getRegistered = browserState.env.getRegistered;
    browserState.env.getRegistered = async () => {
      if (fail) throw new Error('scripting unavailable');
      return getRegistered();
    };
    const sync = createSiteScriptSync(browserState.env);
    await expect(sync()).rejects.toThrow('scripting unavailable');
    fail = false;
    expect((await sync()).map((script) => script.id)).toEqual(['biaslens-site-dblp']);
  });
});

describe('generic origins', () => {
  it.each([
    ['www.cs.example.edu', 'https://www.cs.example.edu'],
    ['https://WWW.CS.Example.EDU/~ada/pubs.html?x=1#top', 'https://www.cs.example.edu'],
    ['  reading-group.example.org/2026/ ', 'https://reading-group.example.org'],
    ['bücher.example', 'https://xn--bcher-kva.example'],
  ])('%j is the origin %s', (input, origin) => {
    expect(normalizeGenericOrigin(input)).toEqual({ ok: true, origin });
  });

  it.each([
    ['', /Type a site/],
    ['http://www.cs.example.edu', /Only https/],
    ['ftp://example.org', /Only https/],
    ['javascript:alert(1)', /Only https/],
    ['https://user:pw@example.org', /without a user name or port/],
    ['https://example.org:8443', /without a user name or port/],
    ['localhost', /not a site name/],
    ['*.example.org', /not a (site name|web address)/],
    ['arxiv.org', /own support/],
    ['export.arxiv.org', /own support/],
    ['huggingface.co', /own support/],
    ['dblp.org', /own support/],
    ['https://scholar.google.com/scholar?q=x', /own support/],
  ])('%j is refused', (input, error) => {
    expect(normalizeGenericOrigin(input)).toEqual({
      ok: false,
      error: expect.stringMatching(error),
    });
  });
});

let db: BiasLensDB;
let counter = 0;
beforeEach(() => {
  fakeBrowser.reset();
  counter += 1;
  db = openDatabase(`biaslens-test-site-scripts-${counter}-${Date.now()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('site settings and their messages', () => {
  it('stores generic origins sorted and once each', async () => {
    await setGenericOrigin(db, 'https://b.example.org', true);
    await setGenericOrigin(db, 'https://a.example.org', true);
    expect(await setGenericOrigin(db, 'https://a.example.org', true)).toEqual([
      'https://a.example.org',
      'https://b.example.org',
    ]);
    expect(await setGenericOrigin(db, 'https://b.example.org', false)).toEqual([
      'https://a.example.org',
    ]);
    await expect(setGenericOrigin(db, 'https://dblp.org', true)).rejects.toThrow(RangeError);
    // Junk in the settings table is ignored.
    await db.settings.put({
      key: 'genericSites',
      value: ['https://ok.example.org', 'javascript:x', 7],
    });
    expect(await getGenericOrigins(db)).toEqual(['https://ok.example.org']);
  });

  it('set-generic-site stores the origin and registers the script again', async () => {
    const browserState = fakeEnv(['https://www.cs.example.edu/*']);
    const injected: string[][] = [];
    const handle = createRequestHandler(db, {
      broadcast: () => {},
      now: () => 1,
      syncSiteScripts: createSiteScriptSync({
        ...browserState.env,
        genericOrigins: () => getGenericOrigins(db),
      }),
      injectIntoOpenTabs: async (patterns) => {
        injected.push(patterns);
      },
    });
    expect(
      await handle(
        { type: 'set-generic-site', origin: 'https://www.cs.example.edu', enabled: true },
        extensionPage('/options.html'),
      ),
    ).toEqual({
      ok: true,
      origins: ['https://www.cs.example.edu'],
      registered: [{ id: GENERIC_SCRIPT_ID, matches: ['https://www.cs.example.edu/*'] }],
    });
    expect(injected).toEqual([['https://www.cs.example.edu/*']]);
    expect(
      await handle(
        { type: 'set-generic-site', origin: 'https://www.cs.example.edu', enabled: false },
        extensionPage('/options.html'),
      ),
    ).toEqual({ ok: true, origins: [], registered: [] });
    expect(browserState.registered.size).toBe(0);
    expect(await handle({ type: 'sync-site-scripts' }, extensionPage('/options.html'))).toEqual({
      ok: true,
      registered: [],
    });
  });

  it('refuses both to content scripts, and malformed origins to anyone', async () => {
    const handle = createRequestHandler(db, { broadcast: () => {}, now: () => 1 });
    for (const message of [
      { type: 'set-generic-site', origin: 'https://evil.example.org', enabled: true },
      { type: 'sync-site-scripts' },
    ]) {
      expect(await handle(message, contentScript())).toEqual({
        ok: false,
        error: expect.stringMatching(/may only be sent by BiasLens's own pages/),
      });
    }
    expect(await getGenericOrigins(db)).toEqual([]);
    for (const [origin, error] of [
      ['www.cs.example.edu', /must be written as "https:\/\/www\.cs\.example\.edu"/],
      ['https://dblp.org', /own support/],
      ['http://example.org', /Only https/],
      [42, /must be a string/],
    ] as const) {
      const parsed = parseRequest({ type: 'set-generic-site', origin, enabled: true });
      expect(parsed).toEqual({ error: expect.stringMatching(error) });
    }
    expect(parseRequest({ type: 'sync-site-scripts', all: true })).toEqual({
      error: expect.stringMatching(/all: unexpected field/),
    });
  });
});

describe('save-paper with ids of every scheme', () => {
  const base = { title: 'T', authors: [], url: '', site: 'dblp' };

  it.each([
    [{ id: 'doi:10.1145/3442188.3445922', doi: '10.1145/3442188.3445922' }],
    [{ id: 'acl:2024.acl-long.1', aclId: '2024.acl-long.1', arxivId: '2406.12345' }],
    [{ id: 'openreview:aBcD3fGh1j', openreviewId: 'aBcD3fGh1j' }],
    [{ id: 'pmlr:v202/aamand23a' }],
    [{ id: 'neurips:2023/0001ca33ba34ce0351e4612b744b3936-Conference' }],
  ])('accepts %j', (ids) => {
    const message = { type: 'save-paper', paper: { ...base, ...ids }, topics: [] };
    expect(parseRequest(message)).toEqual(message);
  });

  it('fills the field of the id’s scheme when the page left it out', () => {
    expect(
      parseRequest({
        type: 'save-paper',
        paper: { ...base, id: 'doi:10.1145/3442188.3445922' },
        topics: [],
      }),
    ).toMatchObject({ paper: { doi: '10.1145/3442188.3445922' } });
  });

  it.each([
    [{ id: 'doi:10.1145/abc', doi: '10.1145/other' }, /paper\.id: must be "doi:" followed by doi/],
    [{ id: 'doi:10.1145/ABC' }, /not a canonical paper id/],
    [
      { id: 'arxiv:2406.12345', doi: 'https://doi.org/10.1145/abc' },
      /paper\.doi: is not a canonical doi id/,
    ],
    [{ id: 'acl:2024.acl-long.1', aclId: '../../etc' }, /paper\.aclId: is not a canonical acl id/],
    [{ id: 'isbn:1234' }, /not a canonical paper id/],
    [{ id: `doi:10.1145/${'x'.repeat(400)}` }, /not a canonical paper id/],
  ])('refuses %j', (ids, error) => {
    expect(parseRequest({ type: 'save-paper', paper: { ...base, ...ids }, topics: [] })).toEqual({
      error: expect.stringMatching(error),
    });
  });

  it('get-page-state takes ids of every scheme, bounded', () => {
    const ids = ['arxiv:2406.12345', 'doi:10.1145/3442188.3445922', 'pmlr:v202/aamand23a'];
    expect(parseRequest({ type: 'get-page-state', ids })).toEqual({ type: 'get-page-state', ids });
    expect(
      parseRequest({ type: 'get-page-state', ids: [`doi:10.1145/${'y'.repeat(1000)}`] }),
    ).toEqual({ error: expect.stringMatching(/ids\.0: .* is not a canonical paper id/) });
  });
});
