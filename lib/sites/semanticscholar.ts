/**
 * Semantic Scholar (https://www.semanticscholar.org), a single-page app: cards exist only once its
 * scripts have rendered them, and client-side navigation swaps them without a page load.
 *
 * Page kinds, both listing papers with the same row component:
 * - search results `/search?q=…`;
 * - author pages `/author/<name slug>/<numeric author id>`.
 * One row per paper: `div.cl-paper-row` ("cl-" is S2's component library, in use since 2019)
 * whose title link `a[data-test-id="title-link"]` points to `/paper/<slug>/<40-hex S2 id>`.
 * Card root: the row.
 *
 * Identity. The S2 paper id is not a scheme BiasLens keys records by; a row is a paper BiasLens
 * can name when its links reveal an arXiv id (the "View PDF on arXiv" link, `data-heap-link-type=
 * "arxiv"`), a DOI ("View via Publisher", a doi.org link), an ACL Anthology id or an OpenReview id.
 * Precedence arXiv > DOI > ACL > OpenReview (lib/paper-id.ts ID_SCHEMES); every revealed id is
 * kept. A row whose only link is S2's own PDF copy or a publisher page without a DOI (IEEE
 * Xplore) is returned by `findCards` and refused by `extractPaper` with `CardExtractionError`
 * (field `id`). Search and author pages carry no per-paper embedded data (no JSON-LD, no meta), so
 * the row's links are the only source.
 *
 * Abstract. A row shows either the paper's abstract (`div.cl-paper-abstract`, once expanded) or,
 * by default, S2's TLDR (`div.tldr-abstract-replacement`), a one-sentence machine summary. The
 * abstract is read first; the TLDR stands in for it otherwise (it is what the reader sees and is
 * useful to the topic classifier), without its "TLDR" label and "Expand" toggle.
 */
import type { ExtractedPaper } from '../paper';
import { landingUrl } from '../paper-id';
import { findCardsUnder } from './dom';
import { addIdsFromUrl, canonicalIdOf, type LinkIds, resolveHref } from './link-ids';
import { readableText } from './text';
import { CardExtractionError, type SiteAdapter } from './types';

// Selectors. Test ids (`data-test-id`) and analytics hooks (`data-heap-*`) first: S2 keeps them
// for its own tests and tracking. Its `cl-paper-*` class names are the component library's
// semantic names (stable 2019–2025 in public scrapers); utility classes are never used.

const ROW = {
  /** One paper row, on search and author pages alike. */
  card: '.cl-paper-row',
  /**
   * Required: the title link, `href="/paper/<slug>/<S2 id>"`, in order:
   * - `data-test-id="title-link"` (2022–2025 rows);
   * - `data-selenium-selector="title-link"` (2019–2021 rows);
   * - a direct child link to a paper page (the hook Zotero's translator uses).
   */
  titleLink: [
    'a[data-test-id="title-link"]',
    'a[data-selenium-selector="title-link"]',
    ':scope > a[href*="/paper/"]',
  ],
  /** The title text inside the link (the link also holds nothing else today). */
  title: '.cl-paper-title',
  /**
   * Optional: one element per author, linked or not:
   * - `.cl-paper-authors__author-box` (2022–2025);
   * - author links of the author list (older rows).
   */
  authors: ['.cl-paper-authors__author-box', '.cl-paper-authors a[href*="/author/"]'],
  /** Optional: the abstract once expanded, else the TLDR. */
  abstract: ['.cl-paper-abstract', '.tldr-abstract-replacement'],
  /** Inside the abstract: the "Expand"/"Collapse" toggle, a button (older rows: a span). */
  abstractToggle: 'button, .mod-clickable, .text-truncator__toggle',
  /**
   * Id sources: the paper links of the actions row (`data-heap-link-type` names the source:
   * arxiv, doi, acl, ieee, s2, …; `a.cl-paper-view-paper` is the primary one), and any other
   * link of the row to a host that reveals an id.
   */
  idLinks:
    'a[data-heap-link-type][href], a.cl-paper-view-paper[href], a[href*="arxiv.org/"], a[href*="doi.org/"], a[href*="aclanthology.org/"], a[href*="openreview.net/"]',
} as const;

/** "TLDR" label and "Expand"/"Collapse" toggle text, should their elements lose their hooks. */
const TLDR_LABEL = /^TLDR\b\s*/;
const TOGGLE_LABEL = /\s*(?:Expand|Collapse)$/;
/** doi.org resolvers, old and new. */

