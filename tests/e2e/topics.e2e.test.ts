import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPIC_DESCRIPTIONS } from '../../lib/topics/taxonomy';
import { seedPaper } from '../fixtures/topics/fixtures';
import { arxivSearchWith } from './generated-pages';
import {
  type ExtensionSession,
  launchWithExtension,
  popupUrl,
  readCards,
  waitForCards,
} from './harness';
import { PAGES, pageByName } from './pages';
import { screenshotListing } from './screenshots';

const absPage = pageByName('arxiv-abs');
const hfDaily = pageByName('hf-daily');
const hfToday = pageByName('hf-today');
const hfSearch = pageByName('hf-search');
const SHARED = 'arxiv:2609.31093';
/**
 * A search page whose first result is ForAug (seed paper #52): the cues find its inductive-bias
 * evidence but score it under the bar, the learned model lifts it (tests/unit/topics-learned).
 */
const LEARNED_URL = 'https://arxiv.org/search/?query=foraug&searchtype=all';
const LEARNED_ID = 'arxiv:0711.0418';
/** Screenshots for people to look at (not compared): the tooltip, menu and summary, light and dark. */
const SHOTS_DIR = join(process.cwd(), 'test-results', 'topics');

/** The page's own look in dark mode, for the screenshots (the fixtures carry no stylesheets). */
const DARK_PAGE_CSS = `
  body { background: #0b0f19 !important; color: #e5e7eb !important; }
  article { background: #111827 !important; border-color: #374151 !important; }
  article a, h1, h3, p { color: #e5e7eb !important; }
`;

