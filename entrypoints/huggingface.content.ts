import { startBiasLens } from '../lib/annotate/content-main';
import { huggingfaceAdapter } from '../lib/sites/huggingface';
import { HUGGINGFACE_MATCHES, onlyAdapter } from '../lib/sites/matches';

// The Hugging Face Papers content script, with only its own adapter: each site's script carries
// no other site's code (lib/sites/registry.ts lists them all, for the tests). Loaded while the
// page is parsed and started at DOMContentLoaded (lib/annotate/content-main.ts): badges appear as
// soon as the cards exist. Later re-renders are followed by a MutationObserver.
export default defineContentScript({
  matches: HUGGINGFACE_MATCHES,
  runAt: 'document_start',
  main(ctx) {
    startBiasLens(ctx, document, onlyAdapter(huggingfaceAdapter));
  },
});
