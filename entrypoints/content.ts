import { startBiasLens } from '../lib/annotate/content-main';
import { CONTENT_MATCHES } from '../lib/sites/matches';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    startBiasLens(ctx, document);
  },
});
