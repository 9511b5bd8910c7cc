/**
 * NeurIPS proceedings (https://proceedings.neurips.cc, also served as https://papers.nips.cc), a
 * static site with one page per year listing every paper: title and authors only, no abstract.
 *
 * Page kinds, and the card root of each (the `li` of one paper):
 * - Year listings `/paper_files/paper/<year>` (current site, every year since 1987):
 *   `ul.paper-list > li[data-track] > div.paper-content > a[title="paper title"]` + `span.paper-authors`,
 *   and a `span.paper-track-badge` after the content. The link is
 *   `/paper_files/paper/2023/hash/<32 hex>-Abstract-Conference.html` (`-Abstract-<Track>` since
 *   2022, plain `-Abstract` before). `data-track` is `conference`, `datasets_and_benchmarks(_track)`
 *   or `none` (before 2022); the class repeats it, inconsistently across years.
 * - The older layout of the same listings `/paper/<year>`: `<li><a href="/paper/2019/hash/<hash>-
 *   Abstract.html">Title</a> <i>Author, Author</i></li>`.
 *
 * Identity. Listings show no arXiv id and no DOI (NeurIPS proceedings have none). The card is keyed
 * by the proceedings' own permanent key, a canonical id of the `neurips` key scheme
 * (lib/paper-id.ts KEY_SCHEMES): `neurips:<year>/<32 hex hash>`, plus `-<Track>` since 2022
 * (`neurips:2023/ac662d74829e4407ce1d126477f4a03a-Conference`). Stable, unique, and enough to
 * rebuild the abstract page URL (`landingUrl`). The same paper seen elsewhere with an arXiv id is
 * another record until the identity layer links them.
 */
import type { ExtractedPaper } from '../paper';
import { landingUrl } from '../paper-id';
import { findCardsUnder } from './dom';
import { cleanText, readableText } from './text';
import { CardExtractionError, type SiteAdapter } from './types';

// Selectors. The hook is the abstract-page href (year, hash, track): a card is any `li` holding
// one, so neither the list's classes nor the `data-track` values (which vary by year) matter.

const ENTRY = {
  /** Every listing entry is an `li`; only one linking an abstract page is a card. */
  card: 'li',
  /**
   * The title link, alternatives in order:
   * - `a[title="paper title"]`: the current layout (2023–2026), inside `div.paper-content`;
   * - `a[href*="/hash/"]`: any abstract-page link, the older `/paper/<year>` layout included.
   */
  titleLink: ['a[title="paper title"][href*="/hash/"]', 'a[href*="/hash/"]'],
  /** Authors as one comma-separated string: `span.paper-authors` (current layout). */
  authors: 'span.paper-authors',
  /** The older layout's authors: an `i` child of the entry (never the title's own italics). */
  legacyAuthors: 'i',
} as const;

/** `/paper_files/paper/2023/hash/<hash>-Abstract-Conference.html`, `/paper/2019/hash/<hash>-Abstract.html`, absolute or not. */
const ABSTRACT_HREF =
  /^(?:https:\/\/(?:proceedings\.neurips\.cc|papers\.nips\.cc))?\/(?:paper_files\/)?paper\/(\d{4})\/hash\/([0-9a-f]{32})-Abstract(?:-([A-Za-z][A-Za-z_]{0,63}))?\.html$/;

const HOSTS = new Set(['proceedings.neurips.cc', 'papers.nips.cc']);
/** `/paper_files/paper/2023`, `/paper/2019` (with or without a trailing slash). */
const LISTING_PATH = /^\/(?:paper_files\/)?paper\/\d{4}\/?$/;

interface NeuripsKey {
  year: string;
  hash: string;
  /** `Conference`, `Datasets_and_Benchmarks`, …; absent before 2022. */
  track?: string;
}

/**
 * Example URLs of every page kind the adapter supports, for the URL matrix tests. Kept out of the
 * adapter object so that bundles leave them out.
 */
