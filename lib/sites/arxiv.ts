/**
 * arXiv (https://arxiv.org), as rendered by arXiv's own apps (arxiv-browse, arxiv-search).
 *
 * Page kinds, and the card root of each (the element that carries our `data-biaslens-*` marks):
 * - Listings `/list/<archive or category>/<new | recent | pastweek | month>`: every section (New
 *   submissions, Cross-lists, Replacements, or one per day) is its own `dl#articles`, so that id
 *   repeats on one page. An entry is a `dt` (number, id link, pdf/other links) and the `dd` after
 *   it (title, authors, subjects; the abstract too on /new). Card root: the `dd`.
 * - Search results `/search/?query=…` (also `/search/<archive>?…` and `/search/advanced?…`): one
 *   `li.arxiv-result` per paper. Card root: the `li`.
 * - The abstract page `/abs/<id>[vN]`: one paper in `div#abs`. Card root: that `div`.
 */
import type { ExtractedPaper } from '../paper';
import { arxivUrls, canonicalArxivId, type ParsedArxivId, parseArxivId } from '../paper-id';
import { findCardsUnder } from './dom';
import { readableText } from './text';
import { CardExtractionError, type MountPoint, type SiteAdapter } from './types';

// Selectors. Hooks first (hrefs to /abs/ID, ids, titles of links), then arXiv's own semantic class
// names, which have been stable across the 2023–2026 templates. Arrays are tried in order.

const LISTING = {
  /** Entry body; only a `dd` right after a `dt` is a complete row. */
  card: 'dl > dd',
  /** Looked up in the entry's `dt`: `<a href="/abs/ID" title="Abstract" id="ID">arXiv:ID</a>`. */
  idLink: [
    'a[title="Abstract"][href*="/abs/"]',
    // Fallback if the link loses its title attribute: the only /abs/ link in the dt.
    'a[href*="/abs/"]',
  ],
  /** `<div class='list-title mathjax'><span class='descriptor'>Title:</span> …</div>` */
  title: '.list-title',
  /** One link per author; affiliations, when present, are plain text between them. */
  authors: '.list-authors > a',
  /** The entry's one `div.meta`, a child of the `dd`, holding every field. */
  meta: '.meta',
  /**
   * A child of `.meta`, only on /new (empty `p` on replacements); /recent and /pastweek show
   * titles only. Looked up among meta's few children: a querySelector would walk every author.
   */
  abstract: 'p.mathjax',
} as const;

const SEARCH = {
  card: 'li.arxiv-result',
  /** `<p class="list-title"><a href="https://arxiv.org/abs/ID">arXiv:ID</a> …` (the id line). */
  idLink: ['p.list-title > a[href*="/abs/"]'],
  /** The paper title is `p.title`; beware `p.list-title`, which is the id line. */
  title: 'p.title',
  authors: 'p.authors > a',
  /** Full text first; the short one is cut with "…". Both end with a More/Less toggle link. */
  abstract: ['span.abstract-full', 'span.abstract-short'],
  /** The toggle: `<a class="is-size-7" onclick="…">△ Less</a>`. */
  abstractToggle: 'a[onclick]',
} as const;

const ABS = {
  card: 'div#abs',
  /** "Cite as" rows: `td.arxividv` links the shown version (`…/abs/IDv2`), `td.arxivid` the paper. */
  idLink: ['td.arxividv a[href*="/abs/"]', 'td.arxivid a[href*="/abs/"]'],
  /** Google Scholar tag in the head (bare id), if the metatable is missing. */
  idMeta: 'meta[name="citation_arxiv_id"]',
  title: 'h1.title',
  /** Author search links; excludes the `#toggle` "et al. (N additional authors not shown)" link. */
  authors: 'div.authors a[href*="searchtype=author"]',
  abstract: 'blockquote.abstract',
} as const;

/** "Title:", "Authors:", "Abstract:" labels inside the fields. */
const DESCRIPTOR = '.descriptor';
/** Label of the search results' abstract toggle ("▽ More" / "△ Less"), at the very end. */
const TOGGLE_LABEL = /\s*[▽△]\s*(?:More|Less)$/;
/** Every card root, in one query so results come in document order. */
const CARD_SELECTOR = [LISTING.card, SEARCH.card, ABS.card].join(', ');

