/**
 * Privacy (docs/SECURITY.md, "Network"): during a full session (listing pages on both sites, saves
 * and an unsave, the card's quick note, the popup with a note edit, an export) the extension makes
 * no network request. Watched three ways: requests of the extension's service worker and of its
 * pages (popup), and, in the web pages, requests whose initiator is the content script (CDP
 * `Network.requestWillBeSent` initiator stacks); the pages' own subresource requests are the
 * pages' and only counted. Each way is first shown to work on a control request of our own.
 * Also: a web page cannot message the extension at all.
 */
import type { CDPSession, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchWithExtension, popupUrl, waitForCards } from './harness';
import { PAGES, pageByName } from './pages';

const CONTROL = 'https://example.invalid/biaslens-control';
/** Schemes that leave the machine; chrome-extension:, data: and blob: do not. */
const NETWORK = /^(?:https?|wss?|ftp):/i;

interface Seen {
  url: string;
  from: string;
}

describe('network use during a full session', () => {
  let session: ExtensionSession;
  const fromWorker: Seen[] = [];
  const fromExtensionPages: Seen[] = [];
  const fromContentScript: Seen[] = [];
  let pageRequests = 0;
  const cdpSessions: CDPSession[] = [];

  beforeAll(async () => {
    session = await launchWithExtension({ fixtures: PAGES });
    session.context.on('request', (request: Request) => {
      const url = request.url();
      const worker = request.serviceWorker();
      if (worker) {
        if (NETWORK.test(url)) fromWorker.push({ url, from: worker.url() });
        return;
      }
      let frameUrl = '';
      try {
        frameUrl = request.frame().url();
      } catch {
        // A navigation before its frame exists: the page's own.
      }
      if (frameUrl.startsWith('chrome-extension://')) {
        if (NETWORK.test(url)) fromExtensionPages.push({ url, from: frameUrl });
      } else if (NETWORK.test(url)) {
        pageRequests++;
      }
    });
  });
  afterAll(async () => {
    console.log(
      `[security-network] requests seen: ${pageRequests} by the web pages themselves; ${fromWorker.length} by the service worker, ${fromExtensionPages.length} by extension pages, ${fromContentScript.length} initiated by the content script (controls included: 1 + 1 + 1)`,
    );
    for (const cdp of cdpSessions) await cdp.detach().catch(() => {});
    await session?.close();
  });

  /** Opens a web page, recording requests its content script initiates. */
  async function openWatched(url: string, cards: number): Promise<Page> {
    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    cdpSessions.push(cdp);
    await cdp.send('Network.enable');
    const extensionOrigin = `chrome-extension://${session.extensionId}/`;
    cdp.on('Network.requestWillBeSent', (event) => {
      if (!NETWORK.test(event.request.url)) return;
      // The initiator's script URL and every frame of its stack, async parents included.
      const initiator = JSON.stringify(event.initiator);
      if (initiator.includes(extensionOrigin)) {
        fromContentScript.push({ url: event.request.url, from: event.initiator.type });
      }
    });
    await page.goto(url);
    await waitForCards(page, cards);
    return page;
  }

  it('the watchers see a control request from each place', async () => {
    const [worker] = session.context
      .serviceWorkers()
      .filter((w) => w.url().startsWith('chrome-extension://'));
    if (!worker) throw new Error('no extension service worker');
    await worker.evaluate(
      (url) =>
        fetch(url).then(
          () => {},
          () => {},
        ),
      `${CONTROL}/worker`,
    );

    const popup = await session.context.newPage();
    await popup.goto(popupUrl(session));
    await popup.evaluate(
      (url) =>
        fetch(url).then(
          () => {},
          () => {},
        ),
      `${CONTROL}/popup`,
    );

    // A script of the extension's origin in a web page (the page's world, standing in for the
    // content script's, which tests cannot run code in): its request carries that origin.
    const listing = pageByName('arxiv-abs');
    const page = await openWatched(listing.url, listing.cards);
    await page.evaluate(
      ({ url, origin }) => {
        const script = document.createElement('script');
        script.textContent = `fetch(${JSON.stringify(url)}).catch(() => {});\n//# sourceURL=${origin}control.js`;
        document.head.append(script);
      },
      { url: `${CONTROL}/content`, origin: `chrome-extension://${session.extensionId}/` },
    );
    await expect.poll(() => fromWorker.map((seen) => seen.url)).toContain(`${CONTROL}/worker`);
    await expect
      .poll(() => fromExtensionPages.map((seen) => seen.url))
      .toContain(`${CONTROL}/popup`);
    await expect
      .poll(() => fromContentScript.map((seen) => seen.url))
      .toContain(`${CONTROL}/content`);
    await popup.close();
    await page.close();
  });

  it('the extension makes no request while pages load, papers are saved and noted, the popup edits and exports', async () => {
    const before = {
      worker: fromWorker.length,
      pages: fromExtensionPages.length,
      content: fromContentScript.length,
    };
    const arxiv = await openWatched(pageByName('arxiv-new').url, pageByName('arxiv-new').cards);
    const hf = await openWatched(pageByName('hf-daily').url, pageByName('hf-daily').cards);
    await openWatched(pageByName('arxiv-search').url, pageByName('arxiv-search').cards);

    // Save one paper on each site, unsave one, and write a quick note on a card.
    for (const page of [arxiv, hf]) {
      const card = page.locator('[data-biaslens-paper]').nth(1);
      await card
        .locator('biaslens-card')
        .getByRole('button', { name: 'Save', exact: true })
        .click();
      await expect.poll(() => card.getAttribute('data-biaslens-saved')).toBe('true');
    }
    const third = arxiv.locator('[data-biaslens-paper]').nth(2);
    await third.locator('biaslens-card').getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => third.getAttribute('data-biaslens-saved')).toBe('true');
    await third
      .locator('biaslens-card')
      .getByRole('button', { name: 'Saved', exact: true })
      .click();
    await expect.poll(() => third.getAttribute('data-biaslens-saved')).toBe('false');
    const noted = arxiv.locator('[data-biaslens-paper]').nth(1).locator('biaslens-card');
    const noteButton = noted.getByRole('button', { name: 'Note', exact: true });
    if ((await noteButton.count()) > 0) {
      await noteButton.click();
      await noted.getByRole('textbox').fill('Quick note from the card.');
      await noted.getByRole('textbox').blur();
    }

    // The popup: edit a note, export.
    const popup = await session.context.newPage();
    await popup.goto(popupUrl(session));
    const note = popup.getByRole('textbox', { name: 'Note' }).first();
    await expect.poll(() => popup.getByRole('textbox', { name: 'Note' }).count()).toBe(2);
    await note.fill('Edited in the popup.');
    await popup.waitForTimeout(800);
    const download = popup.waitForEvent('download');
    await popup
      .getByRole('button', { name: /^Export/ })
      .first()
      .click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^biaslens-/);
    await popup.waitForTimeout(1000); // let anything late go out

    expect(fromWorker.slice(before.worker)).toEqual([]);
    expect(fromExtensionPages.slice(before.pages)).toEqual([]);
    expect(fromContentScript.slice(before.content)).toEqual([]);
    for (const page of session.context.pages()) await page.close();
  });

  it('web pages cannot message the extension', async () => {
    const listing = pageByName('arxiv-abs');
    const page = await session.context.newPage();
    await page.goto(listing.url);
    await waitForCards(page, listing.cards);
    // No externally_connectable: `chrome.runtime.sendMessage` does not even exist for the page.
    const reachable = await page.evaluate(() => {
      const chrome = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
      return typeof chrome?.runtime?.sendMessage;
    });
    expect(reachable).toBe('undefined');
    await page.close();
  });
});
