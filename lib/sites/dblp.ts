/**
 * dblp (https://dblp.org and its mirrors dblp.uni-trier.de and dblp.dagstuhl.de).
 *
 * Page kinds, all rendered on the server with the same entry markup (https://dblp.org/faq/):
 * - search results `/search?q=…` and `/search/publ?q=…`: the publication matches are a
 *   `ul.publ-list` (author and venue matches, listed above it, are no cards);
 * - person pages `/pid/<pid>.html` (also without `.html`): the bibliography, one `ul.publ-list`
 *   with `li.year` headings between the entries;
 * - tables of contents `/db/conf/<venue>/<volume>.html`, `/db/journals/<venue>/<volume>.html`.
 * One `li.entry` per publication, its `id` the dblp key (`journals/corr/abs-2406-12345`,
 * `conf/fat/BenderGMS21`). Card root: the `li`.
 *
 * Entry anatomy: `nav.publ` (drop-downs; the first, "view", lists the electronic editions as
 * `li.ee > a`), then `cite.data` holding `span[itemprop=author]` (each with a
 * `span[itemprop=name]`), `span.title` (dblp ends every title with "."), and the venue.
 *
 * Identity, in order of precedence (lib/paper-id.ts ID_SCHEMES), every revealed id kept:
 * - arXiv: an `arxiv.org` edition link; a `10.48550/arXiv.<id>` DOI (how dblp links CoRR entries
 *   since 2022); or the key of a CoRR entry, `journals/corr/abs-YYMM-NNNNN` ↔ `YYMM.NNNNN`
 *   (dblp's scheme since 2007; 2015–2018 CoRR entries have author-based keys and an arXiv link);
 * - DOI: a doi.org edition link;
 * - ACL Anthology id: an aclanthology.org edition link;
 * - OpenReview id: an openreview.net edition link (ICLR and TMLR entries).
 * An entry with none of these (a PMLR or NeurIPS proceedings link only) is returned by
 * `findCards` and refused by `extractPaper` with `CardExtractionError` for field `id`.
 * Proceedings volumes and other editorships (`li.entry.editor`) and research data
 * (`li.entry.data`) are not papers: no cards.
 *
 * dblp shows no abstracts. Authors keep their full names; dblp's homonym numbers ("Xue Li 0024")
 * are dropped.
 */
import type { ExtractedPaper } from '../paper';
import { landingUrl, parseArxivId } from '../paper-id';
import { findCardsUnder } from './dom';
import { addIdsFromUrl, canonicalIdOf, type LinkIds, resolveHref } from './link-ids';
import { readableText } from './text';
import { CardExtractionError, type SiteAdapter } from './types';

// Selectors. dblp documents its markup through schema.org microdata (itemprop) and keeps its class
// names stable across page kinds and years (a 2014 page and scrapers of 2020s pages agree on them).

const ENTRY = {
  /** One publication. Editorships (`editor`) and research data (`data`) are left out. */
  card: 'li.entry:not(.editor):not(.data)',
  /** The dblp key, e.g. `journals/corr/abs-2406-12345`: the `id` attribute of the `li`. */
  keyAttribute: 'id',
  /** Required: the citation block, and the title in it. */
  cite: 'cite',
  title: 'cite span.title',
  /** Optional: author names (the page's own person is a `span.this-person`, not a link). */
  authors: 'cite [itemprop="author"] [itemprop="name"]',
  /**
   * Id sources: the electronic editions of the "view" drop-down, then the drop-down heads (the
   * first head links the primary edition; other heads link dblp's own export and share pages).
   */
  editionLinks: ['nav.publ li.ee a[href]', 'nav.publ div.head a[href]'],
} as const;

/** CoRR keys of new-style arXiv ids: `journals/corr/abs-2406-12345` ↔ `2406.12345`. */
const CORR_KEY = /^journals\/corr\/abs-(\d{4})-(\d{4,5})$/;
/** doi.org resolvers, old and new. */
/** dblp's homonym number after a name: "Xue Li 0024". */
const HOMONYM_NUMBER = /\s\d{4}$/;

