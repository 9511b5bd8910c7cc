/**
 * ACL Anthology (https://aclanthology.org), a static Hugo site (github.com/acl-org/acl-anthology,
 * `hugo/layouts/`). Every listing renders the same paper row, so one card kind serves them all.
 *
 * Page kinds (all show the same rows; the card root is the row):
 * - Event pages `/events/<event>/` (`events/single.html`): one section per volume, each a volume
 *   heading (`h4 > a[href^="/volumes/"]`, not a card) followed by its rows.
 * - Volume pages `/volumes/<volume id>/` (`volumes/single.html`): the volume's details (its own
 *   DOI among them, which belongs to the volume, not to any paper) and then the rows.
 * - Author pages `/people/<slug>/` (also `/people/<slug>/unverified/` since the 2026 redesign, and
 *   the older `/people/<letter>/<slug>/`): rows grouped by year under `h4`, each row with one more
 *   line linking the paper's volume.
 *
 * A row (`papers/list-entry.html`, `partials/papers/list-entry-author.html`):
 *   <div class="d-sm-flex align-items-stretch mb-3">
 *     <div class="d-block me-2 list-button-row">pdf / bib / abs badges, award icons, videos</div>
 *     <span class="d-block"><strong><a class="align-middle" href="/2024.acl-long.1/">Title</a>
 *       </strong><br><a href="/people/…/">Author</a> | <a href="/people/…/">Author</a>
 *       [<br><a href="/volumes/…/" class="text-muted">Volume title</a>]</span>
 *   </div>
 *   <div class="card bg-light … collapse abstract-collapse" id="abstract-2024--acl-long--1">
 *     <div class="card-body p-3 small">Abstract</div></div>
 * The abstract is the row's next sibling, not a child: read from there (one sibling step).
 *
 * Identity: the Anthology id from the title link (`acl:2024.acl-long.1`, stable). A row that links
 * an arXiv abstract makes the paper `arxiv:…` (the most stable scheme, lib/paper-id.ts), keeping
 * `aclId`; a DOI link in the row is kept as `doi` (Anthology DOIs are `10.18653/v1/<id>`), set only
 * when the row shows one: listings normally do not (the paper page does).
 * Front matter (`<volume>.0`, old-style `X00-0000`) is listed like a paper but is the volume
 * itself: it is not a card.
 */
import type { ExtractedPaper } from '../paper';
import {
  canonicalAclId,
  canonicalArxivId,
  landingUrl,
  type ParsedArxivId,
  parseAclId,
  parseArxivId,
  parseDoi,
} from '../paper-id';
import { findCardsUnder } from './dom';
import { readableText } from './text';
import { CardExtractionError, type SiteAdapter } from './types';

// Selectors. Checked against the real author page of July 2026
// (tests/fixtures/acl/acl-anthology-author-page-2026-07.html) and the Hugo layouts above.

const ROW = {
  /**
   * The row. Presentational Bootstrap classes are all the row has; the title link (an href to an
   * Anthology id) is what makes a row a card. Alternatives, one selector list:
   * - `div.d-sm-flex.align-items-stretch`: the 2026 redesign (Bootstrap 5), every page kind;
   * - `p.d-sm-flex.align-items-stretch`: event and volume pages before it (Bootstrap 4).
   */
  card: '.d-sm-flex.align-items-stretch',
  /** `<strong><a class="align-middle" href="/2024.acl-long.1/">`: the id and the title. */
  titleLink: 'strong > a[href]',
  /** Author links, direct children of the title's block (award icons link `/people/…/awards`). */
  authorHref: /^(?:https:\/\/aclanthology\.org)?\/people\//,
  /** The row's own links to other identities; badges in the button row, or `urls` entries. */
  arxivLink: 'a[href*="arxiv.org/abs/"]',
  doiLink: 'a[href*="doi.org/10."]',
  /** The abstract: the row's next sibling, `div.abstract-collapse > .card-body`. */
  abstract: 'abstract-collapse',
  abstractBody: '.card-body',
} as const;

const HOSTS = new Set(['aclanthology.org', 'www.aclanthology.org']);
/** `/events/acl-2024/`, `/events/emnlp-2023/`, `/events/ws-2019/`. */
const EVENT_PATH = /^\/events\/[a-z\d][a-z\d-]*\/?$/;
/** `/volumes/2024.acl-long/`, `/volumes/2022.in2writing-1/`, `/volumes/W19-42/`, `/volumes/P19-1/`. */
const VOLUME_PATH = /^\/volumes\/(?:\d{4}\.[a-z\d]+-[a-z\d]+|[A-Z]\d{2}-\d{1,2})\/?$/;
/** `/people/andreas-madsack/`, `/people/andreas-madsack/unverified/`, `/people/a/andreas-madsack/`. */
const PEOPLE_PATH = /^\/people\/(?:[a-z]\/)?[a-z\d][a-z\d-]*(?:\/unverified)?\/?$/;
/** New-style front matter `2024.acl-long.0`; old-style `P19-1000` and workshops `W19-4200`. */
const FRONT_MATTER = /^(?:\d{4}\.[a-z\d]+-[a-z\d]+\.0|[A-VX-Z]\d{2}-\d000|W\d{2}-\d{2}00)$/;
/** Resolves root-relative hrefs (`/2024.acl-long.1/`); never fetched. */
const SITE = 'https://aclanthology.org';

