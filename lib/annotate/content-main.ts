import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onBroadcast } from '../messaging';
import type { SiteAdapter } from '../sites/types';
import { classifyWith } from '../topics/engine';
import { Annotator } from './annotator';
import { messagingPort } from './port';

/**
 * Starts BiasLens on the current page when a site adapter claims its URL. `adapterFor` is the
 * content script's registry (arXiv / Hugging Face: lib/sites/registry.ts; the optional sites:
 * lib/sites/optional-registry.ts), passed in so neither script bundles the other's adapters.
 * Everything it sets up stops when `ctx` is invalidated (extension reloaded, updated or disabled).
 */
export function startBiasLens(
  ctx: ContentScriptContext,
  doc: Document,
  adapterFor: (url: string) => SiteAdapter | undefined,
): Annotator | undefined {
  const adapter = adapterFor(doc.location.href);
  if (!adapter) return undefined;
  const annotator = new Annotator({
    doc,
    adapter,
    classify: (paper, { cues, model }) =>
      classifyWith(cues, { title: paper.title, abstract: paper.abstract }, { model }),
    port: whileValid(ctx, messagingPort),
    signal: ctx.signal,
  });
  // Settings and the known-ids digest travel while the page is still being parsed.
  annotator.prepare();
  stopWhenOrphaned(ctx, doc);
  const stopListening = onBroadcast((broadcast) => {
    switch (broadcast.type) {
      case 'saved-changed':
        annotator.applySavedChange(broadcast.ids, broadcast.saved);
        break;
      case 'topics-corrected':
        annotator.applyCorrectionChange(broadcast.id, broadcast);
        break;
      case 'config-changed':
        void annotator.reloadConfig();
        break;
      case 'save-card':
        void annotator.saveActiveCard();
    }
  });
  ctx.onInvalidated(stopListening);
  const view = doc.defaultView as Window;
  // A tab restored from the back/forward cache missed every broadcast sent while it was frozen.
  ctx.addEventListener(view, 'pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted) void annotator.refreshState();
  });
  // A single-page app navigated (Hugging Face date and search views): look at the whole page again.
  ctx.addEventListener(view, 'wxt:locationchange', () => annotator.rescan());
  // Leaving the page: send the quick note being typed.
  ctx.addEventListener(view, 'pagehide', () => void annotator.flushNotes());
  // Loaded at document_start so the script is ready when parsing ends; cards exist from DCL on.
  if (doc.readyState === 'loading') {
    ctx.addEventListener(doc, 'DOMContentLoaded', () => annotator.start(), { once: true });
  } else {
    annotator.start();
  }
  return annotator;
}

/**
 * An extension reload or update orphans this script: Chrome injects no new one into open tabs,
 * and the old one learns of it only when it looks (`ctx.isInvalid`, which then aborts `ctx` and
 * so removes our UI). It looks on the user's next pointer, key or focus and when the tab is shown
 * again, before the click reaches a dead Save button (docs/SECURITY.md, "Lifecycle").
 */
function stopWhenOrphaned(ctx: ContentScriptContext, doc: Document): void {
  const look = () => void ctx.isInvalid;
  for (const type of ['pointerdown', 'keydown', 'focusin'] as const) {
    ctx.addEventListener(doc, type, look, { capture: true, passive: true });
  }
  ctx.addEventListener(doc, 'visibilitychange', look);
}

/**
 * `port` with every method checking the context first: once orphaned, a call never settles (so
 * nothing fails or logs) while `ctx` stops everything. Covers methods added to the port later.
 */
function whileValid<T extends object>(ctx: ContentScriptContext, port: T): T {
  return new Proxy(port, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (ctx.isInvalid ? ctx.block() : value.apply(target, args));
    },
  });
}
