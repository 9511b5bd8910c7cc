/**
 * The sites content script (entrypoints/sites.content.ts) runs only where the user allowed it:
 * on the optional sites whose host permission is granted, and on the origins generic mode is on
 * for. It is not in the manifest; the background registers it at run time with
 * scripting.registerContentScripts, one registration per site and one for generic mode, with
 * stable ids, and keeps the registrations equal to the granted permissions: on start-up, on
 * permissions.onAdded / onRemoved, and when the options page asks.
 */
import { browser } from 'wxt/browser';
import type { SiteId } from '../paper';
import { genericPattern, OPTIONAL_SITES, type OptionalSite } from '../sites/optional-sites';

/** The built sites content script, as WXT writes it (path inside the extension). */
export const SITES_SCRIPT_FILE = '/content-scripts/sites.js';
/** Every registration BiasLens makes starts with this (WXT's dev mode registers its own). */
export const SCRIPT_ID_PREFIX = 'biaslens-';
/** The registration for the origins generic mode is on for. */
export const GENERIC_SCRIPT_ID = `${SCRIPT_ID_PREFIX}generic`;

/** The registration id of an optional site's script: `biaslens-site-dblp`. */
export function siteScriptId(site: SiteId): string {
  return `${SCRIPT_ID_PREFIX}site-${site}`;
}

/** A registration as BiasLens makes it (a subset of scripting.RegisteredContentScript). */
export interface SiteScript {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_end';
  allFrames: false;
  persistAcrossSessions: true;
}

/** A registration as scripting.getRegisteredContentScripts reports it. */
export interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
}

/** What syncing needs from the browser; injected so tests can fake it. */
export interface SiteScriptsEnv {
  /** permissions.contains({ origins }) */
  hasOrigins(origins: string[]): Promise<boolean>;
  /** The origins generic mode is on for (settings table). */
  genericOrigins(): Promise<string[]>;
  getRegistered(): Promise<RegisteredScript[]>;
  register(scripts: SiteScript[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
}

function script(id: string, matches: string[]): SiteScript {
  return {
    id,
    matches: [...matches].sort(),
    js: [SITES_SCRIPT_FILE],
    // As the arXiv / Hugging Face script: as soon as the DOM is parsed.
    runAt: 'document_end',
    allFrames: false,
    persistAcrossSessions: true,
  };
}

/**
 * The registrations wanted (pure): one per optional site with at least one granted origin
 * (matching the granted ones), and one for the generic origins that are granted.
 */
export function wantedScripts(
  granted: ReadonlySet<string>,
  genericOrigins: readonly string[],
  sites: readonly OptionalSite[] = OPTIONAL_SITES,
): SiteScript[] {
  const wanted: SiteScript[] = [];
  for (const site of sites) {
    const matches = site.origins.filter((pattern) => granted.has(pattern));
    if (matches.length > 0) wanted.push(script(siteScriptId(site.id), matches));
  }
  const generic = genericOrigins.map(genericPattern).filter((pattern) => granted.has(pattern));
  if (generic.length > 0) wanted.push(script(GENERIC_SCRIPT_ID, generic));
  return wanted;
}

/** Equal as sets; paths compared without a leading slash (Chrome reports `content-scripts/…`). */
function sameList(a: readonly string[] = [], b: readonly string[] = []): boolean {
  const norm = (list: readonly string[]) => list.map((item) => item.replace(/^\//, '')).sort();
  const [x, y] = [norm(a), norm(b)];
  return x.length === y.length && x.every((item, i) => item === y[i]);
}

/**
 * What to unregister and register to go from `registered` to `wanted` (pure). Registrations of
 * others (WXT's development mode) are left alone; an unchanged one is kept as it is.
 */
export function planScriptChanges(
  registered: readonly RegisteredScript[],
  wanted: readonly SiteScript[],
): { unregister: string[]; register: SiteScript[] } {
  const ours = registered.filter((each) => each.id.startsWith(SCRIPT_ID_PREFIX));
  const byId = new Map(ours.map((each) => [each.id, each]));
  const register = wanted.filter((each) => {
    const current = byId.get(each.id);
    return !current || !sameList(current.matches, each.matches) || !sameList(current.js, each.js);
  });
  const wantedIds = new Set(wanted.map((each) => each.id));
  const unregister = ours
    .filter((each) => !wantedIds.has(each.id) || register.some((r) => r.id === each.id))
    .map((each) => each.id);
  return { unregister, register };
}

/**
 * Makes the registrations match the granted permissions; resolves to what is registered then.
 * Calls are queued, so start-up and permission events never interleave their changes.
 */
export function createSiteScriptSync(env: SiteScriptsEnv): () => Promise<SiteScript[]> {
  let queue: Promise<unknown> = Promise.resolve();
  const syncOnce = async (): Promise<SiteScript[]> => {
    const genericOrigins = await env.genericOrigins();
    const patterns = [
      ...OPTIONAL_SITES.flatMap((site) => site.origins),
      ...genericOrigins.map(genericPattern),
    ];
    // One pattern at a time: a site with two hosts may have only one granted.
    const checks = await Promise.all(patterns.map((pattern) => env.hasOrigins([pattern])));
    const granted = new Set(patterns.filter((_, i) => checks[i]));
    const wanted = wantedScripts(granted, genericOrigins);
    const plan = planScriptChanges(await env.getRegistered(), wanted);
    if (plan.unregister.length > 0) await env.unregister(plan.unregister);
    if (plan.register.length > 0) await env.register(plan.register);
    return wanted;
  };
  return () => {
    const run = queue.then(syncOnce, syncOnce);
    queue = run.catch(() => undefined);
    return run;
  };
}

/** The scripting and permissions APIs, and the settings in `db`, as a SiteScriptsEnv. */
export function browserSiteScriptsEnv(genericOrigins: () => Promise<string[]>): SiteScriptsEnv {
  return {
    hasOrigins: (origins) => browser.permissions.contains({ origins }),
    genericOrigins,
    getRegistered: async () => (await browser.scripting.getRegisteredContentScripts()) ?? [],
    async register(scripts) {
      try {
        await browser.scripting.registerContentScripts(scripts);
      } catch (error) {
        // Older Firefox versions reject persistAcrossSessions; the background registers the
        // scripts again at every start anyway.
        if (!/persistAcrossSessions/i.test(String(error))) throw error;
        await browser.scripting.registerContentScripts(
          scripts.map(({ persistAcrossSessions: _, ...rest }) => rest),
        );
      }
    },
    unregister: (ids) => browser.scripting.unregisterContentScripts({ ids }),
  };
}

/**
 * Runs the sites script in the tabs already open on `patterns` (a site just switched on), so
 * the user need not reload them. Needs no permission beyond the host permission just granted
 * (tabs.query filters by URL only where the extension has host permission). Never rejects.
 */
export async function injectIntoOpenTabs(patterns: readonly string[]): Promise<number> {
  if (patterns.length === 0) return 0;
  try {
    const tabs = await browser.tabs.query({ url: [...patterns] });
    const results = await Promise.allSettled(
      tabs
        .map((tab) => tab.id)
        .filter((id): id is number => typeof id === 'number' && id >= 0)
        .map((tabId) =>
          browser.scripting.executeScript({ target: { tabId }, files: [SITES_SCRIPT_FILE] }),
        ),
    );
    return results.filter((result) => result.status === 'fulfilled').length;
  } catch {
    return 0;
  }
}
