/**
 * The optional sites' adapters, listed explicitly, and generic mode: everything the sites content
 * script (entrypoints/sites.content.ts) bundles. The arXiv / Hugging Face content script uses
 * ./registry.ts and never imports this file, so it stays small. Adding a site means adding its
 * adapter here (one line) and its permissions to ./optional-sites.ts; the URL-matrix test
 * (tests/unit/sites-url-matrix.test.ts) checks both, and that no two adapters claim a page.
 */
import { aclAdapter } from './acl';
import { dblpAdapter } from './dblp';
import { createGenericAdapter } from './generic';
import { neuripsAdapter } from './neurips';
import { openreviewAdapter } from './openreview';
import { hasDedicatedAdapter } from './optional-sites';
import { pmlrAdapter } from './pmlr';
import { scholarAdapter } from './scholar';
import { semanticScholarAdapter } from './semanticscholar';
import type { SiteAdapter } from './types';

/** Every optional site's adapter, in the order adapterForOptionalPage asks them. */
export const OPTIONAL_ADAPTERS: readonly SiteAdapter[] = [
  scholarAdapter,
  semanticScholarAdapter,
  openreviewAdapter,
  aclAdapter,
  neuripsAdapter,
  pmlrAdapter,
  dblpAdapter,
];

function toUrl(url: URL | string): URL | undefined {
  try {
    return typeof url === 'string' ? new URL(url) : url;
  } catch {
    return undefined;
  }
}

/**
 * The adapter for the page at `url` among the optional sites' adapters, else the generic one
 * when generic mode is on for the page's origin (`genericOrigins`); undefined otherwise.
 */
export function adapterForOptionalPage(
  url: URL | string,
  genericOrigins: readonly string[] = [],
): SiteAdapter | undefined {
  const parsed = toUrl(url);
  if (!parsed) return undefined;
  const dedicated = OPTIONAL_ADAPTERS.find((adapter) => adapter.matches(parsed));
  if (dedicated) return dedicated;
  const generic = createGenericAdapter(genericOrigins);
  return generic.matches(parsed) ? generic : undefined;
}

/**
 * The adapter the sites content script uses at `url`. The background registers that script only
 * for the optional sites whose permission is granted and for the origins generic mode is on for
 * (lib/background/site-scripts.ts); so where it runs on a host without a dedicated adapter, it
 * runs because generic mode is on for that origin. On a dedicated host, a page the adapter does
 * not claim (a help page) gets nothing: generic mode never stands in for an adapter.
 */
export function adapterForSitesScript(url: URL | string): SiteAdapter | undefined {
  const parsed = toUrl(url);
  if (!parsed) return undefined;
  const origins = hasDedicatedAdapter(parsed.hostname) ? [] : [parsed.origin];
  return adapterForOptionalPage(parsed, origins);
}
