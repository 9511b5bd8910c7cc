import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onBroadcast } from '../messages';
import { adapterForUrl } from '../sites/registry';
import { classify } from '../topics/classify';
import { Annotator } from './annotator';
import { messagingPort } from './port';

/**
 * Starts BiasLens on the current page when a site adapter claims its URL. Everything it sets up
 * stops when `ctx` is invalidated (extension reloaded, updated or disabled).
 */
export function startBiasLens(ctx: ContentScriptContext, doc: Document): Annotator | undefined {
  const adapter = adapterForUrl(doc.location.href);
  if (!adapter) return undefined;
  const annotator = new Annotator({
    doc,
    adapter,
    classify: (paper) => classify({ title: paper.title, abstract: paper.abstract }),
    port: messagingPort,
    signal: ctx.signal,
  });
  const stopListening = onBroadcast((broadcast) => {
    if (broadcast.type === 'saved-changed')
      annotator.applySavedChange(broadcast.ids, broadcast.saved);
  });
  ctx.onInvalidated(stopListening);
  // A tab restored from the back/forward cache missed every broadcast sent while it was frozen.
  ctx.addEventListener(doc.defaultView as Window, 'pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted) void annotator.refreshSavedState();
  });
  annotator.start();
  return annotator;
}
