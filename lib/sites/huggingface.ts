/**
 * Hugging Face Papers (https://huggingface.co/papers). Server-rendered Svelte "islands": each
 * island is a `div.SVELTE_HYDRATER[data-target=<Component>][data-props=<HTML-escaped JSON>]`
 * wrapping its rendered markup, and the JSON carries the page's data (abstracts included).
 * Class names are Tailwind utilities and change often; we hook on links, tags and the JSON.
 *
 * Page kinds, and the card root of each (the element that carries our `data-biaslens-*` marks):
 * - Lists: `/papers` (today), `/papers/date/YYYY-MM-DD`, `/papers/week/YYYY-Www`,
 *   `/papers/month/YYYY-MM`, `/papers/trending`, and search `/papers?q=…`. One `article` per
 *   paper, recognized by its links to `/papers/<arXiv id>`. Card root: the `article`. Lists show
 *   no abstract (search results do); it comes from the `DailyPapers` island's JSON.
 * - The paper page `/papers/<arXiv id>`: the `PaperContent` island holds title, authors and
 *   abstract (and the comments). Card root: that island's element (`display: contents`).
 * The daily list swaps its cards on client-side date changes without reloading; its JSON then
 * still describes the first date, so those cards fall back to what the card itself shows.
 */
import type { ExtractedPaper } from '../paper';
import { arxivUrls, canonicalArxivId, isBareArxivId } from '../paper-id';
import { findCardsUnder } from './dom';
import { cleanText, readableText } from './text';
import { CardExtractionError, type MountPoint, type PageData, type SiteAdapter } from './types';

// Selectors, stable hooks first. Checked against the real daily list of 2026-09-28
// (tests/fixtures/huggingface/hf-daily-2026-09-28.html); the paper page and search markup are
// hand-made fixtures, so their visible-markup selectors are fallbacks behind the JSON.

const LIST = {
  card: 'article',
  /** Any link to a paper page: thumbnail, title, author avatars, comments (`…#community`). */
  paperLink: 'a[href*="/papers/"]',
  /** `<h3><a href="/papers/ID">Title</a></h3>`; the id and title are read here first. */
  titleLink: 'h3 a[href*="/papers/"]',
  title: 'h3',
  /**
   * Author avatars `ul > li[title=<name>]`, at most five, claimed authors titled with their
   * username; the "· N authors" item has no title. Many cards show an organisation instead.
   */
  authorAvatars: 'ul > li[title]',
  /** Search results show the abstract as a paragraph; daily, week, month and trending do not. */
  abstract: 'p',
} as const;

const PAPER_PAGE = {
  card: '[data-target="PaperContent"]',
  title: 'h1',
  /** The "View arXiv page" button. */
  arxivLink: 'a[href^="https://arxiv.org/abs/"]',
  /** Author names in the header (hand-made fixture; the JSON is read first). */
  authors: '.author',
  /** `<h2>Abstract</h2>` followed by the abstract paragraph (hand-made fixture). */
  abstractHeading: 'h2',
} as const;

/** Every island with data; `readPageData` parses them all. */
const HYDRATION = '[data-target][data-props]';

type HfPageData = PageData & { authors: Map<string, string[]> };

/**
 * Each document's last reading of its islands, reused while they are unchanged: a long list's JSON
 * is large, and a pass over cards the page just added should not parse it all again.
 */
const lastReading = new WeakMap<
  Document,
  { islands: Element[]; sources: string[]; data: HfPageData }
