/**
 * Canonical paper ids. Every site shows arXiv papers, so the arXiv id is the key: a paper is
 * `arxiv:<bare id>` (no version) wherever it was seen, and the version is kept as data.
 *
 * arXiv id schemes (https://info.arxiv.org/help/arxiv_identifier.html):
 * - new style since April 2007: `YYMM.NNNN` (to 1412), `YYMM.NNNNN` (from 1501), e.g. `0704.0001`,
 *   `2406.12345`;
 * - old style before that: `archive[.SC]/YYMMNNN`, e.g. `hep-th/9901001`, `math.GT/0309136`
 *   (the archive is lowercase, the optional subject class two capitals);
 * - either may carry a version suffix `vN`.
 */

/** An arXiv id as read from a page: the bare id plus the version the page showed, if any. */
export interface ParsedArxivId {
  /** Bare id without version, e.g. `2406.12345` or `hep-th/9901001`. */
  arxivId: string;
  /** `3` for `2406.12345v3`; absent when the page showed no version. */
  version?: number;
}

// Month 01–12; new-style numbers have 4 digits up to 1412 and 5 from 1501 (checked in code).
const NEW_STYLE = String.raw`\d{2}(?:0[1-9]|1[0-2])\.\d{4,5}`;
// `hep-th`, `cond-mat`, `math.GT`; YYMM then a 3-digit number.
const OLD_STYLE = String.raw`[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{2}(?:0[1-9]|1[0-2])\d{3}`;
// Versions start at 1; the message schema (lib/messages.ts) caps them below 1000.
const VERSION = String.raw`(?:v([1-9]\d{0,2}))?`;
const ID_GROUP = `(${NEW_STYLE}|${OLD_STYLE})${VERSION}`;

/** A bare id with optional version, nothing around it. */
const BARE_ID = new RegExp(`^${ID_GROUP}$`);
/** The path of a page about one paper: arXiv abs/pdf/html/format pages, Hugging Face paper pages. */
const PAPER_PATH = new RegExp(`^/(?:abs|pdf|html|format|papers)/${ID_GROUP}(?:\\.pdf)?/?$`);
/** Written before an id in citations and on listings (`arXiv:2406.12345`); any case. */
const ARXIV_PREFIX = /^arxiv:\s*/i;
/** Hosts whose paper links we read ids from; anything else is not a paper link. */
const PAPER_HOSTS = /^(?:(?:www\.|export\.)?arxiv\.org|(?:www\.)?huggingface\.co)$/;
// Used only to resolve root-relative paths such as `/abs/ID`; never fetched.
const PATH_BASE = 'https://arxiv.org';
/** Longer input is not an id or a paper URL (and is not worth a regex). */
const MAX_INPUT_LENGTH = 2048;

/**
 * Reads an arXiv id from a bare id (`2406.12345v3`, `hep-th/9901001`), an `arXiv:` citation, or
 * a paper URL or root-relative path (`/abs/ID`, `https://arxiv.org/pdf/IDv1`, `/papers/ID`).
 * Returns undefined for anything else.
 */
