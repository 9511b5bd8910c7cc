/**
 * The URL matrix over every adapter (docs: STYLE.md "Fixtures, not live pages"): every example
 * URL is claimed by its own adapter and by no other; the arXiv / Hugging Face script and the
 * sites script resolve each to the right adapter; every optional site has an adapter, its
 * examples lie inside the permissions it asks for, and generic mode claims a page only where it
 * is switched on and no dedicated adapter exists.
 */
import { describe, expect, it } from 'vitest';
import type { SiteId } from '../../lib/paper';
import { createGenericAdapter, genericAdapter } from '../../lib/sites/generic';
import { CONTENT_MATCHES } from '../../lib/sites/matches';
import {
  adapterForOptionalPage,
  adapterForSitesScript,
  OPTIONAL_ADAPTERS,
} from '../../lib/sites/optional-registry';
import {
  hasDedicatedAdapter,
  normalizeGenericOrigin,
  OPTIONAL_HOST_PERMISSIONS,
  OPTIONAL_SITES,
} from '../../lib/sites/optional-sites';
import { adapterForUrl, SITE_ADAPTERS } from '../../lib/sites/registry';
import type { SiteAdapter } from '../../lib/sites/types';
import { EXAMPLE_URLS } from './site-examples';

/** Generic mode switched on for the origins of its own examples only. */
const GENERIC_ORIGINS = [...new Set(EXAMPLE_URLS.generic.map((url) => new URL(url).origin))];
const genericOn = createGenericAdapter(GENERIC_ORIGINS);

/** Every adapter BiasLens has: the always-on two, the optional sites', generic mode (on). */
const ALL: readonly SiteAdapter[] = [...SITE_ADAPTERS, ...OPTIONAL_ADAPTERS, genericOn];

/** Does a manifest match pattern (`https://host/path*`) cover `url`? */
function patternCovers(pattern: string, url: string): boolean {
  const regex = new RegExp(
    `^${pattern.replace(/[.?+^$()[\]{}|\\]/g, '\\$&').replaceAll('*', '.*')}$`,
  );
  return regex.test(url);
}

const examples = ALL.flatMap((owner) =>
  EXAMPLE_URLS[owner.id].map((url) => [owner.id, url] as const),
);

describe('every adapter', () => {
  it('has a unique id and example URLs', () => {
    expect(new Set(ALL.map((adapter) => adapter.id)).size).toBe(ALL.length);
    for (const adapter of ALL)
      expect(EXAMPLE_URLS[adapter.id].length, adapter.id).toBeGreaterThan(0);
  });

  it.each(examples)('%s example %s is claimed by its adapter and by no other', (ownerId, url) => {
    const claimedBy = ALL.filter((adapter) => adapter.matches(new URL(url)));
    expect(claimedBy.map((adapter) => adapter.id)).toEqual([ownerId]);
  });

  it.each(examples)(
    '%s example %s goes to its adapter in the content script that runs there',
    (ownerId, url) => {
      const builtIn = SITE_ADAPTERS.some((adapter) => adapter.id === ownerId);
      if (builtIn) {
        expect(adapterForUrl(url)?.id).toBe(ownerId);
        // The sites script is never registered there, and would claim nothing.
        expect(adapterForSitesScript(url)).toBeUndefined();
      } else {
        // The arXiv / Hugging Face script never handles the optional sites' pages.
        expect(adapterForUrl(url)).toBeUndefined();
        expect(adapterForOptionalPage(url, GENERIC_ORIGINS)?.id).toBe(ownerId);
        expect(adapterForSitesScript(url)?.id).toBe(ownerId);
      }
    },
  );
});

