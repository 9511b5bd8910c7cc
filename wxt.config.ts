import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: '.output',
  manifest: ({ browser }) => ({
    name: 'BiasLens',
    description:
      'Bias-topic badges and one-click saving on arXiv and Hugging Face Papers listings. Everything stays on your machine.',
    // No permissions: the database is IndexedDB in the extension origin, exports are blob downloads
    // from the popup, and cross-tab updates use tabs.sendMessage (which needs no permission).
    permissions: [],
    action: { default_title: 'BiasLens: saved papers' },
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
    build: { sourcemap: false },
  }),
});
