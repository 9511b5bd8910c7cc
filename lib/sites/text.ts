/**
 * Plain-text reading helpers shared by the site adapters. They read `textContent`-style text
 * (never `innerText`, which forces layout) and return strings, never markup.
 *
 * Every string an adapter returns goes through `cleanText` (docs/SECURITY.md, "Page text"):
 * pages are not trusted, and what they show ends up in our UI, the database and exports.
 */

// DOM node types as numbers: the `Node` constants live on the page's window, which differs from
// the content script's in Firefox, and comparing numbers works in both.
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/**
 * MathJax 2 output (arXiv typesets `.mathjax` titles and abstracts in the reader's browser): the
 * rendered glyph spans repeat the formula as unreadable text, and the TeX source stays beside
 * them in a `script[type^="math/tex"]`. We skip the glyphs and put the source back as `$…$`, so
 * a title reads the same before and after MathJax runs (the server sends `$…$`).
 */
const MATHJAX_OUTPUT =
  '.MathJax_Preview, .MathJax, .MathJax_Display, .MathJax_SVG, .MathJax_SVG_Display, .MathJax_CHTML, .MJX_Assistive_MathML';

/**
 * The longest text one field (title, author, abstract) may have once read. Real titles stay under
 * 500 characters and arXiv caps abstracts at 1,920; this is the background's abstract limit, so a
 * hostile 1 MB title costs the classifier what a 20 KB one does, never seconds.
 */
export const MAX_FIELD_CHARS = 20_000;
/** Text collected from the DOM before cleaning: room for what cleaning removes. */
const MAX_RAW_CHARS = 4 * MAX_FIELD_CHARS;

/** A UTF-16 surrogate without its partner (a page script can put one in the DOM; JSON can carry one). */
const UNPAIRED_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/**
 * Bidirectional formatting: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069)
 * and the marks (U+200E, U+200F, U+061C). An override (U+202E) makes text read backwards and can
 * flip the text around it; the Unicode bidi algorithm lays out titles correctly without them.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/**
 * Invisible characters with no job in a title or a name: soft hyphen, Mongolian vowel separator,
 * zero-width space, word joiner and invisible math operators (U+2060–U+2064), zero-width no-break
 * space (BOM), interlinear annotation marks, and C0/C1 control characters other than whitespace.
 */
const INVISIBLES = /(?![\t\n\v\f\r])\p{Cc}|[\u00AD\u180E\u200B\u2060-\u2064\uFEFF\uFFF9-\uFFFB]/gu;
/** Zero-width non-joiner and joiner: invisible, but they shape some scripts and emoji. */
const JOINERS = /[\u200C\u200D]+/g;
const ZWJ = '\u200D';
/**
 * A character a zero-width joiner glues into an emoji sequence: woman ZWJ microscope, heart + VS16
 * ZWJ fire, woman + skin tone ZWJ microscope.
 */
const EMOJI_PART = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F)$/u;
/** A letter or mark of a script where ZWJ/ZWNJ change how letters join (Arabic, Persian, Indic…). */
const JOINING_SCRIPT_LETTER =
  /^(?![\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}])[\p{L}\p{M}]$/u;

/**
 * Any character one of the replacements above acts on: surrogates, C0/C1 controls other than
 * whitespace, soft hyphen, bidi controls and marks, zero-width characters and joiners, BOM and
 * interlinear annotations. Text without any of them only needs its whitespace collapsed.
 */
const NEEDS_CLEANING =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\x00-\x08\x0E-\x1F\x7F-\x9F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uFFF9-\uFFFB\uD800-\uDFFF]/;

/**
 * Whitespace a collapse must replace: a run that starts with a character other than a plain space,
 * or a space followed by more whitespace. Single spaces, most of an abstract's whitespace, are
 * left alone: replacing each of them with itself made collapsing 2,000 abstracts twice as slow in
 * Chromium (14.7 → 7.6 ms).
 */
const WHITESPACE_TO_COLLAPSE = /[^\S ]\s*| \s+/g;

/** Collapses every run of whitespace (line breaks and no-break spaces included) to one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_TO_COLLAPSE, ' ').trim();
}

/**
 * Page text made safe to show and store, as one line:
 * - unpaired surrogates become U+FFFD (they are not text, and break encoders and IndexedDB keys);
 * - bidi controls and invisible characters are removed (no reversed or hidden text);
 * - zero-width (non-)joiners are kept only inside emoji sequences and between letters of scripts
 *   that need them, removed everywhere else;
 * - whitespace is collapsed and trimmed;
 * - the result is at most MAX_FIELD_CHARS long (never splitting a surrogate pair).
 * Markup stays text: `<img onerror=…>` comes back as those characters.
 */
