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
