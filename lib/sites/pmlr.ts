/**
 * Proceedings of Machine Learning Research (https://proceedings.mlr.press): one static Jekyll site
 * per volume (github.com/mlresearch/v<N>, theme mlresearch/jekyll-theme), ICML, AISTATS, COLT,
 * UAI, CoRL, … . The volume page lists every paper with title, authors and links; no abstract.
 *
 * Page kind, and the card root: volume pages `/v<N>/` (and reissued volumes `/r<N>/`), one
 * `div.paper` per paper:
 *   <div class="paper">
 *     <p class="title">Title</p>
 *     <p class="details"><span class="authors">A B,&nbsp;C D</span>; <span class="info">Proceedings
 *       of …, PMLR 202:1-18</span></p>
 *     <p class="links">[<a href="https://proceedings.mlr.press/v202/aamand23a.html">abs</a>][<a
 *       href="https://proceedings.mlr.press/v202/aamand23a/aamand23a.pdf" …>Download PDF</a>]…</p>
 *   </div>
 * The links line may carry more, per volume and paper (the theme's `extractinfo_publication`:
 * `openreview`, `arxiv`, `doi`, `software`, `supplementary`, `video`).
 *
 * Identity, most stable first (lib/paper-id.ts order): an arXiv link → `arxiv:`, a DOI link →
 * `doi:`, an OpenReview forum link → `openreview:` (recent ICML volumes record the OpenReview id of
 * each paper). Most listings show none of these; the card is then keyed by PMLR's own permanent
 * key, a canonical id of the `pmlr` key scheme (lib/paper-id.ts KEY_SCHEMES, least preferred):
 * `pmlr:<volume>/<paper key>` (`pmlr:v202/aamand23a`), read from the abstract-page link.
 */
import type { ExtractedPaper } from '../paper';
import {
  canonicalArxivId,
  canonicalDoi,
  canonicalOpenReviewId,
  landingUrl,
  parseArxivId,
  parseDoi,
  parseOpenReviewId,
} from '../paper-id';
import { findCardsUnder } from './dom';
import { cleanText, readableText } from './text';
import { CardExtractionError, type SiteAdapter } from './types';

// Selectors, stable hooks first: the abstract-page and PDF hrefs (volume and paper key), links to
// other identities; the theme's class names (`paper`, `title`, `authors`, `links`), unchanged since
// the first volumes, for the card and its text.

const PAPER = {
  card: 'div.paper',
  /**
   * The paper key, alternatives in order:
   * - the abstract page `…/v202/aamand23a.html` (the "abs" link);
   * - the PDF `…/v202/aamand23a/aamand23a.pdf`, should the abs link be missing.
   */
  keyLinks: ['a[href$=".html"]', 'a[href$=".pdf"]'],
  title: 'p.title',
  /** One comma-separated string (`,&nbsp;` between names). */
  authors: '.authors',
  arxivLink: 'a[href*="arxiv.org/abs/"]',
  doiLink: 'a[href*="doi.org/10."]',
  openreviewLink: 'a[href*="openreview.net/forum?id="]',
} as const;

const HOST = 'proceedings.mlr.press';
/** Resolves relative hrefs; never fetched. */
const SITE = 'https://proceedings.mlr.press';
/** `/v202`, `/v202/`, `/r1/`. */
const VOLUME_PATH = /^\/[vr]\d{1,4}\/?$/;
/** `/v202/aamand23a.html`, `/v202/aamand23a/aamand23a.pdf`: volume and paper key. */
const PAPER_PATH = /^\/([vr]\d{1,4})\/([A-Za-z\d][A-Za-z\d_-]{0,79})(?:\.html|\/\2\.pdf)$/;

interface PmlrKey {
  volume: string;
  key: string;
}

/**
 * Example URLs of every page kind the adapter supports, for the URL matrix tests. Kept out of the
 * adapter object so that bundles leave them out.
 */
export const exampleUrls: readonly string[] = [
  'https://proceedings.mlr.press/v202/',
  'https://proceedings.mlr.press/v235/',
  'https://proceedings.mlr.press/v97',
];

