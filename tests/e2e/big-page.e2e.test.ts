import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildArxivListing } from './generated-pages';
import { type ExtensionSession, launchWithExtension, readCards, waitForCards } from './harness';

// A 2,000-entry arXiv listing (the most arXiv serves on one page), built from real entries.
const BIG_URL = 'https://arxiv.org/list/q-fin/pastweek?skip=0&show=2000';
const big = buildArxivListing(2000);

describe('the biggest arXiv listing', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchWithExtension({
      fixtures: [],
      extraPages: new Map([[BIG_URL, big.html]]),
    });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('annotates all 2,000 cards, each once, with the right ids', async () => {
    const page = await session.context.newPage();
    await page.goto(BIG_URL);
    await waitForCards(page, 2000, 60_000);
    const cards = await readCards(page);
    expect(cards.map((card) => card.id)).toEqual(big.ids);
    for (const card of cards) {
      expect(card.hosts).toBe(1);
      expect(card.saved).toBe('false');
    }
    // Same topics as the 13 real entries they repeat: entry i repeats entry i mod 13.
    for (let i = 13; i < cards.length; i++) expect(cards[i]?.topics).toBe(cards[i % 13]?.topics);
    await page.close();
  });
});
