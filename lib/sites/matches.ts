import type { SiteAdapter } from './types';

/**
 * Match patterns of the content scripts, one per site, so each page loads only its own adapter.
 * Declaring the sites here (not as host_permissions) is enough: BiasLens never fetches anything
 * from them.
 */
export const ARXIV_MATCHES = ['https://arxiv.org/*'];
export const HUGGINGFACE_MATCHES = ['https://huggingface.co/papers*'];
export const CONTENT_MATCHES = [...ARXIV_MATCHES, ...HUGGINGFACE_MATCHES];

/** A content script's registry of one site: the adapter, where it claims the page's URL. */
export function onlyAdapter(adapter: SiteAdapter): (url: string) => SiteAdapter | undefined {
  return (url) => {
    try {
      return adapter.matches(new URL(url)) ? adapter : undefined;
    } catch {
      return undefined;
    }
  };
}
