import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DOCS_DIR,
  type ExtensionSession,
  launchWithExtension,
  popupUrl,
  readCards,
  waitForCards,
} from './harness';
import { PAGES, pageByName } from './pages';

const arxivList = pageByName('arxiv-new');
const hfList = pageByName('hf-daily');
const absPage = pageByName('arxiv-abs');

describe('saving a paper', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchWithExtension({ fixtures: PAGES });
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

  it('saves from a card, shows Saved on other open tabs and sites, and lists it in the popup with its note', async () => {
    const first = await open(arxivList.url, arxivList.cards);
    const second = await open(arxivList.url, arxivList.cards);
    // The same paper on another site: the Hugging Face list and the arXiv abstract page share it.
    const hf = await open(hfList.url, hfList.cards);
    const abs = await open(absPage.url, 1);
    const [absCard] = await readCards(abs);
    expect(absCard?.saved).toBe('false');

    const [target] = await readCards(first);
    if (!target) throw new Error('no card on the arXiv listing');
    const card = first.locator(`[data-biaslens-paper="${target.id}"]`);
    await card.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => card.getAttribute('data-biaslens-saved')).toBe('true');
    await expect
      .poll(() => card.getByRole('button', { name: 'Saved', exact: true }).count())
      .toBe(1);
    await second.waitForSelector(
      `[data-biaslens-paper="${target.id}"][data-biaslens-saved="true"]`,
    );

    // Save the shared paper on Hugging Face; the arXiv abstract page follows.
    const shared = hf.locator(`[data-biaslens-paper="${absCard?.id}"]`);
    await shared.getByRole('button', { name: 'Save', exact: true }).click();
    await abs.waitForSelector(`[data-biaslens-paper="${absCard?.id}"][data-biaslens-saved="true"]`);

    const popup = await session.context.newPage();
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.goto(popupUrl(session));
    const note = popup.getByRole('textbox', { name: 'Note' });
    await expect.poll(() => note.count()).toBe(2);
    // Newest first: the Hugging Face save is listed first.
    const items = popup.getByRole('listitem');
    await expect
      .poll(async () => (await items.first().textContent()) ?? '')
      .toContain(
        (await hf.locator(`[data-biaslens-paper="${absCard?.id}"] h3`).textContent())
          ?.trim()
          .slice(0, 30) ?? '',
      );

    await note.first().fill('Read the fairness section first.\nCompare with baseline.');
    // Let the debounced autosave reach the database, then reload the popup.
    await popup.waitForTimeout(900);
    await popup.reload();
    await expect
      .poll(() => popup.getByRole('textbox', { name: 'Note' }).first().inputValue())
      .toBe('Read the fairness section first.\nCompare with baseline.');
    await popup.screenshot({ path: join(DOCS_DIR, 'screenshot-popup.png') });

    const downloadPromise = popup.waitForEvent('download');
    await popup.getByRole('button', { name: 'Export JSON' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^biaslens-export-\d{4}-\d{2}-\d{2}\.json$/);
    const path = await download.path();
    const exported = JSON.parse(readFileSync(path, 'utf8'));
    expect(exported.format).toBe('biaslens-notes');
    expect(exported.version).toBe(1);
    const ids = exported.papers.map((paper: { id: string }) => paper.id).sort();
    expect(ids).toEqual([target.id, absCard?.id].sort());
    const withNote = exported.papers.find((paper: { id: string }) => paper.id === absCard?.id);
    expect(withNote.note).toBe('Read the fairness section first.\nCompare with baseline.');

    // Unsave from the card: every tab shows Save again.
    await card.getByRole('button', { name: 'Saved', exact: true }).click();
    await second.waitForSelector(
      `[data-biaslens-paper="${target.id}"][data-biaslens-saved="false"]`,
    );
    for (const page of [first, second, hf, abs, popup]) await page.close();
  });
});
