/**
 * OpenReview (https://openreview.net), a Next.js single-page app (github.com/openreview/
 * openreview-web). Notes are rendered client-side, page by page and tab by tab, and replaced when
 * the reader pages, searches or switches tabs: cards come and go under any root, and the card
 * element a pass saw may be reused for another note.
 *
 * Page kinds (all render notes the same way; the card root is the note):
 * - Venue group pages `/group?id=<venue>` (`VenueHomepage`): tabs (`#tab-accept-oral`, …), each a
 *   `div.tab-pane` holding a `SubmissionsList`, i.e. `div.submissions-list > ul > li > div.note`.
 *   Notes show their content fields (TL;DR, abstract, keywords, …) in a collapsed "Show details"
 *   widget; collapsed content is in the DOM. The consoles tab (`li.note.invitation-link`, links to
 *   `/group?id=…`) and the activity tab (`li.note.note-activity`, reviews linking
 *   `/forum?id=F&noteId=N`) are not papers.
 * - Submissions lists `/submissions?venue=<venue>` (`app/submissions`): `ul.submissions-list >
 *   li > div.note`, titles and authors only.
 * - Legacy webfield markup (handlebars, before the React rewrite; still what many saved pages and
 *   scrapers show): `li.note[data-id]` with the same title, `div.note-authors` and a
 *   `div.note-contents-collapse > ul.note-content` of `li > strong + span` fields.
 * `/venue?id=<host>` lists a host's venues (links to `/submissions?venue=…`), never notes: not
 * claimed. Forum pages `/forum?id=…` show one paper with its discussion: not claimed either.
 *
 * A note (components/Note.js `NoteV2`, NoteTitle.js, NoteAuthors.js, NoteContent.js):
 *   <div class="note …"><h4><a href="/forum?id=ID">Title</a> <a class="pdf-link" …></a></h4>
 *   <div class="note-authors"><span><a href="/profile?id=~A_B1">A B</a>, <span>C D</span> …</span></div>
 *   <ul class="note-meta-info list-inline">…</ul>
 *   <div class="collapse-widget"><a …>Show details</a><div class="collapse"><div class="note-content">
 *     <div><strong class="note-content-field">Abstract:</strong> <span class="note-content-value">…</span></div>
 *   …</div></div></div></div>
 *
 * Identity: `openreview:<forum id>` from the title link; a note that is a reply (`noteId` ≠ `id`)
 * is not a paper. A note whose title row links an arXiv abstract (the `html` field, shown as
 * `a.html-link` when the venue enables it; rare) is `arxiv:…`, keeping `openreviewId`.
 */
import type { ExtractedPaper } from '../paper';
import {
  canonicalArxivId,
  canonicalOpenReviewId,
  landingUrl,
  parseArxivId,
  parseOpenReviewId,
} from '../paper-id';
import { findCardsUnder } from './dom';
import { readableText } from './text';
import { CardExtractionError, type SiteAdapter } from './types';

// Selectors, stable hooks first (the /forum?id= href, /profile hrefs, the content field labels);
// class names are OpenReview's own semantic ones, unchanged from the legacy webfield (2019) to
// the React app (2024–2026).

const NOTE = {
  /** `div.note` (React, 2021–), `li.note[data-id]` (legacy webfield). */
  card: '.note',
  /** The title link: `/forum?id=ID`, `&noteId=…` on replies, `&referrer=…` from some lists. */
  titleLink: 'h4 a[href*="forum?id="]',
  /** The note's website (`html` field) in the title row, only when the venue shows it. */
  htmlLink: 'h4 a.html-link[href]',
  /**
   * Authors, in order, one selector list:
   * - links to profiles (`/profile?id=~…` or `?email=…`, React and legacy) and to dblp;
   * - authors without a profile, plain `span`s inside `ExpandableList`'s wrapper `span`.
   * Skipped: the "et al. (N additional authors not shown)" toggle (`a.show-all`, no profile href)
   * and the privacy icon (a classed span).
   */
  authors: [
    '.note-authors a[href^="/profile?"]',
    '.note-authors a[href^="https://openreview.net/profile?"]',
    '.note-authors a[href^="https://dblp.org/"]',
    '.note-authors > span > span:not([class])',
  ].join(', '),
  /** Content field labels (`Abstract:`, `TL;DR:`), each followed by its value. */
  field: '.note-content-field',
  value: 'note-content-value',
} as const;

/** Field labels read as the abstract, in order of preference. */
const ABSTRACT_LABELS = ['abstract', 'tl;dr'];
const HOSTS = new Set(['openreview.net', 'www.openreview.net']);
/** Resolves root-relative hrefs (`/forum?id=…`); never fetched. */
const SITE = 'https://openreview.net';

/**
 * Example URLs of every page kind the adapter supports, for the URL matrix tests. Kept out of the
 * adapter object so that bundles leave them out.
 */