export function cleanText(text: string): string {
  const bounded = text.length > MAX_RAW_CHARS ? text.slice(0, MAX_RAW_CHARS) : text;
  // Fast path for the common case (2,000 cards × title, authors, abstract): one scan, no copies.
  if (!NEEDS_CLEANING.test(bounded)) return cutAt(collapseWhitespace(bounded), MAX_FIELD_CHARS);
  const cleaned = collapseWhitespace(
    bounded
      .replace(UNPAIRED_SURROGATE, '\uFFFD')
      .replace(BIDI_CONTROLS, '')
      .replace(INVISIBLES, '')
      // After the removals, so a joiner's neighbours are the characters a reader sees.
      .replace(JOINERS, keepMeaningfulJoiner),
  );
  return cutAt(cleaned, MAX_FIELD_CHARS);
}

/** Replacement for a run of ZWNJ/ZWJ: the run's first character where it shapes text, else nothing. */
function keepMeaningfulJoiner(run: string, offset: number, whole: string): string {
  const before = lastCharBefore(whole, offset);
  const after = firstCharAt(whole, offset + run.length);
  if (before === undefined || after === undefined) return '';
  if (EMOJI_PART.test(before) && EMOJI_PART.test(after) && run.includes(ZWJ)) return ZWJ;
  if (JOINING_SCRIPT_LETTER.test(before) && JOINING_SCRIPT_LETTER.test(after)) return run[0] ?? '';
  return '';
}

function lastCharBefore(text: string, index: number): string | undefined {
  // Two code units hold any code point; only the last one counts.
  return index === 0 ? undefined : [...text.slice(Math.max(0, index - 2), index)].pop();
}

function firstCharAt(text: string, index: number): string | undefined {
  return index >= text.length ? undefined : [...text.slice(index, index + 2)][0];
}

/** `text` cut to at most `max` code units, never between the two halves of a surrogate pair. */
function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return text.slice(0, end).trimEnd();
}

/**
 * The text of `element` as a reader sees it, cleaned (`cleanText`): text nodes only (so markup in
 * the text stays text), without scripts and styles, without descendants matching `skip`
 * (descriptors like "Title:", "More" toggles), and with MathJax output replaced by its TeX.
 */
export function readableText(element: Element, skip?: string): string {
  return cleanText(collectText(element, skip));
}

/**
 * Depth-first over the element's subtree with an explicit stack, so a hostile page nesting
 * 100,000 elements cannot overflow the call stack; stops once MAX_RAW_CHARS are collected.
 */
function collectText(element: Element, skip: string | undefined): string {
  // Fast path: most fields (an author link, an abstract paragraph) are one text node.
  const only = element.firstChild;
  if (only !== null && only === element.lastChild && only.nodeType === TEXT_NODE) {
    return (only.nodeValue ?? '').slice(0, MAX_RAW_CHARS);
  }
  let text = '';
  // Nodes still to visit, last first; `string` entries are text to emit (TeX sources).
  const stack: Array<Node | string> = childrenReversed(element);
  while (stack.length > 0 && text.length < MAX_RAW_CHARS) {
    const node = stack.pop() as Node | string;
    if (typeof node === 'string') {
      text += node;
    } else if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      text += node.nodeValue ?? '';
    } else if (node.nodeType === ELEMENT_NODE) {
      const child = node as Element;
      const tex = texSource(child);
      if (tex !== undefined) stack.push(tex);
      else if (!isSkipped(child, skip)) stack.push(...childrenReversed(child));
    }
  }
  return text;
}

function childrenReversed(element: Element): Node[] {
  const children: Node[] = [];
  for (let node = element.lastChild; node !== null; node = node.previousSibling)
    children.push(node);
  return children;
}

/** `$…$` for a MathJax TeX source script, '' for other scripts, undefined for non-scripts. */
function texSource(child: Element): string | undefined {
  if (child.localName !== 'script') return undefined;
  const type = child.getAttribute('type') ?? '';
  return type.startsWith('math/tex') ? `$${child.textContent ?? ''}$` : '';
}

function isSkipped(child: Element, skip: string | undefined): boolean {
  const tag = child.localName;
  if (tag === 'style' || tag === 'template' || tag === 'noscript') return true;
  if (skip !== undefined && child.matches(skip)) return true;
  return child.matches(MATHJAX_OUTPUT);
}
