/** DOM helpers shared by the site adapters. */

/**
 * Whether a root handed to `findCards` is an element. Duck-typed: `instanceof Element` fails across
 * the page/content-script boundary in Firefox.
 */
export function isElement(node: ParentNode): node is Element {
  return typeof (node as Partial<Element>).matches === 'function';
}