const HOSTS = new Set(['arxiv.org', 'www.arxiv.org']);
/** `/list/cs.LG/new`, `/list/astro-ph/pastweek`, `/list/hep-th/2403`, `/list/math/2024-03`. */
const LIST_PATH =
  /^\/list\/[A-Za-z][A-Za-z.-]*\/(?:new|recent|pastweek|\d{2}|\d{4}|\d{4}-\d{2})\/?$/;
/** `/search/`, `/search/cs` (archive-scoped, linked from author names), `/search/advanced`. */
const SEARCH_PATH = /^\/search(?:\/(?:advanced|[a-z-]+))?\/?$/;

type CardKind = 'listing' | 'search' | 'abs';

/**
 * Example URLs of every page kind the adapter supports, for the URL matrix tests. Kept out of the
 * adapter object so that bundles leave them out.
 */
export const exampleUrls: readonly string[] = [
  'https://arxiv.org/list/q-fin/new',
  'https://arxiv.org/list/cs.LG/new',
  'https://arxiv.org/list/astro-ph.CO/recent',
  'https://arxiv.org/list/astro-ph/pastweek?skip=25&show=25',
  'https://arxiv.org/list/hep-th/2403',
  'https://arxiv.org/search/?query=of&searchtype=all',
  'https://arxiv.org/search/cs?searchtype=author&query=Sloth%2C+C',
  'https://arxiv.org/search/advanced?advanced=&terms-0-operator=AND&terms-0-term=bias&terms-0-field=title',
  'https://arxiv.org/abs/2303.08867',
  'https://arxiv.org/abs/2303.08867v1',
  'https://arxiv.org/abs/hep-th/9901001v2',
];

/** arXiv listings, search results and abstract pages. */
export const arxivAdapter: SiteAdapter = {
  id: 'arxiv',
  name: 'arXiv',

  matches(url) {
    if (url.protocol !== 'https:' || !HOSTS.has(url.hostname)) return false;
    const path = url.pathname;
    if (LIST_PATH.test(path)) return true;
    if (path.startsWith('/abs/')) return parseArxivId(path) !== undefined;
    // The search form without a query, /help, /pdf/… and the home page never show cards.
    if (SEARCH_PATH.test(path)) return hasSearchQuery(url.searchParams);
    return false;
  },

  findCards(root) {
    // A `dd` without its `dt` is half a row: there is no id to read.
    return findCardsUnder(
      root,
      CARD_SELECTOR,
      'arxiv',
      (card) => card.localName !== 'dd' || card.previousElementSibling?.localName === 'dt',
    );
  },

  extractPaper(card, _pageData, options) {
    const kind = requireKind(card);
    const parsed = requireId(card, kind);
    const arxivId = parsed.arxivId;
    const paper: ExtractedPaper = {
      id: canonicalArxivId(arxivId),
      arxivId,
      title: requireTitle(card, kind),
      authors: options?.authors === false ? [] : readAuthors(card, kind),
      url: arxivUrls(arxivId).abs,
      site: 'arxiv',
    };
    if (parsed.version !== undefined) paper.version = parsed.version;
    const abstract = readAbstract(card, kind);
    if (abstract) paper.abstract = abstract;
    return paper;
  },

  paperIdOf(card) {
    const kind = kindOf(card);
    const parsed = kind && findId(card, kind);
    return parsed ? canonicalArxivId(parsed.arxivId) : undefined;
  },

  mountPoint(card) {
    const kind = kindOf(card);
    // Inside the card, so the annotator sees the card contain our host.
    if (kind === 'listing') return afterOr(card.querySelector(LISTING.title), card, 'prepend');
    if (kind === 'search') return afterOr(card.querySelector(SEARCH.title), card, 'append');
    return afterOr(card.querySelector(ABS.title), card, 'prepend');
  },
};

function hasSearchQuery(params: URLSearchParams): boolean {
  // Simple search uses `query`; advanced search numbers its terms (`terms-0-term`, …).
  if ((params.get('query') ?? '').trim() !== '') return true;
  for (const [key, value] of params) {
    if (/^terms-\d+-term$/.test(key) && value.trim() !== '') return true;
  }
  return false;
}

