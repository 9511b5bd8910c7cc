/**
 * Google Scholar (https://scholar.google.com and its country domains), results pages only.
 *
 * Page kinds, all served by `/scholar?…` and rendered on the server with the same result markup:
 * - search results `?q=…` (also `q=related:…`), "Cited by" lists `?cites=…`, "All N versions"
 *   lists `?cluster=…`. One result per paper. Card root: the result's outer `div.gs_r`.
 *
 * Two generations of that markup are supported:
 * - today's (since about 2017; the fixture follows results of December 2023):
 *   `div.gs_r.gs_or.gs_scl[data-cid][data-rp]` holding a full-text side
 *   block `div.gs_ggs` (`div.gs_or_ggsm > a`) and the body `div.gs_ri` (title `h3.gs_rt`, the
 *   authors/venue line `div.gs_a`, the snippet `div.gs_rs`, the links row `div.gs_fl.gs_flb`);
 * - 2016's: a bare `div.gs_r` (no `data-cid`) with the same `div.gs_ggs` and `div.gs_ri` inside
 *   (tests/fixtures/scholar/google-scholar-results-2016-05-14-q-learning-deep-architectures.html).
 * Other `div.gs_r` blocks on the page ("User profiles for …") have no `div.gs_ri`: not cards.
 *
 * Identity. Scholar's own ids (`data-cid`, cluster numbers) are not paper ids. A card is a paper
 * BiasLens can name when one of its links reveals a stable id: an arXiv abs/pdf link, a doi.org
 * link, a publisher URL with the DOI in its path (PUBLISHER_DOI_URLS), an ACL Anthology link or an
 * OpenReview link; precedence arXiv > DOI > ACL > OpenReview (lib/paper-id.ts ID_SCHEMES), and
 * every revealed id is kept. Many results link only a landing page (IEEE Xplore, ScienceDirect,
 * PMLR, NeurIPS, a personal PDF): those have no stable id. `findCards` still returns them (they
 * are complete rows, and finding them must stay a cheap class lookup), and `extractPaper` throws
 * `CardExtractionError` for field `id`, which the annotator logs once and skips.
 *
 * Abstract. Scholar shows a snippet (`div.gs_rs`): a fragment of the abstract or of the full text
 * around the query terms, often cut with "…". It is returned as `abstract` as shown, because the
 * topic classifier reads it like an abstract; it is seldom the whole abstract.
 *
 * Authors. `div.gs_a` reads "A Author, B Author… - Venue, Year - publisher": the part before the
 * first " - " split on commas, without the "…" Scholar adds when it cuts the list. Names are as
 * Scholar shows them (initials and surname); some are links to Scholar profiles, most are not.
 */
import type { ExtractedPaper } from '../paper';
import { landingUrl, parseDoi } from '../paper-id';
import { findCardsUnder } from './dom';
import {
  addIdsFromUrl,
  canonicalIdOf,
  doiOfDoiOrgUrl,
  type LinkIds,
  resolveHref,
} from './link-ids';
import { readableText } from './text';
import { CardExtractionError, type SiteAdapter } from './types';

// Selectors. Scholar has no data-* hooks on the fields, only its short `gs_*` class names, which
// have not changed in years (the 2016 fixture and results of 2023 agree on all of them).

const RESULT = {
  /** Every result's outer element; the 2016 markup has no other hook than this class. */
  card: 'div.gs_r',
  /**
   * What makes a `div.gs_r` a result, either of:
   * - `data-cid` (today's markup, the result's cluster id);
   * - a `div.gs_ri` body child (2016 markup, and today's as well).
   */
  cid: 'data-cid',
  body: 'div.gs_ri',
  /** Required: the title line. A link (`a[href]`) except for [CITATION] entries (`span[id]`). */
  title: 'h3.gs_rt',
  /** The type labels inside the title: "[PDF]", "[HTML]", "[CITATION]"/"[C]", "[BOOK]"/"[B]". */
  titleLabels: '.gs_ctc, .gs_ctu, .gs_ct1, .gs_ct2',
  /** Id sources, in order: the title link, then the full-text links of the side block. */
  titleLink: 'h3.gs_rt a[href]',
  /** Today `div.gs_ggs > div.gs_ggsd > div.gs_or_ggsm > a`; 2016 `div.gs_ggs > div.gs_md_wp > a`. */
  fullTextLinks: 'div.gs_ggs a[href]',
  /** Optional: "Authors - Venue, Year - publisher". Missing on some patents and court cases. */
  authorsLine: 'div.gs_a',
  /** Optional: the snippet; empty on [CITATION] entries. */
  snippet: 'div.gs_rs',
} as const;

/** "[PDF] ", "[CITATION][C] " left in a title whose label spans lost their classes. */
const TITLE_LABEL_TEXT = /^(?:\[(?:PDF|HTML|DOC|PS|CITATION|C|BOOK|B)\]\s*)+/;
/** Scholar cuts author lists and venues with U+2026; older pages used three dots. */
const ELLIPSIS = /…|\.\.\./g;