export function parseArxivId(raw: string): ParsedArxivId | undefined {
  if (typeof raw !== 'string') return undefined;
  const input = raw.trim();
  if (input === '' || input.length > MAX_INPUT_LENGTH) return undefined;

  const id = parseIdText(input);
  if (id) return id;

  // Only absolute http(s) URLs and root-relative paths; `abs/ID` or `2406.12345.pdf` are junk.
  if (!input.startsWith('/') && !/^https?:\/\//i.test(input)) return undefined;
  let url: URL;
  try {
    url = new URL(input, PATH_BASE);
  } catch {
    return undefined;
  }
  // `//evil.example/abs/ID` resolves to another host and is rejected here.
  if (!PAPER_HOSTS.test(url.hostname)) return undefined;
  const path = PAPER_PATH.exec(url.pathname);
  return path ? toParsed(path) : undefined;
}

/** A bare id, optionally versioned and `arXiv:`-prefixed; no URLs. */
function parseIdText(input: string): ParsedArxivId | undefined {
  const match = BARE_ID.exec(input.replace(ARXIV_PREFIX, ''));
  return match ? toParsed(match) : undefined;
}

function toParsed(match: RegExpExecArray): ParsedArxivId | undefined {
  const arxivId = match[1];
  if (arxivId === undefined || !hasPlausibleNumberWidth(arxivId)) return undefined;
  const version = match[2];
  return version === undefined ? { arxivId } : { arxivId, version: Number(version) };
}

/** New-style numbers grew from 4 to 5 digits in January 2015; old-style ids have no such rule. */
function hasPlausibleNumberWidth(arxivId: string): boolean {
  const dot = arxivId.indexOf('.');
  if (arxivId.includes('/') || dot !== 4) return true;
  const yymm = Number(arxivId.slice(0, 4));
  const digits = arxivId.length - dot - 1;
  if (yymm < 704) return false; // new-style ids start with 0704
  return yymm < 1501 ? digits === 4 : digits === 5;
}

/** True when `value` is a bare arXiv id: no prefix, no version, nothing around it. */
export function isBareArxivId(value: string): boolean {
  return typeof value === 'string' && parseIdText(value)?.arxivId === value;
}

/**
 * The canonical paper id for an arXiv id: `arxiv:` + bare id (`arxiv:2406.12345`). A version or
 * `arXiv:` prefix on the input is dropped; URLs are not accepted (use `parseArxivId` first).
 * Throws on a string that is not an arXiv id, so a bad id can never become a record key.
 */
export function canonicalArxivId(arxivId: string): string {
  return `arxiv:${requireBareId(arxivId)}`;
}

/** The bare arXiv id of a canonical id (`arxiv:2406.12345` → `2406.12345`), or undefined. */
export function parseCanonicalId(id: string): string | undefined {
  if (typeof id !== 'string' || !id.startsWith('arxiv:')) return undefined;
  const bare = id.slice('arxiv:'.length);
  return isBareArxivId(bare) ? bare : undefined;
}

/** The paper's pages, built from its id (never taken from a page). Throws on a non-id. */
export function arxivUrls(arxivId: string): { abs: string; pdf: string; huggingface: string } {
  // Old-style ids keep their slash (`/abs/hep-th/9901001`); Hugging Face only has new-style
  // papers, so its URL for an old-style id is well-formed but leads nowhere.
  const path = requireBareId(arxivId).split('/').map(encodeURIComponent).join('/');
  return {
    abs: `https://arxiv.org/abs/${path}`,
    pdf: `https://arxiv.org/pdf/${path}`,
    huggingface: `https://huggingface.co/papers/${path}`,
  };
}

/**
 * The pages of the paper with canonical id `id` (`arxiv:2406.12345`), built from the id alone, or
 * undefined when `id` is not a canonical id. Every link BiasLens renders or exports comes from
 * here: never from a URL a page, a message or an imported file supplied.
 */
export function paperLinks(
  id: string,
): { abs: string; pdf: string; huggingface: string } | undefined {
  const bare = parseCanonicalId(id);
  return bare === undefined ? undefined : arxivUrls(bare);
}

function requireBareId(arxivId: string): string {
  const parsed = typeof arxivId === 'string' ? parseIdText(arxivId.trim()) : undefined;
  if (!parsed) throw new RangeError(`not an arXiv id: ${JSON.stringify(arxivId)}`);
  return parsed.arxivId;
}

// ---------------------------------------------------------------------------------------------
// Identities beyond arXiv: DOIs, ACL Anthology ids and OpenReview ids.

/** The schemes of canonical paper ids, in order of preference when a page shows several. */
export const ID_SCHEMES = ['arxiv', 'doi', 'acl', 'openreview'] as const;
export type IdScheme = (typeof ID_SCHEMES)[number];
/**
 * Proceedings keys: the permanent key of a paper on a proceedings site that shows no id of the
 * schemes above (NeurIPS and PMLR listings carry neither arXiv ids nor DOIs). They are canonical
 * ids too (a record can be keyed by one), least preferred, and have no field of their own.
 */
export const KEY_SCHEMES = ['neurips', 'pmlr'] as const;
export type KeyScheme = (typeof KEY_SCHEMES)[number];
/** Every scheme a canonical id can have. */
export type PaperIdScheme = IdScheme | KeyScheme;

/** `10.<registrant>/<suffix>`: the DOI handbook's syntax, suffix up to the first whitespace. */
const DOI = /(10\.\d{4,9}\/[^\s"'<>]+)/;
/** ACL Anthology ids: `2023.acl-long.1`, `2022.findings-emnlp.12` (2020+), `P19-1001` (older). */
const ACL_ID = /^(?:\d{4}\.[a-z\d]+-[a-z\d]+\.\d+|[A-Z]\d{2}-\d{4})$/;
/** OpenReview forum/note ids: URL-safe, 8 to 20 characters in practice. */
const OPENREVIEW_ID = /^[A-Za-z\d_-]{6,32}$/;
/**
 * NeurIPS proceedings: `<year>/<32 hex hash>` plus `-<Track>` since 2022, from the abstract page
 * `/paper_files/paper/<year>/hash/<hash>-Abstract[-<Track>].html` (lib/sites/neurips.ts).
 */
const NEURIPS_KEY = /^(\d{4})\/([0-9a-f]{32})(?:-([A-Za-z][A-Za-z_]{0,63}))?$/;
/** PMLR: `<volume>/<paper key>` (`v202/aamand23a`), from `/v202/aamand23a.html` (lib/sites/pmlr.ts). */
const PMLR_KEY = /^([vr]\d{1,4})\/([A-Za-z\d][A-Za-z\d_-]{0,79})$/;

/**
 * The DOI in `raw` (a bare DOI, `doi:…`, or a doi.org / dx.doi.org link, percent-encoded or not),
 * lowercased as DOIs are case-insensitive; undefined when there is none. Trailing punctuation a
 * sentence or a citation adds (`.`, `,`, `)`) is not part of it.
 */
export function parseDoi(raw: string): string | undefined {
  if (typeof raw !== 'string' || raw.length > 2048) return undefined;
  let text = raw.trim();
  try {
    if (/%[0-9a-f]{2}/i.test(text)) text = decodeURIComponent(text);
  } catch {
    return undefined;
  }
  const match = DOI.exec(text)?.[1];
  if (!match) return undefined;
  const doi = match.replace(/[.,;:)\]}]+$/, '').toLowerCase();
  return doi.length > 7 && doi.length <= 300 ? doi : undefined;
}

