/**
 * The card UI's stylesheet. It lives in one constructable stylesheet shared by every shadow root
 * (adoptedStyleSheets): parsing it once per page, not once per card, is what keeps 2,000 cards
 * cheap. `:host { all: initial }` stops the page's inherited styles from leaking in.
 */
export const CARD_CSS = `
:host {
  all: initial;
  display: block;
  margin: 4px 0 6px;
  font: 12px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1f2328;
  --bl-button-bg: #ffffff;
  --bl-button-fg: #1f2328;
  --bl-button-border: #8c959f;
  --bl-saved-bg: #1a7f37;
  --bl-saved-fg: #ffffff;
  --bl-focus: #0969da;
}
:host([data-theme="dark"]) {
  color: #e6edf3;
  --bl-button-bg: #21262d;
  --bl-button-fg: #e6edf3;
  --bl-button-border: #6e7681;
  --bl-saved-bg: #2ea043;
  --bl-saved-fg: #ffffff;
  --bl-focus: #58a6ff;
}
.row { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; }
.badge {
  display: inline-flex; align-items: center;
  padding: 1px 7px; border-radius: 999px;
  font-size: 11px; font-weight: 600; line-height: 16px; white-space: nowrap;
  background: var(--bl-topic-bg, #57606a); color: var(--bl-topic-fg, #ffffff);
  cursor: default;
}
.badge:focus-visible, button:focus-visible { outline: 2px solid var(--bl-focus); outline-offset: 1px; }
button {
  all: unset; box-sizing: border-box;
  display: inline-flex; align-items: center; gap: 3px;
  padding: 1px 8px; border-radius: 6px; border: 1px solid var(--bl-button-border);
  background: var(--bl-button-bg); color: var(--bl-button-fg);
  font: 600 11px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  cursor: pointer;
}
button:hover { filter: brightness(0.95); }
button[data-state="saved"] { background: var(--bl-saved-bg); color: var(--bl-saved-fg); border-color: var(--bl-saved-bg); }
button[data-state="error"] { border-color: #cf222e; }
button[disabled] { opacity: 0.6; cursor: progress; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap;
}
`;

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