/**
 * Publisher URLs whose path (or one query parameter) holds the DOI, by host. Only hosts known to
 * do so are read: a DOI-looking string in any other URL (a query, a tracking parameter) is not
 * trusted. IEEE Xplore, ScienceDirect and Nature use their own article numbers: no DOI in the URL.
 */
const PUBLISHER_DOI_URLS: ReadonlyArray<{ host: RegExp; path: RegExp; param?: string }> = [
  // Atypon Literatum sites: /doi/ID, /doi/abs/ID, /doi/full/ID, /doi/pdf/ID, /doi/epdf/ID, …
  // (Wiley journals also live on society subdomains: wires.onlinelibrary.wiley.com, …)
  {
    host: /^(?:dl\.acm\.org|(?:[a-z\d-]+\.)?onlinelibrary\.wiley\.com|journals\.sagepub\.com|www\.tandfonline\.com|pubs\.acs\.org|www\.science\.org|www\.pnas\.org|epubs\.siam\.org|pubsonline\.informs\.org|www\.annualreviews\.org)$/,
    path: /^\/doi\/(?:(?:abs|full|pdf|epdf|pdfdirect|fullHtml|book|reader)\/)?(10\.\d{4,9}\/.+)$/,
  },
  // Springer: /article/ID, /chapter/ID, /book/ID, and the PDF /content/pdf/ID.pdf.
  {
    host: /^link\.springer\.com$/,
    path: /^\/(?:article|chapter|book|referenceworkentry|protocol)\/(10\.\d{4,9}\/.+)$/,
  },
  { host: /^link\.springer\.com$/, path: /^\/content\/pdf\/(10\.\d{4,9}\/.+)\.pdf$/ },
  // BioMed Central and SpringerOpen journals (telrp.springeropen.com/articles/10.1186/…).
  {
    host: /^[a-z\d-]+\.(?:biomedcentral|springeropen)\.com$/,
    path: /^\/articles\/(10\.\d{4,9}\/[^/]+)$/,
  },
  // Frontiers: /articles/ID, /articles/ID/full, /articles/ID/pdf.
  {
    host: /^www\.frontiersin\.org$/,
    path: /^\/articles\/(10\.\d{4,9}\/[^/]+)(?:\/(?:full|pdf|abstract))?$/,
  },
  // IOPscience: /article/ID, /article/ID/pdf, /article/ID/meta.
  {
    host: /^iopscience\.iop\.org$/,
    path: /^\/article\/(10\.\d{4,9}\/.+?)(?:\/(?:pdf|meta))?$/,
  },
  // PLOS: /plosone/article?id=ID (also /article/file?id=ID for the PDF).
  { host: /^journals\.plos\.org$/, path: /^\/[a-z]+\/article(?:\/file)?$/, param: 'id' },
];

/** doi.org resolvers, old and new. */

/** `scholar.google.com`, `scholar.google.de`, `scholar.google.co.jp`, `scholar.google.com.hk`. */
const HOST = /^scholar\.google\.(?:com|[a-z]{2}|com?\.[a-z]{2})$/;
/** Parameters that make `/scholar` a results list: a query, a "Cited by" or a versions cluster. */
const LIST_PARAMS = ['q', 'cites', 'cluster'] as const;
/** Relative links on a Scholar page are Scholar links (resolved only to read their host). */
const PAGE_BASE = 'https://scholar.google.com/';

/**
 * Example URLs of every page kind the adapter supports, for the URL matrix tests. Kept out of the
 * adapter object so that bundles leave them out.
 * scholar.google.com only: the country domains (matched too) are outside the site's permission.
 */
export const exampleUrls: readonly string[] = [
  'https://scholar.google.com/scholar?hl=en&as_sdt=0%2C5&q=dataset+bias+machine+learning',
  'https://scholar.google.com/scholar?q=related:pYyS8T9g_kkJ:scholar.google.com/&hl=en&as_sdt=0,5',
  'https://scholar.google.com/scholar?cites=5331804836605365413&as_sdt=2005&sciodt=0,5&hl=en',
  'https://scholar.google.com/scholar?cluster=5331804836605365413&hl=en&as_sdt=0,5',
  'https://scholar.google.com/scholar?start=10&q=algorithmic+fairness&hl=en&as_sdt=0,5',
];

