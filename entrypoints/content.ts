import { startBiasLens } from '../lib/annotate/content-main';
import { CONTENT_MATCHES } from '../lib/sites/matches';
import { adapterForUrl } from '../lib/sites/registry';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  // Loaded while the page is parsed and started at DOMContentLoaded (lib/annotate/content-main.ts):
  // badges appear as soon as the cards exist. Later re-renders are followed by a MutationObserver.
  runAt: 'document_start',
  main(ctx) {
    startBiasLens(ctx, document, adapterForUrl);
  },
});