describe('topics: corrections, page summary, tooltips', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    const foraug = seedPaper(52);
    session = await launchWithExtension({
      fixtures: PAGES,
      extraPages: new Map([
        [LEARNED_URL, arxivSearchWith({ title: foraug.title, abstract: foraug.abstract ?? '' })],
      ]),
    });
  });
  afterAll(async () => {
    await session?.close();
  });

  async function open(url: string, cards: number): Promise<Page> {
    const page = await session.context.newPage();
    await page.goto(url);
    await waitForCards(page, cards);
    return page;
  }
  const cardOf = (page: Page, id: string) => page.locator(`[data-biaslens-paper="${id}"]`).first();
  const topicsOf = async (page: Page, id: string) =>
    (await cardOf(page, id).getAttribute('data-biaslens-topics')) ?? '';

  it('a correction made on arXiv shows on Hugging Face, open or loaded later, and in the saved paper', async () => {
    const hf = await open(hfDaily.url, hfDaily.cards);
    const abs = await open(absPage.url, 1);
    const before = (await topicsOf(abs, SHARED)).split(' ').filter(Boolean);
    expect(await topicsOf(hf, SHARED)).toBe(before.join(' '));

    // Remove the first topic the classifier gave (if any) and add one it did not.
    const card = cardOf(abs, SHARED);
    await card.getByRole('button', { name: 'Edit topics' }).click();
    const menu = card.getByRole('group', { name: 'Topics of this paper' });
    await expect.poll(() => menu.isVisible()).toBe(true);
    const removed = before[0];
    const added = ['ranking', 'cognitive', 'modality'].find((id) => !before.includes(id)) as string;
    const label = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);
    if (removed) await menu.getByRole('checkbox', { name: label(removed) }).uncheck();
    await menu.getByRole('checkbox', { name: label(added) }).check();
    const expected = [...before.filter((id) => id !== removed), added];
    const order = [
      'social',
      'cultural',
      'data',
      'inductive',
      'evaluation',
      'cognitive',
      'modality',
      'ranking',
      'statistical',
    ];
    const corrected = expected.sort((a, b) => order.indexOf(a) - order.indexOf(b)).join(' ');
    await expect.poll(() => topicsOf(abs, SHARED)).toBe(corrected);
    await expect.poll(() => card.locator('button.badge').allTextContents()).toContain(label(added));

    // The Hugging Face tab that was open follows, through the broadcast.
    await expect.poll(() => topicsOf(hf, SHARED)).toBe(corrected);
    // A Hugging Face page loaded later reads it with its one per-page state request.
    const later = await open(hfToday.url, hfToday.cards);
    expect(await topicsOf(later, SHARED)).toBe(corrected);
    const laterBadges = await cardOf(later, SHARED).locator('button.badge').allTextContents();
    expect(laterBadges).toContain(label(added));
    if (removed) expect(laterBadges).not.toContain(label(removed));

    // Save it there; then a further correction on arXiv updates the stored topics.
    await cardOf(later, SHARED).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => cardOf(abs, SHARED).getAttribute('data-biaslens-saved')).toBe('true');
    await menu.getByRole('checkbox', { name: 'Statistical' }).check();
    await expect.poll(() => topicsOf(hf, SHARED)).toContain('statistical');
    const popup = await session.context.newPage();
    await popup.goto(popupUrl(session));
    const stored = () =>
      popup.evaluate(
        (id) =>
          new Promise<string[]>((resolve, reject) => {
            const request = indexedDB.open('biaslens');
            request.onerror = () => reject(request.error);
            request.onsuccess = () => {
              const get = request.result.transaction('papers').objectStore('papers').get(id);
              get.onsuccess = () => {
                resolve(get.result?.topics ?? []);
                request.result.close();
              };
            };
          }),
        SHARED,
      );
    await expect
      .poll(async () => (await stored()).join(' '))
      .toBe(
        (await topicsOf(abs, SHARED))
          .split(' ')
          .filter((id) => !id.startsWith('custom:'))
          .join(' '),
      );

    // "Automatic topics" undoes everything, everywhere.
    await menu.getByRole('button', { name: 'Automatic topics' }).click();
    await expect.poll(() => topicsOf(hf, SHARED)).toBe(before.join(' '));
    await expect.poll(() => topicsOf(later, SHARED)).toBe(before.join(' '));
    for (const page of [hf, abs, later, popup]) await page.close();
  });

  it('the page summary counts topics and dims the cards without the chosen one, remembered per site', async () => {
    const page = await open(hfSearch.url, hfSearch.cards);
    const cards = await readCards(page);
    const counts = new Map<string, number>();
    for (const card of cards)
      for (const id of card.topics.split(' ').filter(Boolean))
        counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(counts.size).toBeGreaterThan(1);
    const summary = page.locator('biaslens-summary');
    await expect.poll(() => summary.count()).toBe(1);
    const toggle = summary.getByRole('button', { name: /BiasLens topics/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // The topic carried by some but not all cards.
    const [chosen, count] = [...counts].find(([, n]) => n < cards.length) as [string, number];
    const row = summary.locator(`button[data-topic="${chosen}"]`);
    expect(await row.locator('.count').textContent()).toBe(String(count));
    await row.click();
    expect(await row.getAttribute('aria-pressed')).toBe('true');
    const dimmed = async () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-biaslens-dimmed="true"]')].map((card) => ({
          id: card.getAttribute('data-biaslens-paper'),
          opacity: getComputedStyle(card).opacity,
        })),
      );
    const expectDimmedRight = async () => {
      const shown = await dimmed();
      expect(shown.map((c) => c.id).sort()).toEqual(
        cards
          .filter((c) => !c.topics.split(' ').includes(chosen))
          .map((c) => c.id)
          .sort(),
      );
      for (const card of shown) expect(card.opacity).toBe('0.35');
    };
    await expectDimmedRight();
    await screenshotListing(page, 'huggingface', join(SHOTS_DIR, 'summary-light.png'));
    await page.evaluate(() => document.documentElement.classList.add('dark'));
    await page.addStyleTag({ content: DARK_PAGE_CSS });
    await page.screenshot({ path: join(SHOTS_DIR, 'summary-dark.png') });

    // Remembered for the site: a reload starts with the same filter.
    await page.reload();
    await waitForCards(page, hfSearch.cards);
    await expect.poll(async () => (await dimmed()).length).toBeGreaterThan(0);
    await expectDimmedRight();
    // Choosing it again undoes it (keyboard this time), also after a reload.
    await summary.getByRole('button', { name: /BiasLens topics/ }).click();
    await summary.locator(`button[data-topic="${chosen}"]`).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await dimmed()).length).toBe(0);
    await page.reload();
    await waitForCards(page, hfSearch.cards);
    await page.waitForTimeout(300);
    expect(await dimmed()).toEqual([]);
    await page.close();
  });

  it('the learned model, sent by the background, lifts a topic the cues left under the bar', async () => {
    const page = await open(LEARNED_URL, 13);
    expect((await topicsOf(page, LEARNED_ID)).split(' ')).toContain('inductive');
    const badge = cardOf(page, LEARNED_ID).locator('button.badge[data-topic="inductive"]');
    await badge.focus();
    const tip = cardOf(page, LEARNED_ID).locator(
      `#${await badge.getAttribute('aria-describedby')}`,
    );
    await expect.poll(() => tip.isVisible()).toBe(true);
    // Its evidence is the phrase the cues found, as with any other badge.
    expect(await tip.textContent()).toContain('“inductive biases”');
    await page.close();
  });

  it('a badge reached by keyboard below the fold keeps its tooltip while the page scrolls to it', async () => {
    const page = await open(hfSearch.url, hfSearch.cards);
    await page.evaluate(() => window.scrollTo(0, 0));
    const last = page.locator('[data-biaslens-topics]:not([data-biaslens-topics=""])').last();
    const badge = last.locator('button.badge').first();
    await badge.focus();
    const tip = last.locator(`#${await badge.getAttribute('aria-describedby')}`);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await expect.poll(() => tip.isVisible()).toBe(true);
    // Beside its badge, not left where the badge was before the scroll.
    const [tipBox, badgeBox] = [await tip.boundingBox(), await badge.boundingBox()];
    expect(Math.abs((tipBox?.x ?? -1e4) - (badgeBox?.x ?? 0))).toBeLessThan(40);
    expect(Math.abs((tipBox?.y ?? -1e4) - (badgeBox?.y ?? 0))).toBeLessThan(400);
    await page.close();
  });

  it('tooltips and the topics menu look right in light and dark', async () => {
    const page = await open(hfSearch.url, hfSearch.cards);
    await screenshotListing(page, 'huggingface', join(SHOTS_DIR, 'page.png'));
    const first = page.locator('[data-biaslens-topics]:not([data-biaslens-topics=""])').first();
    const badge: Locator = first.locator('button.badge').first();
    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark') {
        await page.evaluate(() => document.documentElement.classList.add('dark'));
        await page.addStyleTag({ content: DARK_PAGE_CSS });
      }
      await expect
        .poll(() => first.locator('biaslens-card').getAttribute('data-theme'))
        .toBe(theme);
      // Keyboard focus shows the tooltip; it is the badge's accessible description.
      await badge.focus();
      const tip = first.getByRole('tooltip');
      await expect.poll(() => tip.first().isVisible()).toBe(true);
      const describedBy = await badge.getAttribute('aria-describedby');
      expect(await tip.first().getAttribute('id')).toBe(describedBy);
      expect(await tip.first().textContent()).toContain('Evidence: “');
      // The description comes with the topic settings from the background.
      const topic = (await badge.getAttribute('data-topic')) as keyof typeof TOPIC_DESCRIPTIONS;
      expect(await tip.first().textContent()).toContain(TOPIC_DESCRIPTIONS[topic]);
      await page.screenshot({ path: join(SHOTS_DIR, `tooltip-${theme}.png`) });
      await page.keyboard.press('Escape');
      await expect.poll(() => tip.first().isVisible()).toBe(false);

      await first.getByRole('button', { name: 'Edit topics' }).click();
      const menu = first.getByRole('group', { name: 'Topics of this paper' });
      await expect.poll(() => menu.isVisible()).toBe(true);
      await page.screenshot({ path: join(SHOTS_DIR, `menu-${theme}.png`) });
      await page.keyboard.press('Escape');
      await expect.poll(() => menu.isVisible()).toBe(false);
    }
    await page.close();
  });

  it('the quick note saves the paper first, and the save-card command saves the hovered card', async () => {
    const page = await open(hfSearch.url, hfSearch.cards);
    const [one, two] = await readCards(page);
    if (!one || !two) throw new Error('too few cards');
    const card = cardOf(page, one.id);
    await card.getByRole('button', { name: 'Note' }).click();
    const note = card.getByRole('textbox', { name: 'Quick note' });
    await expect.poll(() => note.isEditable()).toBe(true);
    await note.fill('Compare with the debiasing baseline.');
    await screenshotListing(page, 'huggingface', join(SHOTS_DIR, 'note-light.png'));
    await note.blur();
    await expect.poll(() => card.getAttribute('data-biaslens-saved')).toBe('true');

    // The background forwards the command to the active tab; here the message is sent as it would.
    await cardOf(page, two.id).hover();
    await page.bringToFront();
    const worker = session.context.serviceWorkers()[0];
    if (!worker) throw new Error('no service worker');
    await worker.evaluate(async () => {
      interface TabsApi {
        query(query: object): Promise<Array<{ id?: number }>>;
        sendMessage(tabId: number, message: unknown): Promise<unknown>;
      }
      const chromeApi = (globalThis as unknown as { chrome: { tabs: TabsApi } }).chrome;
      const [tab] = await chromeApi.tabs.query({ active: true, currentWindow: true });
      if (tab?.id !== undefined) await chromeApi.tabs.sendMessage(tab.id, { type: 'save-card' });
    });
    await expect.poll(() => cardOf(page, two.id).getAttribute('data-biaslens-saved')).toBe('true');

    const popup = await session.context.newPage();
    await popup.goto(popupUrl(session));
    await expect
      .poll(async () => {
        const values = await popup
          .getByRole('textbox', { name: 'Note' })
          .evaluateAll((els) => els.map((el) => (el as HTMLTextAreaElement).value));
        return values;
      })
      .toContain('Compare with the debiasing baseline.');
    // A reload shows the stored note in the card's editor.
    await page.reload();
    await waitForCards(page, hfSearch.cards);
    await cardOf(page, one.id).getByRole('button', { name: 'Note' }).click();
    await expect
      .poll(() => cardOf(page, one.id).getByRole('textbox', { name: 'Quick note' }).inputValue())
      .toBe('Compare with the debiasing baseline.');
    for (const each of [page, popup]) await each.close();
  });
});
