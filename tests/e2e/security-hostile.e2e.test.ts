/**
 * Hostile pages in real Chromium (docs/SECURITY.md, "Page text"): the hostile variant of every
 * fixture page (tests/fixtures/hostile/) served at its real URL to the built extension. No
 * payload may run (they would write `window.__pwned`); a MutationObserver installed before the
 * page loads must see the extension change nothing outside its own `biaslens-*` hosts except the
 * documented `data-biaslens-*` attributes; a 100 KB title must not freeze the page; and saving
 * hostile papers must work, the popup showing their text as text with only canonical links.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHostilePage, type HostilePage } from '../fixtures/hostile/hostile-pages';
import {
  MARKUP_PAYLOADS,
  PWNED_GLOBAL,
  SCRIPTED_TITLE_EXPECTED,
} from '../fixtures/hostile/payloads';
import { type ExtensionSession, launchWithExtension, popupUrl, waitForCards } from './harness';
import { PAGES } from './pages';

/** The attributes the README documents on card roots and <html>. */
const DOCUMENTED_ATTRIBUTES = new Set([
  'data-biaslens-paper',
  'data-biaslens-topics',
  'data-biaslens-saved',
  'data-biaslens-cards',
]);
const KNOWN_LINK =
  /^https:\/\/(?:arxiv\.org\/(?:abs|pdf)|huggingface\.co\/papers)\/(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/;

interface Audit {
  recording: boolean;
  dcl: number;
  cardsAt: number;
  mutations: number;
  violations: string[];
  attributes: Record<string, number>;
  longTasks: Array<{ start: number; duration: number }>;
}

/**
 * Runs in every page before its own scripts. Records, from the end of parsing on, every DOM change
 * outside our hosts, the attributes we set, the long tasks, and when the card count lands.
 */
function installAudit(): void {
  const audit: Audit = {
    recording: false,
    dcl: 0,
    cardsAt: 0,
    mutations: 0,
    violations: [],
    attributes: {},
    longTasks: [],
  };
  (window as unknown as { __biaslensAudit: Audit }).__biaslensAudit = audit;
  const ours = (node: Node | null): boolean => {
    for (let n = node; n; n = n.parentNode) {
      if (n.nodeType === 1 && (n as Element).localName.startsWith('biaslens-')) return true;
    }
    return false;
  };
  const name = (node: Node) =>
    node.nodeType === 1 ? `<${(node as Element).localName}>` : `#${node.nodeName}`;
  const observer = new MutationObserver((records) => {
    if (!audit.recording) return;
    for (const record of records) {
      audit.mutations++;
      if (record.type === 'attributes') {
        const attribute = record.attributeName ?? '';
        if (attribute === 'data-biaslens-cards' && !audit.cardsAt)
          audit.cardsAt = performance.now();
        if (ours(record.target)) continue;
        if (attribute.startsWith('data-biaslens-')) {
          audit.attributes[attribute] = (audit.attributes[attribute] ?? 0) + 1;
          continue;
        }
        audit.violations.push(`attribute ${attribute} on ${name(record.target)}`);
      } else if (record.type === 'characterData') {
        if (!ours(record.target))
          audit.violations.push(
            `text changed in ${name(record.target.parentNode ?? record.target)}`,
          );
      } else {
        for (const [change, nodes] of [
          ['added to', record.addedNodes],
          ['removed from', record.removedNodes],
        ] as const) {
          for (const node of nodes) {
            if (ours(node)) continue;
            const text =
              node.nodeType === 3 ? ` ${JSON.stringify((node.nodeValue ?? '').slice(0, 40))}` : '';
            audit.violations.push(`${name(node)}${text} ${change} ${name(record.target)}`);
          }
        }
      }
    }
  });
  observer.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });
  // From the end of parsing on (the page's own markup and inline scripts are in by then; the
  // content script runs at document_end, later): flush what parsing queued, then record.
  const start = () => {
    if (audit.recording) return;
    observer.takeRecords();
    audit.recording = true;
    audit.dcl = performance.now();
  };
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'loading') start();
  });
  document.addEventListener('DOMContentLoaded', start, { once: true });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        audit.longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser: the duration checks then only see the total.
  }
}

/** Forbidden elements and attributes inside our shadow roots, found by walking them. */
async function shadowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const forbiddenTags = new Set([
      'script',
      'img',
      'svg',
      'iframe',
      'object',
      'embed',
      'a',
      'link',
      'math',
      'form',
      'style-from-page',
    ]);
    const problems: string[] = [];
    for (const host of document.querySelectorAll('biaslens-card, biaslens-summary')) {
      const root = host.shadowRoot;
      if (!root) continue;
      for (const element of root.querySelectorAll('*')) {
        if (forbiddenTags.has(element.localName)) problems.push(`<${element.localName}> in our UI`);
        for (const attribute of element.attributes) {
          if (/^(?:on.*|href|src|srcdoc|action|formaction)$/i.test(attribute.name)) {
            problems.push(`${attribute.name} on <${element.localName}> in our UI`);
          }
        }
      }
    }
    return problems;
  });
}

const hostile = new Map<string, HostilePage>();
PAGES.forEach((fixture, index) => {
  hostile.set(fixture.url, buildHostilePage({ file: fixture.file, url: fixture.url }, index));
});

/** Numbers for docs/SECURITY.md, printed at the end. */
const report: string[] = [];

