import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page, type Route } from 'playwright-core';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = join(projectRoot, '.output/chrome-mv3');
export const FIXTURES_DIR = join(projectRoot, 'tests/fixtures');
export const DOCS_DIR = join(projectRoot, 'docs');

/** Where Chromium is: CHROMIUM_PATH, else Debian's package. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** A fixture page served at the URL it was saved from. `pattern` matches path + query. */
export interface FixtureRoute {
  url: string;
  file: string;
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  /** Every request the browser tried to send outside the fixture routes (none expected). */
  strayRequests: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  /** Fixtures by exact URL (without hash); other URLs on the two sites get a 404 page. */
  fixtures: FixtureRoute[];
  /** Serve a page built in the test (for benchmarks and generated pages). */
  extraPages?: Map<string, string>;
  /** Load the extension (default) or run the same pages without it, as a baseline. */
  withExtension?: boolean;
  /** A built extension other than .output/chrome-mv3 (benchmarks comparing two builds). */
  extensionDir?: string;
  /**
   * A profile directory to use (and keep on close), e.g. one prepared by a previous launch;
   * default: a fresh temporary one, deleted on close.
   */
  userDataDir?: string;
}

/** Launches Chromium with the built extension and the fixture routes in place. */
export async function launchWithExtension(options: LaunchOptions): Promise<ExtensionSession> {
  const withExtension = options.withExtension ?? true;
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (withExtension && !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'biaslens-e2e-'));
  const args = [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-gpu',
    '--disable-quic',
  ];
  if (withExtension) {
    args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    args,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const strayRequests: string[] = [];
  await routeFixtures(context, options.fixtures, options.extraPages ?? new Map(), strayRequests);

  let extensionId = '';
  if (withExtension) {
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    extensionId,
    strayRequests,
    async close() {
      await context.close();
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

async function routeFixtures(
  context: BrowserContext,
  fixtures: FixtureRoute[],
  extraPages: Map<string, string>,
  strayRequests: string[],
): Promise<void> {
  const byUrl = new Map(fixtures.map((f) => [stripHash(f.url), f.file]));
  // Only web requests: the extension's own pages (chrome-extension://) load from the package.
  const isWeb = (url: URL) => url.protocol === 'https:' || url.protocol === 'http:';
  await context.route(isWeb, async (route: Route) => {
    const url = stripHash(route.request().url());
    const extra = extraPages.get(url);
    if (extra !== undefined)
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: extra });
    const file = byUrl.get(url);
    if (file) {
      return route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: readFileSync(join(FIXTURES_DIR, file)),
      });
    }
    // Page subresources (stylesheets, images, analytics) are not part of the fixtures: the
    // machine is offline, and the extension must work without them.
    if (route.request().resourceType() === 'document') {
      return route.fulfill({
        status: 404,
        contentType: 'text/html',
        body: '<h1>Not in the fixtures</h1>',
      });
    }
    strayRequests.push(url);
    return route.abort();
  });
}

function stripHash(url: string): string {
  const i = url.indexOf('#');
  return i === -1 ? url : url.slice(0, i);
}

/** Waits until the annotator has finished a pass that found `count` cards. */
export async function waitForCards(page: Page, count: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (expected) => document.documentElement.getAttribute('data-biaslens-cards') === String(expected),
    count,
    { timeout },
  );
}

/** Facts about every annotated card on the page, read in the page. */
export async function readCards(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-biaslens-paper]')].map((card) => ({
      id: card.getAttribute('data-biaslens-paper') ?? '',
      topics: card.getAttribute('data-biaslens-topics') ?? '',
      saved: card.getAttribute('data-biaslens-saved') ?? '',
      hosts: card.querySelectorAll('biaslens-card').length,
    })),
  );
}

export function popupUrl(session: ExtensionSession): string {
  return `chrome-extension://${session.extensionId}/popup.html`;
}
