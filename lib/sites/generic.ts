/**
 * Generic mode: paper cards on any page, for the sites the user switched it on for (off by
 * default; options page, Sites). No markup is known in advance, so a card is recognised by shape:
 * a block of the page that repeats (at least MIN_GROUP siblings with the same tag and classes)
 * and holds a link to an arXiv paper (`arxiv.org/abs/ID`, `/pdf/ID`) or a DOI (`doi.org/10.…`,
 * a publisher's `/doi/10.…`) and a title-like text. Typical pages: a researcher's publication
 * list, a reading group's list, a course's reading list.
 *
 * Not cards: a lone paper link (no repetition), navigation (links inside `nav`, `header`,
 * `footer` and their ARIA roles are ignored), a block linking two different papers, a block
 * without a title (a bare list of ids).
 *
 * Identity: the arXiv id when the block links one (arXiv's own DOIs, `10.48550/arXiv.ID`, count
 * as the arXiv id), else the DOI; with both, the paper is `arxiv:…` and keeps its DOI, which links
 * it to a record saved from a DOI-only page. Authors are not read (no reliable markup).
 */
import type { ExtractedPaper } from '../paper';
import {
  canonicalArxivId,
  canonicalDoi,
  landingUrl,
  type ParsedArxivId,
  parseArxivId,
  parseDoi,
} from '../paper-id';
import { isElement } from './dom';
import { hasDedicatedAdapter } from './optional-sites';
import { readableText } from './text';
import { CardExtractionError, type MountPoint, type SiteAdapter } from './types';

// Selectors and limits. Only hrefs are hooks here: class names differ on every page.

/** Links that may point to a paper; each is parsed before it counts (see paperIdsOfLink). */
const PAPER_LINK = [
  'a[href*="arxiv.org/abs/"]',
  'a[href*="arxiv.org/pdf/"]',
  'a[href*="doi.org/10."]',
  // Publishers' DOI paths: ACM `/doi/10.1145/…`, Wiley and Taylor & Francis `/doi/abs/10.…`.
  'a[href*="/doi/"]',
].join(', ');
/** Page chrome: links here are menus, never cards. */
const CHROME = 'nav, header, footer, [role="navigation"], [role="banner"], [role="contentinfo"]';
/**
 * Where a block's title is, in order: headings; elements named as titles; then (in code) the
 * main link's text; then bold text (often the title in publication lists, sometimes the owner's
 * name, which the title-like test mostly rejects); then any other link's text.
 */
const TITLE_ELEMENTS = [
  'h1, h2, h3, h4, h5, h6',
  '.title, .paper-title, [itemprop="name"], [itemprop="headline"], cite',
] as const;
const BOLD = 'strong, b';
/** A repeated block needs at least this many siblings of its kind with paper links. */
export const MIN_GROUP = 3;
/** How far above a link its block may be. */
const MAX_DEPTH = 8;
/** Paper links looked at per scan (a page of 5,000 references is already extreme). */
const MAX_LINKS = 5000;
/** Link texts that name a link, not a paper. */
const LINK_LABEL =
  /^[[(]?\s*(?:arxiv|pdf|doi|abs|abstract|paper|preprint|code|github|bib|bibtex|slides|video|poster|html|link|project|website|publisher|journal|proceedings|full text|open access)(?:\s+\w+)?\s*[\])]?$/i;
/** arXiv registers DOIs for its papers: `10.48550/arXiv.2406.12345`. */
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;
const ARXIV_HOST = /^(?:www\.|export\.)?arxiv\.org$/;
const DOI_HOST = /^(?:dx\.)?doi\.org$/;
const PUBLISHER_DOI_PATH = /\/doi\/(?:abs\/|full\/|pdf\/|epdf\/|book\/)?(10\.\d{4,9}\/.+)$/;

/** The ids one link gives. */
interface LinkIds {
  arxiv?: ParsedArxivId;
  doi?: string;
}