/** The ACL Anthology id in `raw` (a bare id or an aclanthology.org link), or undefined. */
export function parseAclId(raw: string): string | undefined {
  if (typeof raw !== 'string') return undefined;
  let text = raw.trim();
  const url = safeUrl(text);
  if (url) {
    if (!/^(www\.)?aclanthology\.org$/.test(url.hostname)) return undefined;
    text = url.pathname.replace(/^\/+|\/+$/g, '').replace(/\.(pdf|bib|xml)$/, '');
  }
  return ACL_ID.test(text) ? text : undefined;
}

/** The OpenReview id in `raw` (a bare id, or a forum/pdf link with `?id=`), or undefined. */
export function parseOpenReviewId(raw: string): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const url = safeUrl(raw.trim());
  if (url) {
    if (!/^(www\.)?openreview\.net$/.test(url.hostname)) return undefined;
    const id = url.searchParams.get('id') ?? '';
    return OPENREVIEW_ID.test(id) ? id : undefined;
  }
  return OPENREVIEW_ID.test(raw.trim()) ? raw.trim() : undefined;
}

/** `doi:10.1145/3442188.3445922` (lowercased). Throws on a non-DOI. */
export function canonicalDoi(doi: string): string {
  const parsed = parseDoi(doi);
  if (!parsed) throw new RangeError(`not a DOI: ${JSON.stringify(doi)}`);
  return `doi:${parsed}`;
}

/** `acl:2023.acl-long.1`. Throws on a non-id. */
export function canonicalAclId(id: string): string {
  const parsed = parseAclId(id);
  if (!parsed) throw new RangeError(`not an ACL Anthology id: ${JSON.stringify(id)}`);
  return `acl:${parsed}`;
}

/** `openreview:abc123XYZ`. Throws on a non-id. */
export function canonicalOpenReviewId(id: string): string {
  const parsed = parseOpenReviewId(id);
  if (!parsed) throw new RangeError(`not an OpenReview id: ${JSON.stringify(id)}`);
  return `openreview:${parsed}`;
}

/** A canonical id of any scheme split into its scheme and value, or undefined when invalid. */
export function parsePaperId(id: string): { scheme: PaperIdScheme; value: string } | undefined {
  if (typeof id !== 'string') return undefined;
  const colon = id.indexOf(':');
  const scheme = id.slice(0, colon);
  const value = id.slice(colon + 1);
  switch (scheme) {
    case 'arxiv':
      return isBareArxivId(value) ? { scheme, value } : undefined;
    case 'doi':
      return parseDoi(value) === value ? { scheme, value } : undefined;
    case 'acl':
      return ACL_ID.test(value) ? { scheme, value } : undefined;
    case 'openreview':
      return OPENREVIEW_ID.test(value) && !value.includes(':') ? { scheme, value } : undefined;
    case 'neurips':
      return NEURIPS_KEY.test(value) ? { scheme, value } : undefined;
    case 'pmlr':
      return PMLR_KEY.test(value) ? { scheme, value } : undefined;
    default:
      return undefined;
  }
}

/** The landing page of a canonical id of any scheme, built from the id alone; undefined if invalid. */
export function landingUrl(id: string): string | undefined {
  const parsed = parsePaperId(id);
  if (!parsed) return undefined;
  switch (parsed.scheme) {
    case 'arxiv':
      return arxivUrls(parsed.value).abs;
    case 'doi':
      return `https://doi.org/${parsed.value.split('/').map(encodeURIComponent).join('/')}`;
    case 'acl':
      return `https://aclanthology.org/${encodeURIComponent(parsed.value)}/`;
    case 'openreview':
      return `https://openreview.net/forum?id=${encodeURIComponent(parsed.value)}`;
    case 'neurips': {
      const [, year, hash, track] = NEURIPS_KEY.exec(parsed.value) ?? [];
      const suffix = track ? `-${track}` : '';
      return `https://proceedings.neurips.cc/paper_files/paper/${year}/hash/${hash}-Abstract${suffix}.html`;
    }
    case 'pmlr':
      return `https://proceedings.mlr.press/${parsed.value}.html`;
  }
}

function safeUrl(text: string): URL | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
