/**
 * Loads the committed page fixtures (tests/fixtures/<site>/) into fresh documents for the site
 * adapter tests. Not a test file itself (vitest only runs `*.test.ts`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface HappyDomSettings {
  disableCSSFileLoading: boolean;
  disableJavaScriptFileLoading: boolean;
  handleDisabledFileLoadingAsSuccess: boolean;
  navigation?: { disableChildFrameNavigation: boolean };
}

// The fixtures are whole pages: without this, happy-dom fetches their stylesheets, scripts and
// iframes (arxiv.org, a payment iframe on Hugging Face) while parsing. Tests must not touch the
// network. Set here rather than in vitest.config.ts so other suites keep happy-dom's defaults.
const settings = (window as unknown as { happyDOM?: { settings?: HappyDomSettings } }).happyDOM
  ?.settings;
if (settings) {
  settings.disableCSSFileLoading = true;
  settings.disableJavaScriptFileLoading = true;
  settings.handleDisabledFileLoadingAsSuccess = true;
  if (settings.navigation) settings.navigation.disableChildFrameNavigation = true;
}

/** A fresh document parsed from `tests/fixtures/<site>/<name>`. */
export function loadFixture(site: 'arxiv' | 'huggingface', name: string): Document {
  return parseHtml(readFixture(site, name));
}

/** The raw text of a fixture. */
export function readFixture(site: 'arxiv' | 'huggingface', name: string): string {
  return readFileSync(resolve(import.meta.dirname, '../fixtures', site, name), 'utf8');
}

/** A fresh document from a string of HTML. */
export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}
