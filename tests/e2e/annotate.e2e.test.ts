import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DOCS_DIR,
  type ExtensionSession,
  launchWithExtension,
  readCards,
  waitForCards,
} from './harness';
import { PAGES } from './pages';
import { screenshotListing } from './screenshots';

const CANONICAL_ID = /^arxiv:(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/;
const TOPIC_LIST =
  /^((social|cultural|data|inductive|evaluation|cognitive|modality|ranking|statistical)( |$))*$/;

describe('cards are annotated on every page kind', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchWithExtension({ fixtures: PAGES });
  });
  afterAll(async () => {
    await session?.close();
  });

  for (const fixture of PAGES) {
    it(`${fixture.name}: ${fixture.url} has ${fixture.cards} annotated cards`, async () => {
      const page = await session.context.newPage();
      // The fixtures' own scripts fail offline; only the extension's messages matter here.
      const ourWarnings: string[] = [];
      page.on('console', (message) => {
        if (message.text().includes('BiasLens') && message.type() !== 'log')
          ourWarnings.push(message.text());
      });
      await page.goto(fixture.url);
      await waitForCards(page, fixture.cards);
      const cards = await readCards(page);
      expect(cards).toHaveLength(fixture.cards);
      for (const card of cards) {
        expect(card.id).toMatch(CANONICAL_ID);
        expect(card.topics).toMatch(TOPIC_LIST);
        expect(card.saved).toBe('false');
        expect(card.hosts).toBe(1);
      }
      expect(new Set(cards.map((card) => card.id)).size).toBe(
        fixture.uniquePapers ?? fixture.cards,
      );
      if (fixture.firstId) expect(cards[0]?.id).toBe(fixture.firstId);
      // Every host carries a Save button in an open shadow root.
      const buttons = await page
        .locator('biaslens-card')
        .getByRole('button', { name: 'Save', exact: true })
        .count();
      expect(buttons).toBe(fixture.cards);
      if (fixture.screenshot) {
        const site = fixture.url.startsWith('https://arxiv.org/') ? 'arxiv' : 'huggingface';
        await screenshotListing(page, site, join(DOCS_DIR, fixture.screenshot));
      }
      expect(ourWarnings).toEqual([]);
      await page.close();
    });
  }
});