/** PMLR volume pages. */
export const pmlrAdapter: SiteAdapter = {
  id: 'pmlr',
  name: 'Proceedings of Machine Learning Research',

  matches(url) {
    // The home page lists volumes; `/v202/aamand23a.html` is a single paper.
    return url.protocol === 'https:' && url.hostname === HOST && VOLUME_PATH.test(url.pathname);
  },

  findCards(root) {
    return findCardsUnder(root, PAPER.card, 'pmlr', (paper) => findKey(paper) !== undefined);
  },

  extractPaper(card, _pageData, options) {
    const key = findKey(card);
    if (!key) throw new CardExtractionError('pmlr', 'id', PAPER.keyLinks.join(' | '));
    const ids = findIds(card);
    const id = canonicalIdOf(ids) ?? keyId(key);
    const paper: ExtractedPaper = {
      id,
      title: requireTitle(card),
      authors: options?.authors === false ? [] : readAuthors(card),
      // Built from the id (the key's validated parts at worst); the page's href is never used.
      url: landingUrl(id) ?? abstractUrl(key),
      site: 'pmlr',
    };
    if (ids.arxivId) paper.arxivId = ids.arxivId;
    if (ids.doi) paper.doi = ids.doi;
    if (ids.openreviewId) paper.openreviewId = ids.openreviewId;
    return paper;
  },

  paperIdOf(card) {
    const key = findKey(card);
    return key ? (canonicalIdOf(findIds(card)) ?? keyId(key)) : undefined;
  },

  mountPoint(card) {
    // After the title paragraph, inside the paper.
    const title = card.querySelector(PAPER.title);
    return title ? { anchor: title, position: 'after' } : { anchor: card, position: 'prepend' };
  },
};

function findKey(paper: Element): PmlrKey | undefined {
  for (const selector of PAPER.keyLinks) {
    for (const link of paper.querySelectorAll(selector)) {
      const key = keyFromHref(link.getAttribute('href'));
      if (key) return key;
    }
  }
  return undefined;
}

function keyFromHref(href: string | null): PmlrKey | undefined {
  if (!href) return undefined;
  let url: URL;
  try {
    url = new URL(href, SITE);
  } catch {
    return undefined;
  }
  if (url.hostname !== HOST) return undefined;
  const match = PAPER_PATH.exec(url.pathname);
  return match?.[1] && match[2] ? { volume: match[1], key: match[2] } : undefined;
}

interface OtherIds {
  arxivId?: string;
  doi?: string;
  openreviewId?: string;
}

/** Ids of the canonical schemes that the paper's links show. */
function findIds(paper: Element): OtherIds {
  const ids: OtherIds = {};
  const arxiv = paper.querySelector(PAPER.arxivLink)?.getAttribute('href');
  const arxivId = arxiv ? parseArxivId(arxiv)?.arxivId : undefined;
  if (arxivId) ids.arxivId = arxivId;
  const doiHref = paper.querySelector(PAPER.doiLink)?.getAttribute('href');
  const doi = doiHref ? parseDoi(doiHref) : undefined;
  if (doi) ids.doi = doi;
  const forum = paper.querySelector(PAPER.openreviewLink)?.getAttribute('href');
  const openreviewId = forum ? parseOpenReviewId(forum) : undefined;
  if (openreviewId) ids.openreviewId = openreviewId;
  return ids;
}

/** The id of the most stable scheme shown (arXiv, then DOI, then OpenReview), if any. */
function canonicalIdOf(ids: OtherIds): string | undefined {
  if (ids.arxivId) return canonicalArxivId(ids.arxivId);
  if (ids.doi) return canonicalDoi(ids.doi);
  if (ids.openreviewId) return canonicalOpenReviewId(ids.openreviewId);
  return undefined;
}

function keyId({ volume, key }: PmlrKey): string {
  return `pmlr:${volume}/${key}`;
}

/** The abstract page, built from the key's parts (what `landingUrl` builds from the id). */
function abstractUrl({ volume, key }: PmlrKey): string {
  return `${SITE}/${volume}/${encodeURIComponent(key)}.html`;
}

function requireTitle(paper: Element): string {
  const element = paper.querySelector(PAPER.title);
  const title = element ? readableText(element) : '';
  if (!title) throw new CardExtractionError('pmlr', 'title', PAPER.title);
  return title;
}

function readAuthors(paper: Element): string[] {
  const element = paper.querySelector(PAPER.authors);
  if (!element) return [];
  return readableText(element)
    .split(',')
    .map((name) => cleanText(name))
    .filter((name) => name !== '');
}