function kindOf(card: Element): CardKind | undefined {
  if (card.matches(LISTING.card)) return 'listing';
  if (card.matches(SEARCH.card)) return 'search';
  if (card.matches(ABS.card)) return 'abs';
  return undefined;
}

function requireKind(card: Element): CardKind {
  const kind = kindOf(card);
  if (!kind) throw new CardExtractionError('arxiv', 'card', CARD_SELECTOR);
  return kind;
}

/** Reads the arXiv id from the card's id link (for listings, in the `dt` before the card). */
function findId(card: Element, kind: CardKind): ParsedArxivId | undefined {
  if (kind === 'listing') {
    const dt = card.previousElementSibling;
    return dt?.localName === 'dt' ? idFromLinks(dt, LISTING.idLink) : undefined;
  }
  if (kind === 'search') return idFromLinks(card, SEARCH.idLink);
  const fromLinks = idFromLinks(card, ABS.idLink);
  if (fromLinks) return fromLinks;
  // The metatable is part of the same template as the title; the head tag is a second source.
  const content = card.ownerDocument.querySelector(ABS.idMeta)?.getAttribute('content');
  return content ? parseArxivId(content) : undefined;
}

function idFromLinks(scope: Element, selectors: readonly string[]): ParsedArxivId | undefined {
  for (const selector of selectors) {
    const href = scope.querySelector(selector)?.getAttribute('href');
    const parsed = href ? parseArxivId(href) : undefined;
    if (parsed) return parsed;
  }
  return undefined;
}

function requireId(card: Element, kind: CardKind): ParsedArxivId {
  const found = findId(card, kind);
  if (found) return found;
  const selector =
    kind === 'listing'
      ? `dt + dd: dt ${LISTING.idLink.join(' | ')}`
      : (kind === 'search' ? SEARCH.idLink : ABS.idLink).join(' | ');
  throw new CardExtractionError('arxiv', 'id', selector);
}

function requireTitle(card: Element, kind: CardKind): string {
  const selector =
    kind === 'listing' ? LISTING.title : kind === 'search' ? SEARCH.title : ABS.title;
  const element = card.querySelector(selector);
  // The "Title:" label is a `.descriptor` span; strip a bare-text label too, in case it loses it.
  const title = element ? readableText(element, DESCRIPTOR).replace(/^Title:\s*/, '') : '';
  if (!title) throw new CardExtractionError('arxiv', 'title', selector);
  return title;
}

/** The first child of `parent` matching `selector` (children only, never the whole subtree). */
function childMatching(parent: Element | null, selector: string): Element | null {
  if (!parent) return null;
  for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
    if (child.matches(selector)) return child;
  }
  return null;
}

function readAuthors(card: Element, kind: CardKind): string[] {
  const selector =
    kind === 'listing' ? LISTING.authors : kind === 'search' ? SEARCH.authors : ABS.authors;
  const names: string[] = [];
  for (const link of card.querySelectorAll(selector)) {
    const name = readableText(link);
    if (name) names.push(name);
  }
  return names;
}

function readAbstract(card: Element, kind: CardKind): string | undefined {
  if (kind === 'listing') {
    const element = childMatching(childMatching(card, LISTING.meta), LISTING.abstract);
    return (element && readableText(element)) || undefined;
  }
  if (kind === 'search') {
    for (const selector of SEARCH.abstract) {
      const element = card.querySelector(selector);
      // The toggle's label is also stripped as text, should it ever lose its onclick handler.
      const text = element
        ? readableText(element, SEARCH.abstractToggle).replace(TOGGLE_LABEL, '')
        : '';
      if (text) return text;
    }
    return undefined;
  }
  const element = card.querySelector(ABS.abstract);
  return (element && readableText(element, DESCRIPTOR)) || undefined;
}

function afterOr(
  anchor: Element | null,
  card: Element,
  fallback: MountPoint['position'],
): MountPoint {
  return anchor ? { anchor, position: 'after' } : { anchor: card, position: fallback };
}