const HOSTS = new Set(['dblp.org', 'dblp.uni-trier.de', 'dblp.dagstuhl.de']);
/** `/search?q=…` (everything) and `/search/publ?q=…` (publications only). */
const SEARCH_PATH = /^\/search(?:\/publ)?\/?$/;
/** `/pid/56/953.html`, `/pid/181/2710-24`, `/pid/k/DonaldEKnuth.html`; not `.bib`, `.xml`, `.rss`. */
const PID_PATH = /^\/pid\/[a-z\d]+\/[A-Za-z\d_-]+(?:\.html)?$/;
/** `/db/conf/icml/icml2019.html`, `/db/journals/corr/corr2406.html`; not the venue `index.html`. */
const TOC_PATH = /^\/db\/(?:conf|journals)\/[a-z\d_-]+\/(?!index\.html$)[A-Za-z\d_-]+\.html$/;
/** Relative links on a dblp page are dblp links (resolved only to read their host). */
const PAGE_BASE = 'https://dblp.org/';

/**
 * Example URLs of every page kind the adapter supports, for the URL matrix tests. Kept out of the
 * adapter object so that bundles leave them out.
 */
export const exampleUrls: readonly string[] = [
  'https://dblp.org/search?q=dataset+bias',
  'https://dblp.org/search/publ?q=fairness%20machine%20learning',
  'https://dblp.org/pid/56/953.html',
  'https://dblp.org/pid/181/2710-24',
  'https://dblp.org/db/conf/icml/icml2019.html',
  'https://dblp.org/db/journals/corr/corr2406.html',
  'https://dblp.uni-trier.de/pid/56/953.html',
];

/** dblp search results, person pages and tables of contents. */
export const dblpAdapter: SiteAdapter = {
  id: 'dblp',
  name: 'dblp',

  matches(url) {
    if (url.protocol !== 'https:' || !HOSTS.has(url.hostname)) return false;
    const path = url.pathname;
    if (SEARCH_PATH.test(path)) return (url.searchParams.get('q') ?? '').trim() !== '';
    return PID_PATH.test(path) || TOC_PATH.test(path);
  },

  findCards(root) {
    // An entry without a title is incomplete (dblp never renders one; a page script might).
    return findCardsUnder(
      root,
      ENTRY.card,
      'dblp',
      (card) => card.querySelector(ENTRY.title) !== null,
    );
  },

  extractPaper(card, _pageData, options) {
    if (!card.matches(ENTRY.card)) throw new CardExtractionError('dblp', 'card', ENTRY.card);
    const ids = readIds(card);
    const id = canonicalIdOf(ids);
    const url = id === undefined ? undefined : landingUrl(id);
    if (id === undefined || url === undefined) {
      throw new CardExtractionError(
        'dblp',
        'id',
        `${ENTRY.editionLinks.join(' | ')} (arXiv, DOI, ACL or OpenReview) | li[id^="journals/corr/abs-"]`,
      );
    }
    return {
      id,
      ...ids,
      title: requireTitle(card),
      authors: options?.authors === false ? [] : readAuthors(card),
      url,
      site: 'dblp',
    } satisfies ExtractedPaper;
  },

  paperIdOf(card) {
    return card.matches(ENTRY.card) ? canonicalIdOf(readIds(card)) : undefined;
  },

  mountPoint(card) {
    // After the citation (authors, title, venue), inside the entry.
    const cite = card.querySelector(ENTRY.cite);
    return cite ? { anchor: cite, position: 'after' } : { anchor: card, position: 'append' };
  },
};

function requireTitle(card: Element): string {
  const element = card.querySelector(ENTRY.title);
  // dblp closes every title with a period of its own ("Datasheets for Datasets.").
  const title = element ? readableText(element).replace(/\.$/, '') : '';
  if (!title) throw new CardExtractionError('dblp', 'title', ENTRY.title);
  return title;
}

function readAuthors(card: Element): string[] {
  const names: string[] = [];
  for (const element of card.querySelectorAll(ENTRY.authors)) {
    const name = readableText(element).replace(HOMONYM_NUMBER, '');
    if (name) names.push(name);
  }
  return names;
}

/** The ids of the entry's edition links, then the arXiv id its CoRR key encodes. */
function readIds(card: Element): LinkIds {
  const ids: LinkIds = {};
  for (const selector of ENTRY.editionLinks) {
    for (const link of card.querySelectorAll(selector))
      addIdsFromLink(link.getAttribute('href'), ids);
  }
  if (ids.arxivId === undefined) {
    const key = CORR_KEY.exec(card.getAttribute(ENTRY.keyAttribute) ?? '');
    const fromKey = key ? parseArxivId(`${key[1]}.${key[2]}`) : undefined;
    if (fromKey) ids.arxivId = fromKey.arxivId;
  }
  return ids;
}

/** Adds the ids one link reveals to `ids`, keeping ids already found. */
function addIdsFromLink(href: string | null, ids: LinkIds): void {
  const url = resolveHref(href, PAGE_BASE);
  if (url) addIdsFromUrl(url, ids);
}