describe('hostile pages in Chromium', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchWithExtension({
      fixtures: [],
      extraPages: new Map([...hostile].map(([url, page]) => [url, page.html])),
    });
    await session.context.addInitScript(installAudit);
  });
  afterAll(async () => {
    console.log(`[security-hostile]\n${report.join('\n')}`);
    await session?.close();
  });

  for (const fixture of PAGES) {
    it(`${fixture.name}: nothing runs, nothing outside our hosts changes, no long freeze`, async () => {
      const page = await session.context.newPage();
      const ourMessages: string[] = [];
      page.on('console', (message) => {
        if (message.text().includes('BiasLens') && message.type() !== 'log') {
          ourMessages.push(`${message.type()}: ${message.text()}`);
        }
      });
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(fixture.url);
      await waitForCards(page, fixture.cards);
      await page.waitForTimeout(300); // anything late (summary panel, saved state) lands

      const audit = await page.evaluate(
        () => (window as unknown as { __biaslensAudit: Audit }).__biaslensAudit,
      );
      const pwned = await page.evaluate((global) => (window as never)[global], PWNED_GLOBAL);
      expect(pwned, 'a payload ran').toBeUndefined();
      expect(audit.violations).toEqual([]);
      for (const attribute of Object.keys(audit.attributes)) {
        expect(DOCUMENTED_ATTRIBUTES.has(attribute), attribute).toBe(true);
      }
      expect(await shadowProblems(page)).toEqual([]);
      expect(ourMessages).toEqual([]);
      expect(pageErrors.filter((message) => /biaslens/i.test(message))).toEqual([]);

      const annotationMs = audit.cardsAt > 0 ? audit.cardsAt - audit.dcl : 0;
      const longest = Math.max(
        0,
        ...audit.longTasks.filter((task) => task.start >= audit.dcl).map((task) => task.duration),
      );
      report.push(
        `${fixture.name}: ${fixture.cards} cards, ${hostile.get(fixture.url)?.injections} payloads, annotated in ${annotationMs.toFixed(0)} ms after DOMContentLoaded, longest task after it ${longest.toFixed(0)} ms, ${audit.mutations} mutations observed, 0 outside our hosts`,
      );
      // The 100 KB title is on the first card of every page: no task after load may freeze it.
      expect(annotationMs).toBeLessThan(3000);
      expect(longest).toBeLessThan(250);
      await page.close();
    });
  }

  it('control: the payloads are live, so a page that parsed them as HTML would run them', async () => {
    const fixture = PAGES[0] as (typeof PAGES)[number];
    const page = await session.context.newPage();
    await page.goto(fixture.url);
    await waitForCards(page, fixture.cards);
    const ran = await page.evaluate(
      async ({ texts, global }) => {
        const sink = document.createElement('div');
        document.body.append(sink);
        for (const text of texts) {
          const probe = document.createElement('div');
          probe.innerHTML = text; // what BiasLens must never do with page text
          sink.append(probe);
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
        return ((window as never)[global] as string[] | undefined) ?? [];
      },
      { texts: MARKUP_PAYLOADS.map((payload) => payload.text), global: PWNED_GLOBAL },
    );
    report.push(
      `control: ${new Set(ran).size} payloads ran when parsed as HTML by the page (${[...new Set(ran)].join(', ')})`,
    );
    expect(ran).toEqual(expect.arrayContaining(['img', 'breakout']));
    await page.close();
  });

  it('saves the 100 KB-title and lone-surrogate papers, and the popup shows them as text', async () => {
    const fixture = PAGES.find((page) => page.name === 'arxiv-new');
    if (!fixture) throw new Error('no arxiv-new fixture');
    const built = hostile.get(fixture.url) as HostilePage;
    const page = await session.context.newPage();
    await page.goto(fixture.url);
    await waitForCards(page, fixture.cards);
    for (const arxivId of [built.longTitleId, built.scriptedId]) {
      const card = page.locator(`[data-biaslens-paper="arxiv:${arxivId}"]`).first();
      await card
        .locator('biaslens-card')
        .getByRole('button', { name: 'Save', exact: true })
        .click();
      await expect.poll(() => card.getAttribute('data-biaslens-saved')).toBe('true');
    }

    const popup = await session.context.newPage();
    await popup.goto(popupUrl(session));
    const titles = popup.locator('.paper-title');
    await expect.poll(() => titles.count()).toBe(2);
    const shown = await titles.allTextContents();
    const long = shown.find((title) => title.length > 1000) ?? '';
    expect(long.length).toBeLessThanOrEqual(2000);
    expect(long.endsWith('…')).toBe(true);
    expect(shown.some((title) => title.startsWith(SCRIPTED_TITLE_EXPECTED))).toBe(true);
    for (const title of shown) {
      expect(title).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B\uFEFF]/);
      expect(title.isWellFormed()).toBe(true);
    }
    const links = await popup
      .locator('a[href]')
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(href).toMatch(KNOWN_LINK);
    for (const tag of ['img', 'svg', 'script:not([src])', 'iframe', 'object']) {
      expect(await popup.locator(`main ${tag}`).count(), tag).toBe(0);
    }
    expect(
      await popup.evaluate((global) => (window as never)[global], PWNED_GLOBAL),
    ).toBeUndefined();
    expect(
      await page.evaluate((global) => (window as never)[global], PWNED_GLOBAL),
    ).toBeUndefined();
    report.push(
      `saved: 100 KB title shown clipped to ${long.length} characters; lone surrogates shown as U+FFFD`,
    );
    await popup.close();
    await page.close();
  });
});