/**
 * Example URLs of every page kind the adapter supports, for the URL matrix tests. Kept out of the
 * adapter object so that bundles leave them out.
 * Hand-made pages of the unit tests (tests/unit/sites-generic.test.ts) stand at these URLs.
 */
export const exampleUrls: readonly string[] = [
  'https://www.cs.example.edu/~lovelace/publications.html',
  'https://reading-group.example.org/2026/spring/',
];

/**
 * The generic adapter for `origins` (`https://host`): it claims pages of those origins only, and
 * never a host that has a dedicated adapter. With no origins it claims nothing (generic mode off).
 */
export function createGenericAdapter(origins: readonly string[] = []): SiteAdapter {
  const enabled = new Set(origins);
  return {
    id: 'generic',
    name: 'Generic mode',

    matches(url) {
      return (
        url.protocol === 'https:' && enabled.has(url.origin) && !hasDedicatedAdapter(url.hostname)
      );
    },

    findCards(root) {
      try {
        return findGenericCards(root);
      } catch (error) {
        // Never break the page: an unexpected root yields no cards.
        console.warn('[generic] findCards failed', error);
        return [];
      }
    },

    extractPaper(card) {
      const ids = readCardIds(card);
      if (!ids) throw new CardExtractionError('generic', 'id', PAPER_LINK);
      const title = findTitle(card, ids.mainLink);
      if (!title) throw new CardExtractionError('generic', 'title', TITLE_ELEMENTS.join(' | '));
      const id = ids.arxiv ? canonicalArxivId(ids.arxiv.arxivId) : canonicalDoi(ids.doi as string);
      const paper: ExtractedPaper = {
        id,
        title: title.text,
        authors: [],
        url: landingUrl(id) as string,
        site: 'generic',
      };
      if (ids.arxiv) paper.arxivId = ids.arxiv.arxivId;
      if (ids.arxiv?.version !== undefined) paper.version = ids.arxiv.version;
      if (ids.doi) paper.doi = ids.doi;
      return paper;
    },

    paperIdOf(card) {
      const ids = readCardIds(card);
      if (!ids) return undefined;
      return ids.arxiv ? canonicalArxivId(ids.arxiv.arxivId) : canonicalDoi(ids.doi as string);
    },

    mountPoint(card) {
      const ids = readCardIds(card);
      const title = ids ? findTitle(card, ids.mainLink) : undefined;
      if (title) {
        // Never inside a link (a click on our buttons would follow it).
        const link = title.element.closest('a');
        const anchor = link && card.contains(link) ? link : title.element;
        if (anchor !== card) return { anchor, position: 'after' };
      }
      return fallbackMount(card);
    },
  };
}

/** The adapter with generic mode off: it claims no page (the URL matrix's default). */
export const genericAdapter: SiteAdapter = createGenericAdapter();