export const exampleUrls: readonly string[] = [
  'https://proceedings.neurips.cc/paper_files/paper/2023',
  'https://proceedings.neurips.cc/paper_files/paper/2019',
  'https://papers.nips.cc/paper_files/paper/2022',
  'https://proceedings.neurips.cc/paper/2019',
];

/** NeurIPS proceedings year listings. */
export const neuripsAdapter: SiteAdapter = {
  id: 'neurips',
  name: 'NeurIPS Proceedings',

  matches(url) {
    if (url.protocol !== 'https:' || !HOSTS.has(url.hostname)) return false;
    // The home page lists years; `/paper_files/paper/<year>/hash/…` is a single paper.
    return LISTING_PATH.test(url.pathname);
  },

  findCards(root) {
    // Navigation and pagination items link no abstract page.
    return findCardsUnder(root, ENTRY.card, 'neurips', (item) => findKey(item) !== undefined);
  },

  extractPaper(card, _pageData, options) {
    const key = findKey(card);
    if (!key) throw new CardExtractionError('neurips', 'id', ENTRY.titleLink.join(' | '));
    const id = keyId(key);
    const paper: ExtractedPaper = {
      id,
      title: requireTitle(card),
      authors: options?.authors === false ? [] : readAuthors(card),
      // Both built from the key's validated parts; the page's href is never used.
      url: landingUrl(id) ?? abstractUrl(key),
      site: 'neurips',
    };
    return paper;
  },

  paperIdOf(card) {
    const key = findKey(card);
    return key ? keyId(key) : undefined;
  },

  mountPoint(card) {
    // After the title link, inside the entry (before the authors).
    const link = findTitleLink(card);
    return link ? { anchor: link, position: 'after' } : { anchor: card, position: 'append' };
  },
};

/** The entry's own abstract-page link (not one of a nested list's entries). */
function findTitleLink(item: Element): Element | undefined {
  for (const selector of ENTRY.titleLink) {
    const link = item.querySelector(selector);
    if (
      link &&
      link.closest(ENTRY.card) === item &&
      ABSTRACT_HREF.test(link.getAttribute('href') ?? '')
    ) {
      return link;
    }
  }
  return undefined;
}

function findKey(item: Element): NeuripsKey | undefined {
  const match = ABSTRACT_HREF.exec(findTitleLink(item)?.getAttribute('href') ?? '');
  if (!match?.[1] || !match[2]) return undefined;
  return match[3]
    ? { year: match[1], hash: match[2], track: match[3] }
    : { year: match[1], hash: match[2] };
}

function keyId({ year, hash, track }: NeuripsKey): string {
  return `neurips:${year}/${hash}${track ? `-${track}` : ''}`;
}

/** The abstract page, built from the key's parts (what `landingUrl` builds from the id). */
function abstractUrl({ year, hash, track }: NeuripsKey): string {
  return `https://proceedings.neurips.cc/paper_files/paper/${year}/hash/${hash}-Abstract${track ? `-${track}` : ''}.html`;
}

function requireTitle(item: Element): string {
  const link = findTitleLink(item);
  const title = link ? readableText(link) : '';
  if (!title) throw new CardExtractionError('neurips', 'title', ENTRY.titleLink.join(' | '));
  return title;
}

function readAuthors(item: Element): string[] {
  const element = item.querySelector(ENTRY.authors) ?? childMatching(item, ENTRY.legacyAuthors);
  return element ? splitNames(readableText(element)) : [];
}

/** The first child of `parent` matching `selector` (children only, never the whole subtree). */
function childMatching(parent: Element, selector: string): Element | null {
  for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
    if (child.matches(selector)) return child;
  }
  return null;
}

/** `Alice Zhang, Bob Li` → names; the list has no other separator. */
function splitNames(text: string): string[] {
  return text
    .split(',')
    .map((name) => cleanText(name))
    .filter((name) => name !== '');
}
