/**
 * Optional sites end to end, in real Chromium on the built extension: a site is switched on from
 * the options page, the background registers the sites content script for it, and its cards get
 * annotated; without that, its pages get nothing. Generic mode likewise for a site the user names.
 *
 * THE PERMISSION PROMPT. Switching a site on calls `permissions.request` from the click, and
 * Chromium answers it with its own prompt (a browser dialog, not part of any page). Nothing in
 * Playwright or the DevTools protocol can answer that dialog (microsoft/playwright#32755, "out of
 * scope"), and Chromium 156 ignores `--apps-gallery-install-auto-confirm-for-tests=accept` for it
 * (tried: the request stays pending). So this file tests two things, and says which is which:
 *
 * 1. A site the user has not approved (ACL Anthology, dblp in a fresh profile): the click on its
 *    switch really calls `permissions.request`; the prompt is up and unanswered, the request stays
 *    pending, the switch waits, nothing is granted or registered, and the site's pages get nothing.
 * 2. A site the user approved before (dblp, and www.cs.example.edu for generic mode): before the
 *    browser starts, the test writes into the test profile's `Preferences` the record Chromium
 *    keeps of a user's approval of those origins (`granted_permissions` and
 *    `runtime_granted_permissions` of the extension), without making them active. Chromium then
 *    answers the same real `permissions.request`, from the same real click on the switch, with
 *    `true` and no prompt, as it does for permissions a user already approved. Everything after
 *    the request is the shipped code path, untouched: `permissions.onAdded` in the background, the
 *    registration (`scripting.registerContentScripts`, id `biaslens-site-dblp`), the script run in
 *    the tab already open, the annotation of new pages, and switching off (`permissions.remove`,
 *    which needs no prompt) unregistering it. No test-only flag or code path exists in the build.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionSession,
  type FixtureRoute,
  launchWithExtension,
  readCards,
  waitForCards,
} from './harness';
import { pageByName } from './pages';

const DBLP_PERSON: FixtureRoute = {
  url: 'https://dblp.org/pid/00/0000.html',
  file: 'dblp/dblp-pid-timnit-gebru.html',
};
const DBLP_SEARCH: FixtureRoute = {
  url: 'https://dblp.org/search?q=fairness+bias',
  file: 'dblp/dblp-search-fairness-bias.html',
};
const ACL_AUTHOR: FixtureRoute = {
  url: 'https://aclanthology.org/people/andreas-madsack/unverified/',
  file: 'acl/acl-anthology-author-page-2026-07.html',
};
const PUBLICATIONS: FixtureRoute = {
  url: 'https://www.cs.example.edu/~lovelace/publications.html',
  file: 'generic/publications.html',
};
const READING_LIST: FixtureRoute = {
  url: 'https://reading-group.example.org/2026/spring/',
  file: 'generic/reading-list.html',
};
const ARXIV = pageByName('arxiv-new');
const FIXTURES = [DBLP_PERSON, DBLP_SEARCH, ACL_AUTHOR, PUBLICATIONS, READING_LIST, ARXIV];

/** Cards of the dblp fixtures with an id (one person-page entry links none). */
const DBLP_PERSON_CARDS = 6;
const DBLP_SEARCH_CARDS = 6;
const CANONICAL_ID = /^(?:arxiv|doi|acl|openreview):\S+$/;

/** What the page shows of BiasLens: the pass count on <html> and our UI hosts. */
async function biaslensOn(page: Page) {
  return page.evaluate(() => ({
    cards: document.documentElement.getAttribute('data-biaslens-cards'),
    hosts: document.querySelectorAll('biaslens-card').length,
    marked: document.querySelectorAll('[data-biaslens-paper]').length,
  }));
}

/** Opens `route` and gives any content script ample time to have run. */
async function openAndSettle(session: ExtensionSession, route: FixtureRoute): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(route.url);
  await page.waitForLoadState('load');
  await page.waitForTimeout(1500);
  return page;
}