>();

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
const CARD_SELECTOR = `${LIST.card}, ${PAPER_PAGE.card}`;
/** `/papers/ID` or `https://huggingface.co/papers/ID`, with an optional `#…` or `?…`. */
const PAPER_HREF = /^(?:https:\/\/huggingface\.co)?\/papers\/([^/?#]+)(?:[?#].*)?$/;
/** Bounds the walk over one island's JSON (the daily list's has a few thousand nodes). */
const MAX_JSON_NODES = 200_000;

const PAPER_LIST_PATH =
  /^\/papers(?:\/date\/\d{4}-\d{2}-\d{2}|\/week\/\d{4}-W\d{2}|\/month\/\d{4}-\d{2}|\/trending)?$/;
const PAPER_PAGE_PATH = /^\/papers\/([^/]+)$/;

type CardKind = 'list' | 'paper-page';

/**
 * Example URLs of every page kind the adapter supports, for the URL matrix tests. Kept out of the
 * adapter object so that bundles leave them out.
 */
export const exampleUrls: readonly string[] = [
  'https://huggingface.co/papers',
  'https://huggingface.co/papers/date/2026-09-28',
  'https://huggingface.co/papers/week/2026-W40',
  'https://huggingface.co/papers/month/2026-09',
  'https://huggingface.co/papers/trending',
  'https://huggingface.co/papers?q=training+data+bias',
  'https://huggingface.co/papers/2306.15895',
];

/** Hugging Face paper lists (daily, week, month, trending, search) and paper pages. */
export const huggingfaceAdapter: SiteAdapter = {
  id: 'huggingface',
  name: 'Hugging Face Papers',

  matches(url) {
    if (url.protocol !== 'https:' || url.hostname !== 'huggingface.co') return false;
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
    if (PAPER_LIST_PATH.test(path)) return true;
    // Only arXiv-id paper pages; `/papers/submit` and the like never show cards.
    const page = PAPER_PAGE_PATH.exec(path);
    return page?.[1] !== undefined && isBareArxivId(page[1]);
  },

  findCards(root) {
    return findCardsUnder(root, CARD_SELECTOR, 'huggingface', isCard);
  },

  readPageData(doc) {
    const islands: Element[] = [];
    const sources: string[] = [];
    for (const island of doc.querySelectorAll(HYDRATION)) {
      const raw = island.getAttribute('data-props');
      // Most islands hold a few flags; only paper data has a `summary`.
      if (!raw?.includes('summary')) continue;
      islands.push(island);
      sources.push(raw);
    }
    const last = lastReading.get(doc);
    if (last && sameItems(last.islands, islands) && sameItems(last.sources, sources)) {
      return last.data;
    }
    const data: HfPageData = { abstracts: new Map(), authors: new Map() };
    for (const raw of sources) {
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        continue; // a truncated or changed island must not cost the other cards their data
      }
      collectPapers(json, data);
    }
    lastReading.set(doc, { islands, sources, data });
    return data;
  },

  extractPaper(card, pageData, options) {
    const kind = requireKind(card);
    const arxivId = requireId(card, kind);
    // Copied: the same paper can appear twice on a page, and callers may keep the array.
    const islandAuthors = pageData?.authors?.get(arxivId);
    const paper: ExtractedPaper = {
      id: canonicalArxivId(arxivId),
      arxivId,
      title: requireTitle(card, kind),
      authors:
        options?.authors === false
          ? []
          : islandAuthors
            ? islandAuthors.map(cleanText).filter(Boolean)
            : readAuthors(card, kind),
      url: arxivUrls(arxivId).huggingface,
      site: 'huggingface',
    };
    const abstract = readAbstract(card, kind) ?? cleanText(pageData?.abstracts.get(arxivId) ?? '');
    if (abstract) paper.abstract = abstract;
    return paper;
  },

  paperIdOf(card) {
    const kind = kindOf(card);
    const arxivId = kind && findId(card, kind);
    return arxivId ? canonicalArxivId(arxivId) : undefined;
  },

  mountPoint(card) {
    // Inside the card, so the annotator sees the card contain our host.
    const kind = kindOf(card);
    const title = card.querySelector(kind === 'paper-page' ? PAPER_PAGE.title : LIST.title);
    return afterOr(title, card, 'append');
  },
};

function kindOf(card: Element): CardKind | undefined {
  if (card.matches(LIST.card)) return 'list';
  if (card.matches(PAPER_PAGE.card)) return 'paper-page';
  return undefined;
}

function requireKind(card: Element): CardKind {
  const kind = kindOf(card);
  if (!kind) throw new CardExtractionError('huggingface', 'card', CARD_SELECTOR);
  return kind;
}

/** An article is a card when it links to a paper; the paper island when it shows a title. */
function isCard(card: Element): boolean {
  if (kindOf(card) === 'paper-page') return card.querySelector(PAPER_PAGE.title) !== null;
  // The first paper link (the thumbnail) nearly always names the paper: a lookup that stops
  // there, before one that collects every link of the card (500 cards: a third of the time).
  if (paperIdFromHref(card.querySelector(LIST.paperLink)?.getAttribute('href') ?? null))
    return true;
  for (const link of card.querySelectorAll(LIST.paperLink)) {
    if (paperIdFromHref(link.getAttribute('href'))) return true;
  }
  return false;
}

/** The bare arXiv id of a link to a paper page; undefined for `/papers/date/…`, `/papers/trending`. */
function paperIdFromHref(href: string | null): string | undefined {
  const id = href ? PAPER_HREF.exec(href)?.[1] : undefined;
  return id !== undefined && isBareArxivId(id) ? id : undefined;
}

function findId(card: Element, kind: CardKind): string | undefined {
  if (kind === 'paper-page') {
    const href = card.querySelector(PAPER_PAGE.arxivLink)?.getAttribute('href');
    const fromLink = href ? /^https:\/\/arxiv\.org\/abs\/([^/?#]+)/.exec(href)?.[1] : undefined;
    if (fromLink !== undefined && isBareArxivId(fromLink)) return fromLink;
    // The island's own JSON names its paper.
    return paperIdFromIsland(card);
  }
  const title = paperIdFromHref(card.querySelector(LIST.titleLink)?.getAttribute('href') ?? null);
  if (title) return title;
  // Without a title link, any paper link of the card (thumbnail, avatars) names the same paper.
  for (const link of card.querySelectorAll(LIST.paperLink)) {
    const id = paperIdFromHref(link.getAttribute('href'));
    if (id) return id;
  }
  return undefined;
}

function paperIdFromIsland(island: Element): string | undefined {
  try {
    const json: unknown = JSON.parse(island.getAttribute('data-props') ?? '');
    const paper = isRecord(json) ? json.paper : undefined;
    const id = isRecord(paper) ? paper.id : undefined;
    return typeof id === 'string' && isBareArxivId(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

function requireId(card: Element, kind: CardKind): string {
  const id = findId(card, kind);
  if (id) return id;
  const selector =
    kind === 'paper-page'
      ? `${PAPER_PAGE.arxivLink} | ${PAPER_PAGE.card} JSON paper.id`
      : `${LIST.titleLink} | ${LIST.paperLink}`;
  throw new CardExtractionError('huggingface', 'id', selector);
}

function requireTitle(card: Element, kind: CardKind): string {
  const selector = kind === 'paper-page' ? PAPER_PAGE.title : LIST.title;
  const element = card.querySelector(selector);
  const title = element ? readableText(element) : '';
  if (!title) throw new CardExtractionError('huggingface', 'title', selector);
  return title;
}

function readAuthors(card: Element, kind: CardKind): string[] {
  const names: string[] = [];
  if (kind === 'paper-page') {
    for (const element of card.querySelectorAll(PAPER_PAGE.authors)) {
      const name = readableText(element).replace(/,$/, '');
      if (name) names.push(name);
    }
    return names;
  }
  for (const avatar of card.querySelectorAll(LIST.authorAvatars)) {
    const name = cleanText(avatar.getAttribute('title') ?? '');
    if (name) names.push(name);
  }
  // The avatar list is `flex-row-reverse`: the DOM order is the reverse of what readers see.
  return names.reverse();
}

function readAbstract(card: Element, kind: CardKind): string | undefined {
  if (kind === 'list') {
    const element = card.querySelector(LIST.abstract);
    return (element && readableText(element)) || undefined;
  }
  for (const heading of card.querySelectorAll(PAPER_PAGE.abstractHeading)) {
    if (readableText(heading) !== 'Abstract') continue;
    for (let next = heading.nextElementSibling; next; next = next.nextElementSibling) {
      if (next.localName !== 'p') continue;
      const text = readableText(next);
      if (text) return text;
    }
  }
  return undefined;
}

/**
 * Finds every paper object in an island's JSON, whatever its shape: an object with an arXiv-id
 * `id` and a `summary` string (`dailyPapers[].paper`, `paper`, search results, …).
 */
function collectPapers(json: unknown, into: HfPageData): void {
  const stack: unknown[] = [json];
  let budget = MAX_JSON_NODES;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    if (!isRecord(node)) continue;
    const { id, summary, authors } = node;
    if (typeof id === 'string' && typeof summary === 'string' && isBareArxivId(id)) {
      // Cleaned when a card uses them (extractPaper): most pages never save most papers.
      if (summary && !into.abstracts.has(id)) into.abstracts.set(id, summary);
      const names = authorNames(authors);
      if (names.length > 0 && !into.authors.has(id)) into.authors.set(id, names);
    }
    for (const value of Object.values(node)) {
      if (value !== null && typeof value === 'object') stack.push(value);
    }
  }
}

/** `authors: [{ name, hidden }]` as Hugging Face stores them; hidden authors are not shown. */
function authorNames(authors: unknown): string[] {
  if (!Array.isArray(authors)) return [];
  const names: string[] = [];
  for (const author of authors) {
    if (!isRecord(author) || author.hidden === true || typeof author.name !== 'string') continue;
    if (author.name) names.push(author.name);
  }
  return names;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function afterOr(
  anchor: Element | null,
  card: Element,
  fallback: MountPoint['position'],
): MountPoint {
  return anchor ? { anchor, position: 'after' } : { anchor: card, position: fallback };
}
