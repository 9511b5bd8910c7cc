/**
 * The sites BiasLens reads only when the user switches them on (options page, Sites), and the
 * generic mode. Data only, no adapter code: the manifest (wxt.config.ts), the background (which
 * registers the sites content script for the granted ones) and the options page read it without
 * bundling the adapters, which live in ./optional-registry.ts.
 *
 * arXiv and Hugging Face are not here: their content script is declared in the manifest
 * (./matches.ts) and runs from install.
 */
import type { SiteId } from '../paper';

/** An optional site: its permissions and what BiasLens does there. */
export interface OptionalSite {
  id: SiteId;
  /** As shown on the options page. */
  name: string;
  /**
   * Host permission match patterns (`optional_host_permissions`), requested together when the
   * user switches the site on, and the `matches` of its registered content script.
   */
  origins: readonly string[];
  /** The page kinds that get cards, for the options page and the README. */
  pages: string;
}

/** Every optional site, in the order the options page lists them. */
export const OPTIONAL_SITES: readonly OptionalSite[] = [
  {
    id: 'scholar',
    name: 'Google Scholar',
    origins: ['https://scholar.google.com/*'],
    pages: 'search results and author profiles',
  },
  {
    id: 'semanticscholar',
    name: 'Semantic Scholar',
    origins: ['https://www.semanticscholar.org/*'],
    pages: 'search results and author pages',
  },
  {
    id: 'openreview',
    name: 'OpenReview',
    origins: ['https://openreview.net/*'],
    pages: 'venue and group pages',
  },
  {
    id: 'acl',
    name: 'ACL Anthology',
    origins: ['https://aclanthology.org/*'],
    pages: 'event, volume and author pages',
  },
  {
    id: 'neurips',
    name: 'NeurIPS Proceedings',
    // papers.nips.cc is the older host of the same proceedings (it still serves them).
    origins: ['https://proceedings.neurips.cc/*', 'https://papers.nips.cc/*'],
    pages: 'proceedings volumes',
  },
  {
    id: 'pmlr',
    name: 'PMLR (Proceedings of Machine Learning Research)',
    origins: ['https://proceedings.mlr.press/*'],
    pages: 'volumes',
  },
  {
    id: 'dblp',
    name: 'dblp',
    // dblp.uni-trier.de is dblp's mirror at the University of Trier, with the same pages.
    origins: ['https://dblp.org/*', 'https://dblp.uni-trier.de/*'],
    pages: 'search results and author pages',
  },
];

/**
 * The optional permission behind generic mode: any https site, but only ever requested one
 * origin at a time (`https://<host>/*`), for the sites the user names on the options page.
 */
export const GENERIC_PERMISSION = 'https://*/*';

// Computed in pure IIFEs so bundles that do not use them (the arXiv / Hugging Face content
// script reaches this file through lib/messages.ts) drop them, and OPTIONAL_SITES with them.

/** Every optional host permission of the manifest. */
export const OPTIONAL_HOST_PERMISSIONS: readonly string[] = /* @__PURE__ */ (() => [
  ...OPTIONAL_SITES.flatMap((site) => site.origins),
  GENERIC_PERMISSION,
])();

/** Most origins generic mode can be on for. */
export const MAX_GENERIC_ORIGINS = 50;

/** The optional site with id `id`, if any. */
export function optionalSite(id: string): OptionalSite | undefined {
  return OPTIONAL_SITES.find((site) => site.id === id);
}

/** The host of a match pattern such as `https://dblp.org/*`. */
export function patternHost(pattern: string): string {
  return pattern.replace(/^https:\/\//, '').replace(/\/.*$/, '');
}

/** Hosts with a dedicated adapter: the optional sites' hosts. */
export const OPTIONAL_SITE_HOSTS: ReadonlySet<string> = /* @__PURE__ */ (() =>
  new Set(OPTIONAL_SITES.flatMap((site) => site.origins.map(patternHost))))();

/** Domains read by the always-on content script (arXiv and Hugging Face), subdomains included. */
const BUILT_IN_DOMAINS = ['arxiv.org', 'huggingface.co'];

/** True when a dedicated adapter, not generic mode, reads pages of `hostname`. */
export function hasDedicatedAdapter(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    OPTIONAL_SITE_HOSTS.has(host) ||
    BUILT_IN_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`))
  );
}

/** The match pattern generic mode requests and registers for `origin` (`https://host/*`). */
export function genericPattern(origin: string): string {
  return `${origin}/*`;
}

/**
 * The origin (`https://host`) generic mode is switched on for, from what the user typed (a
 * host, an origin or any URL of the site), or why it cannot be: only https sites without a port,
 * and not sites with a dedicated adapter (switch those on in the list instead).
 */
export function normalizeGenericOrigin(
  input: string,
): { ok: true; origin: string } | { ok: false; error: string } {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '' || text.length > 300)
    return { ok: false, error: 'Type a site, e.g. example.org' };
  const withScheme = /^[a-z][a-z\d+.-]*:/i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, error: `“${text.slice(0, 60)}” is not a web address` };
  }
  if (url.protocol !== 'https:') return { ok: false, error: 'Only https sites can be read' };
  if (url.username || url.password || url.port) {
    return { ok: false, error: 'Give the site without a user name or port' };
  }
  const host = url.hostname.toLowerCase();
  if (!host.includes('.') || host.startsWith('.') || host.endsWith('.') || host.includes('*')) {
    return { ok: false, error: `“${host}” is not a site name` };
  }
  if (hasDedicatedAdapter(host)) {
    return {
      ok: false,
      error: `${host} has its own support in BiasLens; switch it on in the list above instead`,
    };
  }
  return { ok: true, origin: `https://${host}` };
}

/** True when `origin` is exactly what normalizeGenericOrigin gives for it. */
export function isGenericOrigin(origin: unknown): origin is string {
  if (typeof origin !== 'string') return false;
  const normalized = normalizeGenericOrigin(origin);
  return normalized.ok && normalized.origin === origin;
}
