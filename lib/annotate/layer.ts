/**
 * Floating UI (tooltips, the topics menu) inside our shadow roots. Where the browser has the
 * Popover API the element goes to the top layer, which escapes cards that clip their content
 * (Hugging Face cards are `overflow: hidden`); elsewhere (Firefox before 125) it is positioned
 * absolutely under its anchor. Either way it stays in our shadow root and our stylesheet.
 */

/** Prepares `el` as a closed layer. */
export function initLayer(el: HTMLElement): void {
  el.classList.add('layer');
  if (typeof el.showPopover === 'function') el.setAttribute('popover', 'manual');
  else el.hidden = true;
}

/** True while the layer is shown. */
export function isLayerOpen(el: HTMLElement): boolean {
  if (!el.hasAttribute('popover')) return !el.hidden;
  try {
    return el.matches(':popover-open');
  } catch {
    return false;
  }
}

/** Shows the layer next to `anchor` (one layout read, at the user's request). */
export function showLayer(el: HTMLElement, anchor: Element): void {
  if (!el.hasAttribute('popover')) {
    el.hidden = false;
    return;
  }
  placeLayer(el, anchor);
  try {
    if (!isLayerOpen(el)) el.showPopover();
  } catch {
    // Not connected any more (the page re-rendered the card): nothing to show.
  }
}

/** Hides the layer. */
export function hideLayer(el: HTMLElement): void {
  if (!el.hasAttribute('popover')) {
    el.hidden = true;
    return;
  }
  try {
    if (isLayerOpen(el)) el.hidePopover();
  } catch {
    // Already gone with its card.
  }
}

/**
 * Positions a top-layer layer (fixed) below its anchor, or above it when the anchor is low in the
 * viewport; right-aligned when the anchor is far right. Needs no measure of the layer itself.
 */
export function placeLayer(el: HTMLElement, anchor: Element): void {
  if (!el.hasAttribute('popover')) return;
  const view = anchor.ownerDocument.defaultView;
  if (!view) return;
  const rect = anchor.getBoundingClientRect();
  const width = view.innerWidth;
  const height = view.innerHeight;
  const style = el.style;
  const below = rect.bottom <= height * 0.6;
  style.top = below ? `${Math.round(rect.bottom + 4)}px` : 'auto';
  style.bottom = below ? 'auto' : `${Math.round(height - rect.top + 4)}px`;
  style.maxHeight = `${Math.max(120, Math.round(below ? height - rect.bottom - 12 : rect.top - 12))}px`;
  const rightAligned = rect.left > width * 0.6;
  style.left = rightAligned ? 'auto' : `${Math.round(Math.max(4, rect.left))}px`;
  style.right = rightAligned ? `${Math.round(Math.max(4, width - rect.right))}px` : 'auto';
}