export const exampleUrls: readonly string[] = [
  'https://openreview.net/group?id=ICLR.cc/2024/Conference',
  'https://openreview.net/group?id=ICLR.cc/2024/Conference#tab-accept-oral',
  'https://openreview.net/group?id=NeurIPS.cc/2023/Conference#tab-accept-spotlight',
  'https://openreview.net/group?id=ICLR.cc/2020/Conference',
  'https://openreview.net/submissions?venue=ICLR.cc/2024/Conference',
];

/** OpenReview venue group pages (all tabs) and submissions lists. */
export const openreviewAdapter: SiteAdapter = {
  id: 'openreview',
  name: 'OpenReview',

  matches(url) {
    if (url.protocol !== 'https:' || !HOSTS.has(url.hostname)) return false;
    const path = url.pathname.replace(/\/$/, '');
    if (path === '/group') return hasParam(url, 'id');
    if (path === '/submissions') return hasParam(url, 'venue');
    return false;
  },

  findCards(root) {
    // Console links, replies and reviews are notes without a paper of their own.
    return findCardsUnder(root, NOTE.card, 'openreview', (note) => findForumId(note) !== undefined);
  },

  extractPaper(card, _pageData, options) {
    const forumId = findForumId(card);
    if (!forumId) throw new CardExtractionError('openreview', 'id', NOTE.titleLink);
    const arxivId = findArxivId(card);
    const id = arxivId ? canonicalArxivId(arxivId) : canonicalOpenReviewId(forumId);
    const paper: ExtractedPaper = {
      id,
      openreviewId: forumId,
      title: requireTitle(card),
      authors: options?.authors === false ? [] : readAuthors(card),
      url: landingUrl(id) as string,
      site: 'openreview',
    };
    if (arxivId) paper.arxivId = arxivId;
    const abstract = readAbstract(card);
    if (abstract) paper.abstract = abstract;
    return paper;
  },

  paperIdOf(card) {
    const forumId = findForumId(card);
    if (!forumId) return undefined;
    const arxivId = findArxivId(card);
    return arxivId ? canonicalArxivId(arxivId) : canonicalOpenReviewId(forumId);
  },

  mountPoint(card) {
    // After the title row, inside the note.
    const title = card.querySelector(NOTE.titleLink)?.closest('h4');
    return title && card.contains(title)
      ? { anchor: title, position: 'after' }
      : { anchor: card, position: 'prepend' };
  },
};

function hasParam(url: URL, name: string): boolean {
  return (url.searchParams.get(name) ?? '').trim() !== '';
}

/**
 * The forum id of the note's title link; undefined when there is none, or when the note is a
 * reply (`noteId` names another note of the forum: a review, a comment, a decision).
 */
function findForumId(note: Element): string | undefined {
  const link = note.querySelector(NOTE.titleLink);
  // The note's own title, not that of a note nested in it.
  const href = link?.closest(NOTE.card) === note ? link.getAttribute('href') : null;
  if (!href) return undefined;
  let url: URL;
  try {
    url = new URL(href, SITE);
  } catch {
    return undefined;
  }
  if (!HOSTS.has(url.hostname) || url.pathname !== '/forum') return undefined;
  const id = parseOpenReviewId(url.searchParams.get('id') ?? '');
  const noteId = url.searchParams.get('noteId');
  return id !== undefined && (noteId === null || noteId === id) ? id : undefined;
}

function findArxivId(note: Element): string | undefined {
  const href = note.querySelector(NOTE.htmlLink)?.getAttribute('href');
  return href ? parseArxivId(href)?.arxivId : undefined;
}

function requireTitle(note: Element): string {
  const link = note.querySelector(NOTE.titleLink);
  const title = link ? readableText(link) : '';
  if (!title) throw new CardExtractionError('openreview', 'title', NOTE.titleLink);
  return title;
}

function readAuthors(note: Element): string[] {
  const names: string[] = [];
  for (const element of note.querySelectorAll(NOTE.authors)) {
    // Institution superscripts (`<sup>1,2</sup>`) sit beside the link, never inside it.
    const name = readableText(element);
    if (name) names.push(name);
  }
  return names;
}

/** The Abstract field's value; the TL;DR when the note shows no abstract. */
function readAbstract(note: Element): string | undefined {
  const found = new Map<string, string>();
  for (const label of note.querySelectorAll(NOTE.field)) {
    const name = readableText(label).replace(/:$/, '').toLowerCase();
    if (!ABSTRACT_LABELS.includes(name) || found.has(name)) continue;
    // The value follows its label; a privacy icon may sit between them.
    for (let next = label.nextElementSibling; next; next = next.nextElementSibling) {
      if (!next.classList.contains(NOTE.value)) continue;
      const text = readableText(next);
      if (text) found.set(name, text);
      break;
    }
    if (found.has('abstract')) break;
  }
  return found.get('abstract') ?? found.get('tl;dr');
}