/** The ids a link points to, or undefined when it is not a paper link. */
export function paperIdsOfLink(link: Element): LinkIds | undefined {
  const href = link.getAttribute('href');
  if (!href || href.length > 2048) return undefined;
  let url: URL;
  try {
    const base = link.ownerDocument?.baseURI;
    url = new URL(href, base && /^https?:/.test(base) ? base : undefined);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (ARXIV_HOST.test(url.hostname)) {
    if (!/^\/(?:abs|pdf)\//.test(url.pathname)) return undefined;
    const arxiv = parseArxivId(url.href);
    return arxiv ? { arxiv } : undefined;
  }
  let doi: string | undefined;
  if (DOI_HOST.test(url.hostname)) doi = parseDoi(url.pathname.slice(1));
  else {
    const path = PUBLISHER_DOI_PATH.exec(url.pathname)?.[1];
    doi = path ? parseDoi(path) : undefined;
  }
  if (!doi) return undefined;
  const arxivDoi = ARXIV_DOI.exec(doi)?.[1];
  const arxiv = arxivDoi ? parseArxivId(arxivDoi) : undefined;
  return arxiv ? { arxiv } : { doi };
}

/** The paper a block links: one arXiv id (and a DOI, when it links exactly one), or one DOI. */
function readCardIds(card: Element): (LinkIds & { mainLink: Element }) | undefined {
  const arxivIds = new Map<string, { parsed: ParsedArxivId; link: Element }>();
  const dois = new Map<string, Element>();
  let scanned = 0;
  for (const link of card.querySelectorAll(PAPER_LINK)) {
    if (++scanned > 50) break;
    const ids = paperIdsOfLink(link);
    const known = ids?.arxiv && arxivIds.get(ids.arxiv.arxivId);
    if (ids?.arxiv && !known) arxivIds.set(ids.arxiv.arxivId, { parsed: ids.arxiv, link });
    else if (known && (ids?.arxiv?.version ?? 0) > (known.parsed.version ?? 0)) {
      // `/abs/ID` and `/pdf/IDv2` in one block: the paper, in the version the page shows.
      known.parsed = { ...known.parsed, version: ids?.arxiv?.version as number };
    }
    if (ids?.doi && !dois.has(ids.doi)) dois.set(ids.doi, link);
  }
  if (arxivIds.size > 1) return undefined; // two papers in one block
  const [arxiv] = arxivIds.values();
  if (arxiv) {
    const [doi] = dois.size === 1 ? dois.keys() : [];
    return doi
      ? { arxiv: arxiv.parsed, doi, mainLink: arxiv.link }
      : { arxiv: arxiv.parsed, mainLink: arxiv.link };
  }
  const [only] = dois;
  if (dois.size !== 1 || !only) return undefined;
  return { doi: only[0], mainLink: only[1] };
}

/** A block's title: the first title-like text, looked for as TITLE_ELEMENTS says. */
function findTitle(
  card: Element,
  mainLink: Element,
): { text: string; element: Element } | undefined {
  for (const selector of TITLE_ELEMENTS) {
    const found = firstTitleLike(card.querySelectorAll(selector));
    if (found) return found;
  }
  const text = readableText(mainLink);
  if (isTitleLike(text)) return { text, element: mainLink };
  return (
    firstTitleLike(card.querySelectorAll(BOLD)) ?? firstTitleLike(card.querySelectorAll('a[href]'))
  );
}

function firstTitleLike(
  elements: Iterable<Element>,
): { text: string; element: Element } | undefined {
  let looked = 0;
  for (const element of elements) {
    if (++looked > 20) break;
    const text = readableText(element);
    if (isTitleLike(text)) return { text, element };
  }
  return undefined;
}

/**
 * Text that can be a paper title: letters, at least three words or 20 characters, at most 500,
 * and not a link label ("[PDF]", "arXiv"), an id or a URL.
 */
export function isTitleLike(text: string): boolean {
  if (text.length < 8 || text.length > 500 || !/\p{L}{2}/u.test(text)) return false;
  if (text.split(' ').length < 3 && text.length < 20) return false;
  if (LINK_LABEL.test(text) || /^(?:https?:\/\/|www\.)/i.test(text)) return false;
  return parseArxivId(text) === undefined && parseDoi(text) !== text.toLowerCase();
}

/** Tag and classes: blocks of one list share it (numbered and state classes are left out). */
function signature(element: Element): string {
  const classes = [...element.classList]
    .filter(
      (name) =>
        !/\d/.test(name) && !/^(?:odd|even|first|last|active|selected|open|hidden)$/.test(name),
    )
    .sort();
  return `${element.localName}.${classes.join('.')}`;
}

/** The cards under `root`, in document order. */
function findGenericCards(root: ParentNode): Element[] {
  const links: Element[] = [];
  for (const link of root.querySelectorAll(PAPER_LINK)) {
    if (links.length >= MAX_LINKS) break;
    if (!link.closest(CHROME) && paperIdsOfLink(link)) links.push(link);
  }
  if (links.length < MIN_GROUP) return [];
  // Every element that holds a paper link, up to MAX_DEPTH above it.
  const holders = new Set<Element>();
  for (const link of links) {
    let node = link.parentElement;
    for (let depth = 0; node && depth <= MAX_DEPTH; depth++, node = node.parentElement) {
      holders.add(node);
    }
  }
  // A block's group: the holders with its signature among its siblings and its cousins in
  // containers like its own (a publication list with one `ul` per year is one group), found
  // once per container and signature. It repeats when it has MIN_GROUP members and some
  // container holds two: one cell per row, or one paragraph per card, is part of a block, not one.
  const groups = new Map<Element, Map<string, Element[]>>();
  const repeats = new Map<Element[], boolean>();
  const isRepeated = (block: Element): boolean => {
    const members = groupOf(block);
    let known = repeats.get(members);
    if (known === undefined) {
      const perParent = new Map<Element | null, number>();
      for (const member of members) {
        perParent.set(member.parentElement, (perParent.get(member.parentElement) ?? 0) + 1);
      }
      known = members.length >= MIN_GROUP && Math.max(0, ...perParent.values()) >= 2;
      repeats.set(members, known);
    }
    return known;
  };
  const groupOf = (block: Element): Element[] => {
    const parent = block.parentElement as Element;
    const grandparent = parent.parentElement;
    const container = grandparent ?? parent;
    const key = `${grandparent ? signature(parent) : ''} > ${signature(block)}`;
    const byKey = groups.get(container) ?? new Map<string, Element[]>();
    groups.set(container, byKey);
    let members = byKey.get(key);
    if (!members) {
      members = [];
      const parents = grandparent
        ? [...grandparent.children].filter((each) => signature(each) === signature(parent))
        : [parent];
      const sig = signature(block);
      for (const each of parents) {
        for (let child = each.firstElementChild; child; child = child.nextElementSibling) {
          if (holders.has(child) && signature(child) === sig) members.push(child);
        }
      }
      byKey.set(key, members);
    }
    return members;
  };
  // Each link's block: its lowest ancestor that repeats among its siblings or cousins.
  const candidates: Element[] = [];
  const seen = new Set<Element>();
  for (const link of links) {
    let found: Element | undefined;
    let block = link.parentElement;
    for (let depth = 0; block && depth < MAX_DEPTH; depth++, block = block.parentElement) {
      const tag = block.localName;
      if (tag === 'body' || tag === 'html' || !block.parentElement) break;
      if (isRepeated(block)) {
        found = block;
        break;
      }
    }
    if (found && !seen.has(found)) {
      seen.add(found);
      candidates.push(found);
    }
  }
  // A block holding another block is a section, not a card.
  const cards = candidates.filter(
    (card) => !candidates.some((other) => other !== card && card.contains(other)),
  );
  // Keep the blocks that are cards (one paper, a title), in groups still big enough.
  const valid = new Set(
    cards.filter((card) => {
      const ids = readCardIds(card);
      return ids !== undefined && findTitle(card, ids.mainLink) !== undefined;
    }),
  );
  // groupOf returns one array per group, so it can key the count.
  const perGroup = new Map<Element[], number>();
  for (const card of valid) perGroup.set(groupOf(card), (perGroup.get(groupOf(card)) ?? 0) + 1);
  const inRoot = (card: Element) => !isElement(root) || root === card || root.contains(card);
  return [...valid].filter(
    (card) => (perGroup.get(groupOf(card)) ?? 0) >= MIN_GROUP && inRoot(card),
  );
}

function fallbackMount(card: Element): MountPoint {
  // A table row takes no element but cells: ours goes into its last cell.
  if (card.localName === 'tr') {
    const cell = card.lastElementChild;
    if (cell) return { anchor: cell, position: 'append' };
  }
  return { anchor: card, position: 'append' };
}
