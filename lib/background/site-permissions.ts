import { browser } from 'wxt/browser';
import { OPTIONAL_SITES } from '../sites/optional-sites';

/**
 * Keeps the sites content script's registrations in step with the permissions: once at every
 * start of the background (registrations persist, but a permission may have changed while it
 * was asleep, e.g. removed from the browser's own extension settings), and on every grant or
 * removal. A site just switched on also gets the script in its open tabs. Listeners are added
 * synchronously, so an event that wakes the service worker is not missed.
 */
export function watchSitePermissions(deps: {
  sync: () => Promise<unknown>;
  injectIntoOpenTabs: (patterns: string[]) => Promise<unknown>;
}): void {
  const sync = () =>
    deps.sync().catch((error: unknown) => {
      console.error('[BiasLens] could not register the sites content script', error);
    });
  browser.permissions.onAdded.addListener((permissions) => {
    const added = new Set(permissions.origins ?? []);
    void sync().then(() => {
      // Generic origins are injected once stored (set-generic-site), not here.
      const patterns = OPTIONAL_SITES.flatMap((site) => site.origins).filter((p) => added.has(p));
      if (patterns.length > 0) void deps.injectIntoOpenTabs(patterns);
    });
  });
  browser.permissions.onRemoved.addListener(() => void sync());
  void sync();
}
