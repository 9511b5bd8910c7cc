/**
 * The stylesheet of our UI (cards and the page summary), in card.css: Vite minifies it into a
 * string at build time. It lives in one constructable stylesheet shared by every shadow root
 * (adoptedStyleSheets): parsing it once per page, not once per card, is what keeps 2,000 cards
 * cheap. `:host { all: initial }` stops the page's inherited styles from leaking in.
 */
import css from './card.css?inline';

export const CARD_CSS: string = css;

let sharedSheet: CSSStyleSheet | null | undefined;

/**
 * Gives a shadow root our styles: the shared constructable sheet where the browser lets a content
 * script adopt one, else a <style> element (Firefox content scripts cannot always adopt sheets
 * created in their isolated world).
 */
export function applyCardStyles(root: ShadowRoot): void {
  if (sharedSheet === undefined) sharedSheet = createSharedSheet();
  if (sharedSheet) {
    try {
      root.adoptedStyleSheets = [sharedSheet];
      return;
    } catch {
      sharedSheet = null;
    }
  }
  const style = root.ownerDocument.createElement('style');
  style.textContent = CARD_CSS;
  root.append(style);
}

function createSharedSheet(): CSSStyleSheet | null {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CARD_CSS);
    return sheet;
  } catch {
    return null;
  }
}
