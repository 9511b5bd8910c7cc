/**
 * Lifecycle (docs/SECURITY.md, "Lifecycle"): reloading the extension (as an update does) while
 * listing pages are open. Chrome injects no new content script into those tabs; the old one is
 * orphaned. Interacting with the old pages (scroll, keys, clicking an old Save button, the page
 * adding cards) must raise no error from BiasLens in the page (console, uncaught exceptions in any
 * world, unhandled rejections) and must leave the old UI removed, the card attributes gone. Pages
 * opened after the reload work with the new extension.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchWithExtension, readCards, waitForCards } from './harness';
import { PAGES, pageByName } from './pages';

const arxivList = pageByName('arxiv-new');
const hfList = pageByName('hf-daily');

interface PageProblems {
  page: Page;
  cdp: CDPSession;
  /** Console messages (any world) and exceptions (any world) that mention BiasLens or the runtime. */
  problems: string[];
}

const OURS = /biaslens|extension context invalidated|receiving end does not exist|runtime/i;

/** Opens `url` and records every error it shows, from the page's world and the content script's. */
async function openWatched(session: ExtensionSession, url: string, cards: number) {
  const page = await session.context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'log' && message.type() !== 'debug' && OURS.test(message.text())) {
      problems.push(`console.${message.type()}: ${message.text()}`);
    }
  });
  // The fixture pages' own scripts fail offline (e.g. arXiv's mathjaxToggle): only ours count.
  const isOurs = (text: string) => OURS.test(text) || text.includes('chrome-extension://');
  page.on('pageerror', (error) => {
    const text = `${error.message}\n${error.stack ?? ''}`;
    if (isOurs(text)) problems.push(`pageerror: ${text}`);
  });
  // Exceptions thrown in every world, the content script's isolated world included.
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');
  cdp.on('Runtime.exceptionThrown', (event) => {
    const details = event.exceptionDetails;
    const text = `${details.exception?.description ?? details.text} ${details.url ?? ''}`;
    if (isOurs(text)) problems.push(`exception: ${text}`);
  });
  cdp.on('Log.entryAdded', (event) => {
    if (event.entry.level === 'error' && OURS.test(event.entry.text)) {
      problems.push(`log: ${event.entry.text}`);
    }
  });
  await page.goto(url);
  await waitForCards(page, cards);
  return { page, cdp, problems } satisfies PageProblems;
}

async function ourTraces(page: Page) {
  return page.evaluate(() => ({
    hosts: document.querySelectorAll('biaslens-card, biaslens-summary').length,
    marked: document.querySelectorAll('[data-biaslens-paper], [data-biaslens-saved]').length,
    count: document.documentElement.getAttribute('data-biaslens-cards'),
  }));
}

/** Switches on developer mode (chrome://extensions), so that a reload reloads. */
async function enableDeveloperMode(session: ExtensionSession): Promise<void> {
  const page = await session.context.newPage();
  await page.goto('chrome://extensions');
  const enabled = await page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        interface DeveloperPrivate {
          updateProfileConfiguration(update: { inDeveloperMode: boolean }, done: () => void): void;
          getProfileConfiguration(done: (config: { inDeveloperMode: boolean }) => void): void;
        }
        const api = (globalThis as unknown as { chrome: { developerPrivate: DeveloperPrivate } })
          .chrome.developerPrivate;
        api.updateProfileConfiguration({ inDeveloperMode: true }, () =>
          api.getProfileConfiguration((config) => resolve(config.inDeveloperMode)),
        );
      }),
  );
  expect(enabled).toBe(true);
  await page.close();
}

describe('reloading the extension with listing pages open', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchWithExtension({ fixtures: PAGES });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('leaves the old pages quiet, their old UI removed, and new pages working', async () => {
    const arxiv = await openWatched(session, arxivList.url, arxivList.cards);
    const hf = await openWatched(session, hfList.url, hfList.cards);
    // One host per card, plus the page summary panel.
    expect((await ourTraces(arxiv.page)).hosts).toBeGreaterThanOrEqual(arxivList.cards);

    // Chrome 137+ disables (instead of reloading) an unpacked extension when developer mode is
    // off, as it is in a fresh profile; anyone who loads BiasLens unpacked has it on.
    await enableDeveloperMode(session);
    // Reload the extension from its service worker, as an update would, and wait for the new one.
    const [worker] = session.context
      .serviceWorkers()
      .filter((w) => w.url().startsWith('chrome-extension://'));
    if (!worker) throw new Error('no extension service worker');
    const oldWorkerUrl = worker.url();
    const nextWorker = session.context.waitForEvent('serviceworker', { timeout: 30_000 });
    const reload = () =>
      (
        globalThis as unknown as { chrome: { runtime: { reload(): void } } }
      ).chrome.runtime.reload();
    await worker.evaluate(reload).catch(() => {
      // The worker dies while answering: expected.
    });
    const newWorker = await nextWorker;
    expect(newWorker.url()).toBe(oldWorkerUrl);

    // The old arXiv page: scroll, type, then click an old Save button.
    await arxiv.page.mouse.wheel(0, 600);
    await arxiv.page.keyboard.press('ArrowDown');
    const firstCard = arxiv.page.locator('[data-biaslens-paper]').first();
    const save = firstCard
      .locator('biaslens-card')
      .getByRole('button', { name: 'Save', exact: true });
    if ((await save.count()) > 0) await save.click({ timeout: 5_000 }).catch(() => {});
    await expect.poll(async () => (await ourTraces(arxiv.page)).hosts).toBe(0);

    // The old Hugging Face page: the app adds a card (no user input at all).
    await hf.page.evaluate(() => {
      const template = document.querySelector('article') as HTMLElement;
      const clone = template.cloneNode(true) as HTMLElement;
      for (const host of clone.querySelectorAll('biaslens-card')) host.remove();
      for (const link of clone.querySelectorAll('a[href^="/papers/"]')) {
        link.setAttribute('href', '/papers/2609.99077');
      }
      template.parentElement?.append(clone);
    });
    await hf.page.waitForTimeout(500);
    await hf.page.mouse.move(200, 200);
    await hf.page.mouse.down();
    await hf.page.mouse.up();
    await expect.poll(async () => (await ourTraces(hf.page)).hosts).toBe(0);

    for (const { page } of [arxiv, hf]) {
      expect(await ourTraces(page)).toEqual({ hosts: 0, marked: 0, count: null });
    }
    await arxiv.page.waitForTimeout(500); // any late rejection surfaces
    expect(arxiv.problems).toEqual([]);
    expect(hf.problems).toEqual([]);

    // A page opened now gets the new content script; saving works with the new background.
    const fresh = await openWatched(session, arxivList.url, arxivList.cards);
    const [target] = await readCards(fresh.page);
    const card = fresh.page.locator(`[data-biaslens-paper="${target?.id}"]`);
    await card.locator('biaslens-card').getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => card.getAttribute('data-biaslens-saved')).toBe('true');
    expect(fresh.problems).toEqual([]);
    for (const { page } of [arxiv, hf, fresh]) await page.close();
  });
});
