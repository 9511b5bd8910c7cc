import { defineConfig } from 'wxt';
import { OPTIONAL_HOST_PERMISSIONS } from './lib/sites/optional-sites';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: '.output',
  manifest: ({ browser }) => ({
    name: 'BiasLens',
    description:
      'Bias-topic badges and one-click saving on arXiv and Hugging Face Papers listings. Everything stays on your machine.',
    // Only `scripting`, to register the sites content script at run time for the optional sites
    // the user switches on (lib/background/site-scripts.ts); it grants no access to any page by
    // itself. The database is IndexedDB in the extension origin, exports are blob downloads from
    // the popup, and cross-tab updates use tabs.sendMessage (which needs no permission).
    permissions: ['scripting'],
    // Asked for one site at a time, from the options page (Sites), never at install: the optional
    // sites, and `https://*/*` for generic mode, requested one origin (`https://host/*`) at a time.
    // arXiv and Hugging Face need no host permission: their content script is declared below.
    optional_host_permissions: [...OPTIONAL_HOST_PERMISSIONS],
    action: { default_title: 'BiasLens: saved papers' },
    // Saves the card that has focus or was hovered last; the background forwards it to the
    // active tab (tabs.query + tabs.sendMessage need no permission). Users can rebind it.
    commands: {
      // Opens the popup (the saved papers). `_execute_action` is MV3's name in Chrome and Firefox.
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+B' },
        description: 'Open the BiasLens popup (saved papers)',
      },
      'save-card': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save the focused or hovered paper card',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'biaslens@biaslens.local',
              strict_min_version: '115.0',
              // Firefox asks add-ons to declare what they collect: BiasLens collects nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    // Terser, two passes: the content script (budget 30 KB gzip) is 1.1 KB smaller than with
    // esbuild's minifier. BIASLENS_NO_MINIFY=1 keeps names readable for profiling;
    // BIASLENS_SOURCEMAP=1 writes source maps, to see what each module adds to a bundle.
    build: {
      sourcemap: !!process.env.BIASLENS_SOURCEMAP,
      minify: process.env.BIASLENS_NO_MINIFY ? false : 'terser',
      terserOptions: { compress: { passes: 2 } },
    },
  }),
});
