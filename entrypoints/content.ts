import { startBiasLens } from '../lib/annotate/content-main';
import { CONTENT_MATCHES } from '../lib/sites/matches';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  // As soon as the DOM is parsed: badges appear before images load. Frameworks that re-render
  // cards afterwards are followed by the annotator's MutationObserver.
  runAt: 'document_end',
  main(ctx) {
    startBiasLens(ctx, document);
  },
});
