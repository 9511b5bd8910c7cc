import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchWithExtension, readCards, waitForCards } from './harness';
import { PAGES, pageByName } from './pages';

const hfList = pageByName('hf-daily');
const arxivNew = pageByName('arxiv-new');

/**
 * What the app does on "load more": a card for each paper, rendered from fresh markup (a clone of
 * the first card without our attributes and host), its links and (when given) its title changed.
 */
async function appendCardsLike(page: Page, papers: Array<{ id: string; title?: string }>) {
  await page.evaluate((papers) => {
    const template = document.querySelector('article') as HTMLElement;
    const oldId =
      template.querySelector('a[href^="/papers/"]')?.getAttribute('href')?.slice(8) ?? '';
    for (const { id, title } of papers) {
      const clone = template.cloneNode(true) as HTMLElement;
      for (const host of clone.querySelectorAll('biaslens-card')) host.remove();
      for (const name of ['data-biaslens-paper', 'data-biaslens-topics', 'data-biaslens-saved'])
        clone.removeAttribute(name);
      for (const link of clone.querySelectorAll(`a[href*="${oldId}"]`))
        link.setAttribute('href', (link.getAttribute('href') ?? '').replace(oldId, id));
      const heading = clone.querySelector('h3 a');
      if (heading && title) heading.textContent = title;
      template.parentElement?.append(clone);
    }
  }, papers);
}

describe('Hugging Face single-page app changes', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchWithExtension({ fixtures: PAGES });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('annotates cards added or replaced after load exactly once', async () => {
    const page = await session.context.newPage();
    await page.goto(hfList.url);
    await waitForCards(page, hfList.cards);
    const before = await readCards(page);

    // Count every host the extension inserts from now on, seen from the page itself.
    await page.evaluate(() => {
      const w = window as unknown as { hostInsertions: number };
      w.hostInsertions = 0;
      new MutationObserver((records) => {
        for (const record of records)
          for (const node of record.addedNodes)
            if (node.nodeName.toLowerCase() === 'biaslens-card') w.hostInsertions++;
      }).observe(document.body, { childList: true, subtree: true });
    });

    // Like the app does on "load more" and on date navigation: cards for new papers, and an
    // existing card element reused for another paper (as a keyed list re-render does).
    const added = ['2609.99001', '2609.99002', '2609.99003'];
    await appendCardsLike(
      page,
      added.map((id) => ({
        id,
        title: `Mitigating gender bias in vision-language models (${id})`,
      })),
    );
    await page.evaluate((reusedId) => {
      const second = document.querySelectorAll('article')[1] as HTMLElement;
      const secondId =
        second.querySelector('a[href^="/papers/"]')?.getAttribute('href')?.slice(8) ?? '';
      for (const link of second.querySelectorAll(`a[href*="${secondId}"]`))
        link.setAttribute('href', (link.getAttribute('href') ?? '').replace(secondId, reusedId));
      const heading = second.querySelector('h3 a');
      if (heading) heading.textContent = 'Popularity bias in recommender systems';
    }, '2609.99010');

    await waitForCards(page, hfList.cards + added.length);
    await page.waitForSelector('[data-biaslens-paper="arxiv:2609.99010"]');
    const after = await readCards(page);
    expect(after).toHaveLength(hfList.cards + added.length);
    for (const card of after) expect(card.hosts).toBe(1);
    for (const id of added) {
      const card = after.find((c) => c.id === `arxiv:${id}`);
      expect(card?.topics).toContain('social');
    }
    expect(after.find((c) => c.id === 'arxiv:2609.99010')?.topics).toBe('ranking');
    expect(after.some((c) => c.id === before[1]?.id)).toBe(false);
    // Three new cards got one host each; the reused card kept its host.
    expect(
      await page.evaluate(() => (window as unknown as { hostInsertions: number }).hostInsertions),
    ).toBe(3);

    // The app wipes a card's content while re-rendering: the UI comes back once.
    await page.evaluate(() => {
      const card = document.querySelectorAll('article')[2] as HTMLElement;
      const html = card.innerHTML;
      card.innerHTML = '';
      card.innerHTML = html.replace(/<biaslens-card[^>]*><\/biaslens-card>/g, '');
    });
    await page.waitForFunction(
      () => document.querySelectorAll('article')[2]?.querySelectorAll('biaslens-card').length === 1,
    );
    await page.waitForTimeout(300);
    const final = await readCards(page);
    for (const card of final) expect(card.hosts).toBe(1);
    expect(final).toHaveLength(hfList.cards + added.length);
    await page.close();
  });

  it('shows the saved state on cards added later: saved before the page loaded, or meanwhile', async () => {
    const arxiv = await session.context.newPage();
    await arxiv.goto(arxivNew.url);
    await waitForCards(arxiv, arxivNew.cards);
    const [before, meanwhile] = (await readCards(arxiv)).map((card) => card.id);
    const save = async (id: string | undefined) => {
      const card = arxiv.locator(`[data-biaslens-paper="${id}"]`);
      await card.getByRole('button', { name: 'Save', exact: true }).click();
      await card.getByRole('button', { name: 'Saved', exact: true }).waitFor();
    };
    await save(before);

    const hf = await session.context.newPage();
    await hf.goto(hfList.url);
    await waitForCards(hf, hfList.cards);
    await save(meanwhile);
    // The app renders cards for both papers (load more): no reload, no reopening.
    await appendCardsLike(
      hf,
      [before, meanwhile].map((id) => ({ id: id?.replace('arxiv:', '') ?? '' })),
    );
    await waitForCards(hf, hfList.cards + 2);
    for (const id of [before, meanwhile]) {
      await expect
        .poll(() =>
          hf.locator(`[data-biaslens-paper="${id}"]`).first().getAttribute('data-biaslens-saved'),
        )
        .toBe('true');
    }
    // A card of a paper nobody saved says so.
    expect(await hf.locator('article').first().getAttribute('data-biaslens-saved')).toBe('false');
    await hf.close();
    await arxiv.close();
  });
});
