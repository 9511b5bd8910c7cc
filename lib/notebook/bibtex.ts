/**
 * BibTeX for saved papers (pure). Each entry is a `@misc` (BiasLens does not know venues): for an
 * arXiv paper with the fields arXiv's own export and biblatex use (`eprint`, `archivePrefix`,
 * `primaryClass`), the `doi` when known, the landing page's URL (built from the id), the user's
 * tags as `keywords` and the user's note in `note`.
 */
import type { PaperRecord } from '../db/types';
import { landingUrl, parsePaperId } from '../paper-id';

// One pass over the text, so the backslashes and braces we insert are never escaped again.
// BibTeX counts braces even after a backslash, so `{` and `}` become balanced commands.
const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};
const SPECIAL_PATTERN = /[\\{}$&%#_~^]/g;
// Controls other than line breaks and tabs, and bidi overrides: invisible and unsafe in a .bib.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` as a BibTeX field value (without the surrounding braces): LaTeX specials escaped, braces
 * balanced, control characters dropped, blank lines collapsed (a blank line would end a
 * paragraph inside the field), ends trimmed.
 */
export function escapeBibTeX(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]*\n[ \t\n]*/g, '\n')
    .trim()
    .replace(SPECIAL_PATTERN, (char) => SPECIAL[char] ?? char);
}

/** The year (and month 1–12) an arXiv id was submitted, read from the id itself. */
export function arxivIdDate(arxivId: string): { year: number; month: number } | undefined {
  // New style: YYMM.NNNNN (from 0704, so always 20YY). Old style: archive/YYMMNNN (1991-2007).
  const match = /^(\d{2})(\d{2})\./.exec(arxivId) ?? /\/(\d{2})(\d{2})\d{3}$/.exec(arxivId);
  if (!match) return undefined;
  const yy = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  const century = arxivId.includes('/') && yy >= 91 ? 1900 : 2000;
  return { year: century + yy, month };
}

/** The arXiv category of an old-style id (`hep-th`, `math.GT`); new-style ids do not carry it. */
export function primaryClassOf(arxivId: string): string | undefined {
  const slash = arxivId.indexOf('/');
  return slash > 0 ? arxivId.slice(0, slash) : undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const STOP_WORDS = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'with', 'is']);

/** ASCII letters and digits of `text`, accents dropped, lower-cased. */
function asciiWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The family name of an author as pages show it ("Ada Lovelace", or "Lovelace, Ada"). */
function familyName(author: string): string {
  const comma = author.indexOf(',');
  if (comma > 0) return author.slice(0, comma);
  const parts = author.trim().split(/\s+/);
  return parts[parts.length - 1] ?? '';
}

/** The submission date of the record's arXiv id, when it has one. */
function recordDate(record: PaperRecord): { year: number; month: number } | undefined {
  return record.arxivId === undefined ? undefined : arxivIdDate(record.arxivId);
}

/** A citation key like `lovelace2024measuring` (ASCII; falls back to the id, e.g. `arxiv240612345`). */
export function citationKey(record: PaperRecord): string {
  const family = asciiWord(familyName(record.authors[0] ?? ''));
  const year = recordDate(record)?.year ?? '';
  const word =
    record.title
      .split(/\s+/)
      .map(asciiWord)
      .find((each) => each.length > 0 && !STOP_WORDS.has(each)) ?? '';
  const key = `${family}${year}${word}`;
  if (family && word) return key;
  const id = parsePaperId(record.id);
  return id ? `${id.scheme}${asciiWord(id.value)}` : `paper${asciiWord(record.id)}`;
}

/**
 * One author list in BibTeX form: names joined with " and ". A name that BibTeX would split or
 * misparse (containing the word "and", or several commas) is braced as one literal name.
 */
export function bibtexAuthors(authors: readonly string[]): string {
  return authors
    .map((author) => {
      const escaped = escapeBibTeX(author);
      const literal = /\band\b/i.test(author) || (author.match(/,/g)?.length ?? 0) > 1;
      return literal ? `{${escaped}}` : escaped;
    })
    .filter((name) => name !== '')
    .join(' and ');
}

/** One `@misc` entry; `key` must be unique in the file. */
export function bibtexEntry(record: PaperRecord, key: string): string {
  const arxivId = record.arxivId;
  const date = recordDate(record);
  const primaryClass = arxivId === undefined ? undefined : primaryClassOf(arxivId);
  // Built from the id (docs/SECURITY.md, "Links"): the arXiv abstract page, doi.org, ACL
  // Anthology or OpenReview.
  const url = landingUrl(record.id);
  // Values are braced, except the month: a BibTeX macro (`jun`), written bare.
  const fields: [string, string | undefined][] = [
    ['title', escapeBibTeX(record.title)],
    ['author', record.authors.length > 0 ? bibtexAuthors(record.authors) : undefined],
    ['year', date ? String(date.year) : undefined],
    ['month', date ? MONTHS[date.month - 1] : undefined],
    ['doi', record.doi ? escapeBibTeX(record.doi) : undefined],
    ['eprint', arxivId ? escapeBibTeX(arxivId) : undefined],
    ['archivePrefix', arxivId ? 'arXiv' : undefined],
    ['primaryClass', primaryClass ? escapeBibTeX(primaryClass) : undefined],
    ['url', url ? escapeBibTeX(url) : undefined],
    ['abstract', record.abstract ? escapeBibTeX(record.abstract) : undefined],
    ['keywords', record.tags.length > 0 ? escapeBibTeX(record.tags.join(', ')) : undefined],
    ['note', record.note.trim() ? escapeBibTeX(record.note) : undefined],
  ];
  const lines = fields
    .filter((field): field is [string, string] => field[1] !== undefined)
    .map(([name, value]) => (name === 'month' ? `  month = ${value},` : `  ${name} = {${value}},`));
  return `@misc{${key},\n${lines.join('\n')}\n}`;
}

/** A whole .bib file for `records` (in the given order), with unique keys. */
export function toBibTeX(records: readonly PaperRecord[]): string {
  const used = new Set<string>();
  const entries = records.map((record) => {
    const base = citationKey(record);
    // Duplicate keys get a, b, c... like most reference managers do.
    let key = base;
    for (let n = 1; used.has(key); n += 1) key = `${base}${suffix(n)}`;
    used.add(key);
    return bibtexEntry(record, key);
  });
  return entries.length === 0 ? '' : `${entries.join('\n\n')}\n`;
}

/** 1 → "a", 26 → "z", 27 → "aa", ... */
function suffix(n: number): string {
  let out = '';
  let rest = n;
  while (rest > 0) {
    rest -= 1;
    out = String.fromCharCode(97 + (rest % 26)) + out;
    rest = Math.floor(rest / 26);
  }
  return out;
}
