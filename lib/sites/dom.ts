/** DOM helpers shared by the site adapters. */

/**
 * Whether a root handed to `findCards` is an element. Duck-typed: `instanceof Element` fails across
 * the page/content-script boundary in Firefox.
 */
export function isElement(node: ParentNode): node is Element {
  return typeof (node as Partial<Element>).matches === 'function';
}

/**
 * The cards under `root` in document order: elements matching `selector` (`root` itself too, when
 * the page re-rendered a card as a whole) that `isCard` accepts. Never throws: an unexpected root
 * or markup yields no cards and a warning naming the site, so the page carries on.
 */
export function findCardsUnder(
  root: ParentNode,
  selector: string,
  site: string,
  isCard: (candidate: Element) => boolean,
): Element[] {
  try {
    const candidates = [...root.querySelectorAll(selector)];
    if (isElement(root) && root.matches(selector)) candidates.unshift(root);
    return candidates.filter(isCard);
  } catch (error) {
    console.warn(`[${site}] findCards failed`, error);
    return [];
  }
}