async function openOptions(session: ExtensionSession): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/options.html`);
  await page.getByRole('heading', { name: 'Sites', level: 2 }).waitFor();
  return page;
}

/** The scripts registered at run time and the origins granted, read in an extension page. */
async function extensionState(options: Page) {
  return options.evaluate(async () => {
    // The extension page's own `chrome` (this file is type-checked without the extension types).
    const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    const scripts = await api.scripting.getRegisteredContentScripts();
    return {
      registered: scripts.map(({ id, matches }) => ({ id, matches: [...(matches ?? [])].sort() })),
      origins: ((await api.permissions.getAll()).origins ?? []).sort(),
    };
  });
}

/** The part of the extension API `extensionState` reads. */
interface ChromeApi {
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> };
  permissions: { getAll(): Promise<{ origins?: string[] }> };
}

/** The Sites section's status line. */
const sitesStatus = (options: Page) =>
  options.getByRole('region', { name: 'Sites' }).getByRole('status');

const siteSwitch = (options: Page, name: string) =>
  options.getByRole('switch', { name, exact: true });

/**
 * Writes into a closed profile Chromium's record that the user approved `origins` for the
 * extension (see the top of this file), without making them active.
 */
function recordApproval(userDataDir: string, extensionId: string, origins: string[]): void {
  const file = join(userDataDir, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8'));
  const settings = prefs.extensions?.settings?.[extensionId];
  if (!settings) throw new Error(`no settings for ${extensionId} in ${file}`);
  for (const key of ['granted_permissions', 'runtime_granted_permissions']) {
    settings[key] ??= { api: [], explicit_host: [], manifest_permissions: [], scriptable_host: [] };
    const set = settings[key];
    set.explicit_host = [...new Set([...(set.explicit_host ?? []), ...origins])];
    set.scriptable_host = [...new Set([...(set.scriptable_host ?? []), ...origins])];
  }
  writeFileSync(file, JSON.stringify(prefs));
}

describe('a site not switched on, and the permission prompt', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchWithExtension({ fixtures: FIXTURES });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('an optional site gets nothing until it is switched on; arXiv works meanwhile', async () => {
    // Control: the extension runs (the arXiv listing is annotated in this session).
    const arxiv = await session.context.newPage();
    await arxiv.goto(ARXIV.url);
    await waitForCards(arxiv, ARXIV.cards);

    for (const route of [DBLP_PERSON, ACL_AUTHOR, PUBLICATIONS]) {
      const page = await openAndSettle(session, route);
      expect(await biaslensOn(page), route.url).toEqual({ cards: null, hosts: 0, marked: 0 });
      await page.close();
    }
    const options = await openOptions(session);
    expect(await extensionState(options)).toEqual({
      registered: [],
      origins: ['https://arxiv.org/*', 'https://huggingface.co/papers*'],
    });
    for (const name of ['dblp', 'ACL Anthology', 'Google Scholar', 'OpenReview']) {
      await expect.poll(() => siteSwitch(options, name).isChecked()).toBe(false);
    }
    await options.close();
    await arxiv.close();
  });

  it('switching ACL on asks Chromium, whose prompt stays unanswered: nothing is granted or runs', async () => {
    const options = await openOptions(session);
    const acl = siteSwitch(options, 'ACL Anthology');
    await expect.poll(() => acl.isEnabled()).toBe(true);
    await acl.click();
    // The request is pending on Chromium's prompt: the switch waits, the section says why.
    await expect
      .poll(() => sitesStatus(options).textContent())
      .toBe('Asking your browser for access to ACL Anthology…');
    await options.waitForTimeout(2000);
    expect(await acl.isDisabled()).toBe(true);
    expect(await acl.isChecked()).toBe(false);
    expect(await extensionState(options)).toEqual({
      registered: [],
      origins: ['https://arxiv.org/*', 'https://huggingface.co/papers*'],
    });
    const page = await openAndSettle(session, ACL_AUTHOR);
    expect(await biaslensOn(page)).toEqual({ cards: null, hosts: 0, marked: 0 });
    await page.close();
    await options.close();
  });
});

describe('a site the user approved: switched on from the options page', () => {
  let session: ExtensionSession;
  let profile: string;
  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'biaslens-e2e-sites-'));
    // A first start creates the profile and the extension's entry in it.
    const first = await launchWithExtension({ fixtures: FIXTURES, userDataDir: profile });
    const id = first.extensionId;
    await first.close();
    recordApproval(profile, id, [
      'https://dblp.org/*',
      'https://dblp.uni-trier.de/*',
      'https://www.cs.example.edu/*',
    ]);
    session = await launchWithExtension({ fixtures: FIXTURES, userDataDir: profile });
    expect(session.extensionId).toBe(id);
  });
  afterAll(async () => {
    await session?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('dblp: the switch, the registration, the open tab, new pages; and off again', async () => {
    // Approved earlier but not switched on: nothing runs on dblp yet.
    const openBefore = await openAndSettle(session, DBLP_PERSON);
    expect(await biaslensOn(openBefore)).toEqual({ cards: null, hosts: 0, marked: 0 });
    const options = await openOptions(session);
    const dblp = siteSwitch(options, 'dblp');
    await expect.poll(() => dblp.isEnabled()).toBe(true);
    expect(await dblp.isChecked()).toBe(false);
    expect((await extensionState(options)).registered).toEqual([]);

    // The real click: permissions.request, answered by Chromium without a prompt (approved).
    await dblp.click();
    await expect.poll(() => dblp.isChecked(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => sitesStatus(options).textContent()).toMatch(/^dblp is on/);
    await expect
      .poll(async () => (await extensionState(options)).registered)
      .toEqual([
        {
          id: 'biaslens-site-dblp',
          matches: ['https://dblp.org/*', 'https://dblp.uni-trier.de/*'],
        },
      ]);
    expect((await extensionState(options)).origins).toEqual(
      expect.arrayContaining(['https://dblp.org/*', 'https://dblp.uni-trier.de/*']),
    );

    // The tab that was open before gets its cards without a reload.
    await waitForCards(openBefore, DBLP_PERSON_CARDS);
    // A page opened now gets them from the registered script.
    const search = await session.context.newPage();
    await search.goto(DBLP_SEARCH.url);
    await waitForCards(search, DBLP_SEARCH_CARDS);
    for (const page of [openBefore, search]) {
      const cards = await readCards(page);
      for (const card of cards) {
        expect(card.id).toMatch(CANONICAL_ID);
        expect(card.hosts).toBe(1);
        expect(card.saved).toBe('false');
      }
    }
    expect((await readCards(search)).map((card) => card.id)).toContain('arxiv:1908.09635');

    // Saving from dblp works for a DOI-keyed paper, and the page keeps showing it saved.
    const first = search.locator('[data-biaslens-paper^="doi:"]').first();
    const id = await first.getAttribute('data-biaslens-paper');
    await first.locator('biaslens-card').getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => first.getAttribute('data-biaslens-saved')).toBe('true');
    await search.reload();
    await waitForCards(search, DBLP_SEARCH_CARDS);
    expect(
      await search.locator(`[data-biaslens-paper="${id}"]`).getAttribute('data-biaslens-saved'),
    ).toBe('true');

    // Off: the permission is given back and the script unregistered; new pages get nothing.
    await dblp.click();
    await expect.poll(() => dblp.isChecked()).toBe(false);
    await expect.poll(async () => (await extensionState(options)).registered).toEqual([]);
    expect((await extensionState(options)).origins).not.toContain('https://dblp.org/*');
    const after = await openAndSettle(session, DBLP_PERSON);
    expect(await biaslensOn(after)).toEqual({ cards: null, hosts: 0, marked: 0 });
    for (const page of [openBefore, search, after, options]) await page.close();
  });

  it('generic mode: switched on for one site, it annotates that site only; off again', async () => {
    const options = await openOptions(session);
    await options.getByRole('textbox', { name: 'Site' }).fill('www.cs.example.edu');
    await options.getByRole('button', { name: 'Turn on generic mode' }).click();
    await expect
      .poll(() => sitesStatus(options).textContent(), { timeout: 10_000 })
      .toBe('Generic mode is on for https://www.cs.example.edu.');
    await expect
      .poll(async () => (await extensionState(options)).registered)
      .toEqual([{ id: 'biaslens-generic', matches: ['https://www.cs.example.edu/*'] }]);

    const publications = await session.context.newPage();
    await publications.goto(PUBLICATIONS.url);
    await waitForCards(publications, 5);
    expect((await readCards(publications)).map((card) => card.id)).toEqual([
      'arxiv:2406.12345',
      'doi:10.1038/s42256-024-00001-2',
      'arxiv:2405.54321',
      'doi:10.1145/3610000.3610001',
      'arxiv:2301.00042',
    ]);
    // Another site with cards of the same shape, not switched on: nothing.
    const other = await openAndSettle(session, READING_LIST);
    expect(await biaslensOn(other)).toEqual({ cards: null, hosts: 0, marked: 0 });

    await options
      .getByRole('list', { name: 'Generic mode is on for' })
      .getByRole('button', { name: 'Turn off' })
      .click();
    await expect.poll(async () => (await extensionState(options)).registered).toEqual([]);
    const after = await openAndSettle(session, PUBLICATIONS);
    expect(await biaslensOn(after)).toEqual({ cards: null, hosts: 0, marked: 0 });
    for (const page of [publications, other, after, options]) await page.close();
  });
});
