/**
 * Plain-text reading helpers shared by the site adapters. They read `textContent`-style text
 * (never `innerText`, which forces layout) and return strings, never markup.
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

/** Collapses every run of whitespace (line breaks and no-break spaces included) to one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The text of `element` as a reader sees it, whitespace collapsed: text nodes only (so markup in
 * the text stays text), without scripts and styles, without descendants matching `skip`
 * (descriptors like "Title:", "More" toggles), and with MathJax output replaced by its TeX.
 */
export function readableText(element: Element, skip?: string): string {
  return collapseWhitespace(collectText(element, skip));
}

function collectText(element: Element, skip: string | undefined): string {
  let text = '';
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      text += node.nodeValue ?? '';
    } else if (node.nodeType === ELEMENT_NODE) {
      text += childText(node as Element, skip);
    }
  }
  return text;
}

function childText(child: Element, skip: string | undefined): string {
  const tag = child.localName;
  if (tag === 'script') {
    const type = child.getAttribute('type') ?? '';
    return type.startsWith('math/tex') ? `$${child.textContent ?? ''}$` : '';
  }
  if (tag === 'style' || tag === 'template' || tag === 'noscript') return '';
  if (skip !== undefined && child.matches(skip)) return '';
  if (child.matches(MATHJAX_OUTPUT)) return '';
  return collectText(child, skip);
}