describe('the optional sites', () => {
  it('each have exactly one adapter, listed in the registry, and no other adapter is optional', () => {
    expect(OPTIONAL_ADAPTERS.map((adapter) => adapter.id).sort()).toEqual(
      OPTIONAL_SITES.map((site) => site.id).sort(),
    );
  });

  it.each(OPTIONAL_SITES.map((site) => [site.id, site] as const))(
    '%s: every example URL lies inside the permissions the site asks for',
    (id, site) => {
      const adapter = OPTIONAL_ADAPTERS.find((each) => each.id === id) as SiteAdapter;
      for (const url of EXAMPLE_URLS[adapter.id]) {
        expect(
          site.origins.some((pattern) => patternCovers(pattern, url)),
          url,
        ).toBe(true);
      }
    },
  );

  it('ask for https host permissions only, each in the manifest', () => {
    for (const site of OPTIONAL_SITES) {
      for (const pattern of site.origins) {
        expect(pattern).toMatch(/^https:\/\/[a-z0-9.-]+\/\*$/);
        expect(OPTIONAL_HOST_PERMISSIONS).toContain(pattern);
      }
    }
  });

  it('do not overlap the arXiv / Hugging Face content script', () => {
    for (const adapter of OPTIONAL_ADAPTERS) {
      for (const url of EXAMPLE_URLS[adapter.id]) {
        expect(
          CONTENT_MATCHES.some((pattern) => patternCovers(pattern, url)),
          url,
        ).toBe(false);
      }
    }
  });
});

describe('generic mode', () => {
  const generic = (origins: string[]) => createGenericAdapter(origins);

  it('claims nothing while off, its own examples included', () => {
    for (const [, url] of examples) expect(genericAdapter.matches(new URL(url)), url).toBe(false);
    for (const url of EXAMPLE_URLS.generic) {
      expect(adapterForOptionalPage(url)).toBeUndefined();
    }
  });

  it('claims the pages of an origin once switched on for it, and only those', () => {
    const on = generic(['https://www.cs.example.edu']);
    expect(on.matches(new URL('https://www.cs.example.edu/~lovelace/publications.html'))).toBe(
      true,
    );
    expect(on.matches(new URL('https://reading-group.example.org/2026/spring/'))).toBe(false);
  });

  it.each(examples.filter(([owner]) => owner !== 'generic'))(
    'never claims %s example %s, even if switched on for its origin',
    (_owner, url) => {
      expect(generic([new URL(url).origin]).matches(new URL(url))).toBe(false);
      expect(hasDedicatedAdapter(new URL(url).hostname)).toBe(true);
    },
  );

  it('cannot be switched on for a site with its own adapter', () => {
    for (const [, url] of examples.filter(([owner]) => owner !== 'generic')) {
      expect(normalizeGenericOrigin(url)).toMatchObject({ ok: false });
    }
    expect(normalizeGenericOrigin('https://export.arxiv.org/')).toMatchObject({ ok: false });
  });

  it('is what the sites script uses on a host without an adapter (it runs there only when on)', () => {
    expect(adapterForSitesScript('https://www.cs.example.edu/~lovelace/')?.id).toBe('generic');
    // On an optional site's host, a page its adapter does not claim gets nothing.
    expect(adapterForSitesScript('https://dblp.org/faq/')).toBeUndefined();
    expect(adapterForSitesScript('https://aclanthology.org/')).toBeUndefined();
    expect(adapterForSitesScript('not a url')).toBeUndefined();
  });
});

describe('pages no adapter claims', () => {
  it.each([
    'https://scholar.google.com/',
    'https://scholar.google.com/citations?user=abc',
    'https://www.semanticscholar.org/',
    'https://openreview.net/',
    'https://aclanthology.org/',
    'https://aclanthology.org/faq/',
    'https://proceedings.neurips.cc/',
    'https://proceedings.mlr.press/',
    'https://dblp.org/',
    'https://example.com/abs/2303.08867',
    'http://dblp.org/pid/56/953.html',
    'https://dblp.org.evil.example/pid/56/953.html',
  ])('%s', (url) => {
    const claimedBy = ALL.filter((adapter) => adapter.matches(new URL(url))).map((a) => a.id);
    expect(claimedBy).toEqual([] as SiteId[]);
  });
});