const HOSTS = new Set(['www.semanticscholar.org', 'semanticscholar.org']);
/** `/author/Timnit-Gebru/2076288` (the slug may be percent-encoded), or the bare numeric id. */
const AUTHOR_PATH = /^\/author\/(?:[^/]+\/)?\d+\/?$/;
/** Relative links on an S2 page are S2 links (resolved only to read their host). */
const PAGE_BASE = 'https://www.semanticscholar.org/';

/**
 * Example URLs of every page kind the adapter supports, for the URL matrix tests. Kept out of the
 * adapter object so that bundles leave them out.
 */
export const exampleUrls: readonly string[] = [
  'https://www.semanticscholar.org/search?q=dataset%20bias&sort=relevance',
  'https://www.semanticscholar.org/search?fos%5B0%5D=computer-science&q=fairness&sort=pub-date&page=2',
  'https://www.semanticscholar.org/author/Timnit-Gebru/1234567',
  'https://www.semanticscholar.org/author/Y.-Bengio/1751762?sort=influence',
];

/** Semantic Scholar search results and author pages. */
export const semanticScholarAdapter: SiteAdapter = {
  id: 'semanticscholar',
  name: 'Semantic Scholar',

  matches(url) {
    if (url.protocol !== 'https:' || !HOSTS.has(url.hostname)) return false;
    const path = url.pathname;
    if (path === '/search' || path === '/search/') {
      return (url.searchParams.get('q') ?? '').trim() !== '';
    }
    return AUTHOR_PATH.test(path);
  },

  findCards(root) {
    // A row still rendering (no title link yet) is incomplete: a later pass sees it again.
    return findCardsUnder(root, ROW.card, 'semanticscholar', (card) => titleLinkOf(card) !== null);
  },

  extractPaper(card, _pageData, options) {
    if (!card.matches(ROW.card)) {
      throw new CardExtractionError('semanticscholar', 'card', ROW.card);
    }
    const ids = readIds(card);
    const id = canonicalIdOf(ids);
    const url = id === undefined ? undefined : landingUrl(id);
    if (id === undefined || url === undefined) {
      throw new CardExtractionError(
        'semanticscholar',
        'id',
        `${ROW.idLinks} (arXiv, DOI, ACL or OpenReview)`,
      );
    }
    const paper: ExtractedPaper = {
      id,
      ...ids,
      title: requireTitle(card),
      authors: options?.authors === false ? [] : readAuthors(card),
      url,
      site: 'semanticscholar',
    };
    const abstract = readAbstract(card);
    if (abstract) paper.abstract = abstract;
    return paper;
  },

  paperIdOf(card) {
    return card.matches(ROW.card) ? canonicalIdOf(readIds(card)) : undefined;
  },

  mountPoint(card) {
    // After the title link, inside the row.
    const title = titleLinkOf(card);
    return title ? { anchor: title, position: 'after' } : { anchor: card, position: 'append' };
  },
};

function titleLinkOf(card: Element): Element | null {
  for (const selector of ROW.titleLink) {
    const link = card.querySelector(selector);
    if (link) return link;
  }
  return null;
}

function requireTitle(card: Element): string {
  const link = titleLinkOf(card);
  const element = link?.querySelector(ROW.title) ?? link;
  const title = element ? readableText(element) : '';
  if (!title) throw new CardExtractionError('semanticscholar', 'title', ROW.titleLink.join(' | '));
  return title;
}

function readAuthors(card: Element): string[] {
  for (const selector of ROW.authors) {
    const names: string[] = [];
    for (const element of card.querySelectorAll(selector)) {
      const name = readableText(element).replace(/,$/, '');
      if (name) names.push(name);
    }
    if (names.length > 0) return names;
  }
  return [];
}

function readAbstract(card: Element): string | undefined {
  for (const selector of ROW.abstract) {
    const element = card.querySelector(selector);
    const text = element
      ? readableText(element, ROW.abstractToggle).replace(TLDR_LABEL, '').replace(TOGGLE_LABEL, '')
      : '';
    if (text) return text;
  }
  return undefined;
}

/** The ids of the row's paper links, in document order. */
function readIds(card: Element): LinkIds {
  const ids: LinkIds = {};
  for (const link of card.querySelectorAll(ROW.idLinks)) {
    addIdsFromLink(link.getAttribute('href'), ids);
  }
  return ids;
}

/** Adds the ids one link reveals to `ids`, keeping ids already found. */
function addIdsFromLink(href: string | null, ids: LinkIds): void {
  const url = resolveHref(href, PAGE_BASE);
  if (url) addIdsFromUrl(url, ids);
}