/**
 * Example URLs of every page kind the adapter supports, for the URL matrix tests. Kept out of the
 * adapter object so that bundles leave them out.
 */
export const exampleUrls: readonly string[] = [
  'https://aclanthology.org/events/acl-2024/',
  'https://aclanthology.org/events/emnlp-2023/',
  'https://aclanthology.org/volumes/2024.acl-long/',
  'https://aclanthology.org/volumes/W19-42/',
  'https://aclanthology.org/people/andreas-madsack/',
  'https://aclanthology.org/people/andreas-madsack/unverified/',
  'https://aclanthology.org/people/a/andreas-madsack/',
];

/** ACL Anthology event, volume and author pages. */
export const aclAdapter: SiteAdapter = {
  id: 'acl',
  name: 'ACL Anthology',

  matches(url) {
    if (url.protocol !== 'https:' || !HOSTS.has(url.hostname)) return false;
    const path = url.pathname;
    // `/venues/acl/` lists volumes, `/faq/` and the home page list no papers.
    return EVENT_PATH.test(path) || VOLUME_PATH.test(path) || PEOPLE_PATH.test(path);
  },

  findCards(root) {
    // Volume headings share the classes' look, not the title link; front matter is no paper.
    return findCardsUnder(root, ROW.card, 'acl', (row) => {
      const id = findAclId(row);
      return id !== undefined && !FRONT_MATTER.test(id);
    });
  },

  extractPaper(card, _pageData, options) {
    const aclId = findAclId(card);
    if (!aclId) throw new CardExtractionError('acl', 'id', `${ROW.card} ${ROW.titleLink}`);
    const arxiv = findArxivId(card);
    const id = arxiv ? canonicalArxivId(arxiv.arxivId) : canonicalAclId(aclId);
    const paper: ExtractedPaper = {
      id,
      aclId,
      title: requireTitle(card),
      authors: options?.authors === false ? [] : readAuthors(card),
      url: landingUrl(id) as string,
      site: 'acl',
    };
    if (arxiv) paper.arxivId = arxiv.arxivId;
    const doi = findDoi(card);
    if (doi) paper.doi = doi;
    const abstract = readAbstract(card, aclId);
    if (abstract) paper.abstract = abstract;
    return paper;
  },

  paperIdOf(card) {
    const aclId = findAclId(card);
    if (!aclId) return undefined;
    const arxiv = findArxivId(card);
    return arxiv ? canonicalArxivId(arxiv.arxivId) : canonicalAclId(aclId);
  },

  mountPoint(card) {
    // After the title's <strong>, inside the row's title block.
    const strong = card.querySelector(ROW.titleLink)?.parentElement;
    return strong ? { anchor: strong, position: 'after' } : { anchor: card, position: 'append' };
  },
};

/** The Anthology id of the row's title link, or undefined. */
function findAclId(row: Element): string | undefined {
  const href = row.querySelector(ROW.titleLink)?.getAttribute('href');
  if (!href) return undefined;
  let url: URL;
  try {
    url = new URL(href, SITE);
  } catch {
    return undefined;
  }
  // `parseAclId` checks the host: `//evil.example/2024.acl-long.1/` is no Anthology link.
  return parseAclId(url.href);
}

function findArxivId(row: Element): ParsedArxivId | undefined {
  const href = row.querySelector(ROW.arxivLink)?.getAttribute('href');
  return href ? parseArxivId(href) : undefined;
}

function findDoi(row: Element): string | undefined {
  const href = row.querySelector(ROW.doiLink)?.getAttribute('href');
  return href ? parseDoi(href) : undefined;
}

function requireTitle(row: Element): string {
  const link = row.querySelector(ROW.titleLink);
  const title = link ? readableText(link) : '';
  if (!title) throw new CardExtractionError('acl', 'title', ROW.titleLink);
  return title;
}

/** The author links of the title's block, in order; separators (`|`) are text between them. */
function readAuthors(row: Element): string[] {
  const block = row.querySelector(ROW.titleLink)?.parentElement?.parentElement;
  const names: string[] = [];
  if (!block) return names;
  for (let child = block.firstElementChild; child; child = child.nextElementSibling) {
    if (child.localName !== 'a' || !ROW.authorHref.test(child.getAttribute('href') ?? '')) continue;
    const name = readableText(child);
    if (name) names.push(name);
  }
  return names;
}

/**
 * The abstract in the row's next sibling. Its id is `abstract-` + the Anthology id with dots as
 * `--`; a sibling with another id belongs to another row (never seen, but cheap to check).
 */
function readAbstract(row: Element, aclId: string): string | undefined {
  const next = row.nextElementSibling;
  if (!next?.classList.contains(ROW.abstract)) return undefined;
  const id = next.getAttribute('id');
  if (id && id !== `abstract-${aclId.replaceAll('.', '--')}`) return undefined;
  const body = next.querySelector(ROW.abstractBody) ?? next;
  return readableText(body) || undefined;
}
