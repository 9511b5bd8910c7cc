/**
 * The sites BiasLens reads, listed explicitly. Adding a site means adding its adapter here and
 * its host to CONTENT_MATCHES (./matches.ts); the URL-matrix test checks no two adapters claim
 * the same page.
 */
import { arxivAdapter } from './arxiv';
import { huggingfaceAdapter } from './huggingface';
import type { SiteAdapter } from './types';

/** Every site adapter, in the order `adapterForUrl` asks them. */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [arxivAdapter, huggingfaceAdapter];

/** The adapter for the page at `url`, or undefined when no site handles it (or it is no URL). */
export function adapterForUrl(url: URL | string): SiteAdapter | undefined {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return undefined;
  }
  return SITE_ADAPTERS.find((adapter) => adapter.matches(parsed));
}
