import type { ExtractedPaper, SiteId } from '../paper';

/**
 * Data a page carries once for all its cards (e.g. Hugging Face's hydration JSON), read once per
 * annotation pass and handed to `extractPaper`. Keyed by bare arXiv id.
 */
export interface PageData {
  /**
   * Abstracts as the page carries them, not yet cleaned: `extractPaper` cleans the ones it uses
   * (`cleanText`), so a list of 500 papers costs its cards' text, not all of it at once.
   */
  abstracts: Map<string, string>;
  /**
   * Full author names, where the embedded data has them and the cards do not (Hugging Face cards
   * show at most five avatars, some titled with a username, and often none at all). Not yet
   * cleaned, like the abstracts.
   */
  authors?: Map<string, string[]>;
}

/** What `extractPaper` may skip when the caller does not need it yet. */
export interface ExtractOptions {
  /**
   * Read the authors (default true). Annotating a 2,000-card page needs only ids, titles and
   * abstracts; authors are read when a paper is saved, which halves the DOM reads of a pass.
   */
  authors?: boolean;
}

/** Where our UI host goes relative to an element of the card. */
export interface MountPoint {
  anchor: Element;
  position: 'before' | 'after' | 'append' | 'prepend';
}

/**
 * One adapter per site: everything BiasLens knows about a site's markup lives in its adapter.
 * Adapters receive a root; they never reach for the global document.
 */
export interface SiteAdapter {
  id: SiteId;
  /** Human-readable site name, for logs and the README. */
  name: string;
  /** Cheap URL test: does this adapter handle the page at `url`? */
  matches(url: URL): boolean;
  /** Every card root under `root`, in document order. Must not throw on any markup. */
  findCards(root: ParentNode): Element[];
  /** Page-wide data (embedded JSON); called once per pass with the card's document. */
  readPageData?(doc: Document): PageData;
  /**
   * The paper a card shows. Throws `CardExtractionError` when a required field is missing;
   * the caller logs it and skips that card.
   */
  extractPaper(card: Element, pageData?: PageData, options?: ExtractOptions): ExtractedPaper;
  /**
   * The canonical id a card shows, read cheaply (one lookup, no text collection). The annotator
   * calls it on every re-scan to notice a card element reused for another paper.
   */
  paperIdOf?(card: Element): string | undefined;
  /** Where the UI host for this card is mounted. */
  mountPoint(card: Element): MountPoint;
}

/** A required lookup failed on one card. */
export class CardExtractionError extends Error {
  constructor(
    readonly adapterId: SiteId,
    readonly field: string,
    readonly selector: string,
  ) {
    super(`[${adapterId}] card has no ${field} (selector: ${selector})`);
    this.name = 'CardExtractionError';
  }
}
