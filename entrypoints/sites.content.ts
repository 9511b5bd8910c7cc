import { startBiasLens } from '../lib/annotate/content-main';
import { adapterForSitesScript } from '../lib/sites/optional-registry';

// The optional sites and generic mode. Not in the manifest: the background registers it at run
// time for exactly the sites the user switched on (lib/background/site-scripts.ts), so it has no
// `matches` here (WXT would otherwise turn them into required host permissions).
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    startBiasLens(ctx, document, adapterForSitesScript);
  },
});