/** Google Scholar results: search, "Cited by" and "All versions" lists. */
export const scholarAdapter: SiteAdapter = {
  id: 'scholar',
  name: 'Google Scholar',

  matches(url) {
    if (url.protocol !== 'https:' || !HOST.test(url.hostname)) return false;
    if (url.pathname !== '/scholar') return false;
    // `output=cite` (the citation popup) and the like answer a list URL with no results.
    if (url.searchParams.has('output')) return false;
    return LIST_PARAMS.some((name) => (url.searchParams.get(name) ?? '').trim() !== '');
  },

  findCards(root) {
    return findCardsUnder(
      root,
      RESULT.card,
      'scholar',
      (card) => isResult(card) && card.querySelector(RESULT.title) !== null,
    );
  },

  extractPaper(card, _pageData, options) {
    if (!card.matches(RESULT.card) || !isResult(card)) {
      throw new CardExtractionError('scholar', 'card', `${RESULT.card}[${RESULT.cid}]`);
    }
    const ids = readIds(card);
    const id = canonicalIdOf(ids);
    const url = id === undefined ? undefined : landingUrl(id);
    if (id === undefined || url === undefined) {
      throw new CardExtractionError(
        'scholar',
        'id',
        `${RESULT.titleLink} | ${RESULT.fullTextLinks} (arXiv, DOI, ACL or OpenReview link)`,
      );
    }
    const paper: ExtractedPaper = {
      id,
      ...ids,
      title: requireTitle(card),
      authors: options?.authors === false ? [] : readAuthors(card),
      url,
      site: 'scholar',
    };
    const snippet = card.querySelector(RESULT.snippet);
    const abstract = snippet ? readableText(snippet) : '';
    if (abstract) paper.abstract = abstract;
    return paper;
  },

  paperIdOf(card) {
    if (!card.matches(RESULT.card) || !isResult(card)) return undefined;
    return canonicalIdOf(readIds(card));
  },

  mountPoint(card) {
    // Inside the card (in the body, under the title), so the annotator sees the card contain it.
    const title = card.querySelector(RESULT.title);
    return title ? { anchor: title, position: 'after' } : { anchor: card, position: 'append' };
  },
};

/** A `div.gs_r` that is a result: today's `data-cid`, or a `div.gs_ri` body child (2016). */
function isResult(card: Element): boolean {
  if (card.hasAttribute(RESULT.cid)) return true;
  for (let child = card.firstElementChild; child; child = child.nextElementSibling) {
    if (child.matches(RESULT.body)) return true;
  }
  return false;
}

function requireTitle(card: Element): string {
  const element = card.querySelector(RESULT.title);
  const title = element
    ? readableText(element, RESULT.titleLabels).replace(TITLE_LABEL_TEXT, '')
    : '';
  if (!title) throw new CardExtractionError('scholar', 'title', RESULT.title);
  return title;
}

/** Authors from "A Author, B Author… - Venue, Year - publisher"; [] when the line is missing. */
function readAuthors(card: Element): string[] {
  const line = card.querySelector(RESULT.authorsLine);
  if (!line) return [];
  // cleanText turned the no-break space Scholar puts before the dash into a plain space.
  const text = readableText(line);
  const separator = text.indexOf(' - ');
  const authorsPart = separator === -1 ? text : text.slice(0, separator);
  const names: string[] = [];
  for (const part of authorsPart.split(',')) {
    const name = part.replace(ELLIPSIS, '').trim();
    // A year or a bare venue where the author list is missing ("2019 - example.org") is no name.
    if (name && !/\d/.test(name)) names.push(name);
  }
  return names;
}

/** The ids the title link and the full-text links reveal, title link first. */
function readIds(card: Element): LinkIds {
  const ids: LinkIds = {};
  const title = card.querySelector(RESULT.titleLink);
  if (title) addIdsFromHref(title.getAttribute('href'), ids, 0);
  for (const link of card.querySelectorAll(RESULT.fullTextLinks)) {
    addIdsFromHref(link.getAttribute('href'), ids, 0);
  }
  return ids;
}

/** Adds the ids one link reveals to `ids`, keeping ids already found. */
function addIdsFromHref(href: string | null, ids: LinkIds, depth: number): void {
  const url = resolveHref(href, PAGE_BASE);
  if (!url) return;
  // Scholar's click-through redirect `/scholar_url?url=<target>` (signed-in users, some results).
  if (HOST.test(url.hostname) && url.pathname === '/scholar_url' && depth === 0) {
    addIdsFromHref(url.searchParams.get('url'), ids, depth + 1);
    return;
  }
  addIdsFromUrl(url, ids, doiOfUrl);
}

/** The DOI of a doi.org link or of a publisher URL listed in PUBLISHER_DOI_URLS. */
function doiOfUrl(url: URL): string | undefined {
  const fromDoiOrg = doiOfDoiOrgUrl(url);
  if (fromDoiOrg) return fromDoiOrg;
  for (const { host, path, param } of PUBLISHER_DOI_URLS) {
    if (!host.test(url.hostname)) continue;
    const match = path.exec(url.pathname);
    if (!match) continue;
    const raw = param === undefined ? match[1] : url.searchParams.get(param);
    const doi = raw ? parseDoi(raw) : undefined;
    if (doi) return doi;
  }
  return undefined;
}
