/**
 * `npm run bench:db`: the notebook at 10,000 saved papers, measured in real Chromium on the built
 * extension (run `npm run build` first). Seeds through the real import path (the options page
 * sends the file to the background, which writes it in one transaction), then opens the popup
 * and measures inside the pages with performance.now():
 *
 * - import of all: the import-papers request, from sending to the answer (dry run and apply);
 * - popup first render: navigation start to the first paper in the DOM (median of 5 opens);
 * - one search keystroke: input event to the list updated, and to the next frame;
 * - export of all: click on "Export all papers as JSON" to the file's blob (also BibTeX).
 *
 * Flags: --papers=N (default 10000), --runs=N (imports and exports, default 3), --headed.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildExport, serializeExport } from '../lib/db/export';
import type { PaperRecord } from '../lib/db/types';
import { TOPIC_IDS, type TopicId } from '../lib/paper';
import { arxivUrls } from '../lib/paper-id';
import { chromiumPath, EXTENSION_DIR } from '../tests/e2e/harness';

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key ?? '', value ?? 'true'];
  }),
);
const PAPERS = Number(args.get('papers') ?? 10_000);
const HEADLESS = !args.has('headed');
/** Repetitions of the import and the export (medians are reported). */
const RUNS = Number(args.get('runs') ?? 3);

// ---------------------------------------------------------------------------------------------
// Data: deterministic, realistic sizes (titles ~80 chars, abstracts ~1,200, notes on 30%).

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const WORDS =
  'bias fairness language model evaluation benchmark ranking exposure dataset shift spurious correlation social cultural cognitive anchoring framing calibration reward judge metric sampling imbalance label noise inductive transformer attention vision multimodal retrieval recommendation gender race demographic stereotype counterfactual intervention causal estimation variance robustness'.split(
    ' ',
  );
const NAMES =
  'Ada Lovelace,Alan Turing,Grace Hopper,Emmy Noether,Katherine Johnson,Claude Shannon,Barbara Liskov,Donald Knuth,Frances Allen,John McCarthy,Radia Perlman,Edsger Dijkstra'.split(
    ',',
  );

function makePapers(count: number): PaperRecord[] {
  const random = prng(20251126);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const start = Date.UTC(2024, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const yymm = 2401 + Math.floor(i / 90_000);
    const arxivId = `${yymm}.${String(10_000 + (i % 90_000)).padStart(5, '0')}`;
    const savedAt = start + i * 60_000;
    const title = words(11).replace(/^./, (c) => c.toUpperCase());
    const record: PaperRecord = {
      id: `arxiv:${arxivId}`,
      arxivId,
      // As every write path stores it since schema v3.
      aliases: [`arxiv:${arxivId}`],
      urls: arxivUrls(arxivId),
      title,
      authors: Array.from({ length: 2 + Math.floor(random() * 5) }, () => pick(NAMES)),
      abstract: `${words(170)}.`,
      topics: TOPIC_IDS.filter(() => random() < 0.15) as TopicId[],
      source: random() < 0.7 ? 'arxiv' : 'huggingface',
      savedAt,
      updatedAt: savedAt,
      note: '',
      tags: [],
    };
    if (random() < 0.3) {
      record.note = `${words(25)}.\n${words(15)}.`;
      record.noteUpdatedAt = savedAt + 1000;
      record.updatedAt = savedAt + 1000;
    }
    if (random() < 0.2) {
      record.tags = [pick(['to-read', 'fairness', 'survey', 'reproduce', 'llm-judges'])];
      record.tagsUpdatedAt = savedAt + 2000;
    }
    return record;
  });
}

// ---------------------------------------------------------------------------------------------
// Measurements (each runs inside an extension page)

type ImportResponse = { ok: boolean; summary?: unknown; error?: string };

/** Sends the import request from an extension page; ms from sending to the answer. */
async function timeImport(page: Page, text: string, apply: boolean) {
  return page.evaluate(
    async ({ text, apply }) => {
      const { chrome } = globalThis as unknown as {
        chrome: { runtime: { sendMessage(message: unknown): Promise<ImportResponse> } };
      };
      const start = performance.now();
      const response = await chrome.runtime.sendMessage({ type: 'import-papers', text, apply });
      return { ms: performance.now() - start, response };
    },
    { text, apply },
  );
}

/** Empties the papers store from an extension page (same origin as the database). */
async function clearPapers(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('biaslens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('papers', 'readwrite');
          tx.objectStore('papers').clear();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Clicks an export button and times it to the moment the file's blob is handed over. */
async function timeExport(page: Page, buttonName: string) {
  return page.evaluate(async (name) => {
    const button = [...document.querySelectorAll('button')].find(
      (each) => each.getAttribute('aria-label') === name,
    );
    if (!button) throw new Error(`no button ${name}`);
    const original = URL.createObjectURL;
    const start = performance.now();
    const bytes = await new Promise<number>((resolve) => {
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        URL.createObjectURL = original;
        resolve((blob as Blob).size);
        return original.call(URL, blob);
      };
      button.click();
    });
    return { ms: performance.now() - start, bytes };
  }, buttonName);
}

/** Records, from navigation start, when the first paper and the "all loaded" state appear. */
const RENDER_PROBE = `
  (() => {
    const marks = (window.__bench = {});
    const observer = new MutationObserver(() => {
      if (marks.firstPaper === undefined && document.querySelector('li.paper')) {
        marks.firstPaper = performance.now();
      }
      const more = document.querySelector('button.show-more');
      if (marks.allLoaded === undefined && more && !more.disabled) marks.allLoaded = performance.now();
      if (marks.firstPaper !== undefined && marks.allLoaded !== undefined) observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  })();
`;

async function openPopup(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const marks = (window as unknown as { __bench?: { allLoaded?: number } }).__bench;
      return marks?.allLoaded !== undefined;
    },
    undefined,
    { timeout: 60_000 },
  );
  return page.evaluate(
    () => (window as unknown as { __bench: { firstPaper: number; allLoaded: number } }).__bench,
  );
}

/** Types `word` one character at a time; per keystroke: to the list updated, and to next frame. */
async function timeKeystrokes(page: Page, word: string) {
  return page.evaluate(async (text) => {
    const input = document.querySelector('input[type="search"]') as HTMLInputElement;
    const count = document.querySelector('.count') as HTMLElement;
    const results: { query: string; updatedMs: number; frameMs: number; shown: string }[] = [];
    for (let i = 1; i <= text.length; i += 1) {
      const query = text.slice(0, i);
      await new Promise((resolve) => setTimeout(resolve, 50)); // let the previous frame settle
      const start = performance.now();
      input.value = query;
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      // Preact renders in a microtask after the handler: a macrotask later, the DOM is updated.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const updatedMs = performance.now() - start;
      await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
      results.push({
        query,
        updatedMs,
        frameMs: performance.now() - start,
        shown: count.textContent ?? '',
      });
    }
    input.value = '';
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    return results;
  }, word);
}

/** Gzip size of everything popup.html loads (its scripts and module preloads). */
function popupBundleBytes(dir: string): number {
  const html = readFileSync(join(dir, 'popup.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(chunks\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dir, file))).length, 0);
}

/**
 * Chromium with a private copy of the build (a rebuild of .output during the run, e.g. by a test
 * run in the same tree, cannot pull files from under the extension), no network at all.
 */
async function launch(): Promise<{
  context: BrowserContext;
  extensionId: string;
  dir: string;
  close(): Promise<void>;
}> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run \`npm run build\` first.`);
  }
  const root = mkdtempSync(join(tmpdir(), 'biaslens-bench-db-'));
  const dir = join(root, 'extension');
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const context = await chromium.launchPersistentContext(join(root, 'profile'), {
    executablePath: chromiumPath(),
    headless: HEADLESS,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-gpu',
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
    ],
    acceptDownloads: true,
  });
  await context.route(/^https?:/, (route) => route.abort());
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  return {
    context,
    extensionId: new URL(worker.url()).host,
    dir,
    async close() {
      await context.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const ms = (value: number) =>
  value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  console.log(
    `bench:db — ${PAPERS} papers, real Chromium (${chromiumPath()}${HEADLESS ? ', headless' : ''}) on a private copy of the built extension in .output/chrome-mv3`,
  );
  const records = makePapers(PAPERS);
  const text = serializeExport(buildExport(records, Date.now()));
  console.log(`export file: ${(text.length / 1024 / 1024).toFixed(1)} MB of JSON`);

  const session = await launch();
  try {
    const options = await session.context.newPage();
    // tsx names functions with a helper the page does not have.
    await session.context.addInitScript({ content: 'window.__name = (fn) => fn;' });
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await options.waitForSelector('#import-file');

    // Three imports into an empty database (cleared in between), then one onto itself.
    const imports: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      if (run > 0) await clearPapers(options);
      const dry = await timeImport(options, text, false);
      const imported = await timeImport(options, text, true);
      if (!imported.response?.ok)
        throw new Error(`import failed: ${JSON.stringify(imported.response)}`);
      imports.push(imported.ms);
      console.log(
        `import ${run + 1}: dry run ${ms(dry.ms)}, apply ${ms(imported.ms)} ${JSON.stringify(imported.response.summary)}`,
      );
    }
    const again = await timeImport(options, text, true);
    console.log(`import again onto itself (all unchanged): ${ms(again.ms)}`);

    await options.reload();
    await options.waitForFunction(() => document.querySelector('dd')?.textContent !== undefined);
    const exports: number[] = [];
    let exportBytes = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const exportJson = await timeExport(options, 'Export all papers as JSON');
      const exportBib = await timeExport(options, 'Export all papers as BibTeX');
      const exportCsv = await timeExport(options, 'Export all papers as CSV');
      exports.push(exportJson.ms);
      exportBytes = exportJson.bytes;
      console.log(
        `export ${run + 1}: JSON ${ms(exportJson.ms)} (${(exportJson.bytes / 1024 / 1024).toFixed(1)} MB), BibTeX ${ms(exportBib.ms)}, CSV ${ms(exportCsv.ms)}`,
      );
    }

    // Extension pages share one renderer: the options page (and its 24 MB of export strings) is
    // closed first, and each open starts after the previous page has gone quiet, as a user's would.
    await options.close();
    const popup = await session.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.addInitScript({ content: RENDER_PROBE });
    const opens: { firstPaper: number; allLoaded: number }[] = [];
    for (let i = 0; i < 6; i += 1) {
      await popup.goto('about:blank');
      await popup.waitForTimeout(1000);
      opens.push(await openPopup(popup, `chrome-extension://${session.extensionId}/popup.html`));
    }
    const warm = opens.slice(1); // the first open also compiles the code: reported apart
    const firstRender = median(warm.map((open) => open.firstPaper));
    const allLoaded = median(warm.map((open) => open.allLoaded));
    console.log(
      `popup first render: ${opens.map((open) => ms(open.firstPaper)).join(', ')} (first open cold); every paper loaded for search: median ${ms(allLoaded)}`,
    );

    const keystrokes = [
      ...(await timeKeystrokes(popup, 'fairness')),
      ...(await timeKeystrokes(popup, 'lovelace judge')),
    ];
    for (const stroke of keystrokes) {
      console.log(
        `  keystroke ${JSON.stringify(stroke.query).padEnd(18)} list updated ${ms(stroke.updatedMs).padStart(6)}, next frame ${ms(stroke.frameMs).padStart(6)}  (${stroke.shown})`,
      );
    }
    const worstKeystroke = Math.max(...keystrokes.map((stroke) => stroke.updatedMs));
    const medianKeystroke = median(keystrokes.map((stroke) => stroke.updatedMs));
    const bundle = popupBundleBytes(session.dir);

    const rows: [string, string, string][] = [
      ['popup first render (median of 5 warm opens)', '≤ 150 ms', ms(firstRender)],
      [
        'one search keystroke (worst of 22; median)',
        '≤ 50 ms',
        `${ms(worstKeystroke)}; ${ms(medianKeystroke)}`,
      ],
      [
        `export of all (JSON, ${(exportBytes / 1024 / 1024).toFixed(1)} MB; median of ${RUNS})`,
        '≤ 1 s',
        ms(median(exports)),
      ],
      [
        `import of all (${PAPERS} new papers, one transaction; median of ${RUNS})`,
        '≤ 3 s',
        ms(median(imports)),
      ],
      [
        'popup JS, gzip (popup.html scripts + preloads)',
        '≤ 60 KB',
        `${(bundle / 1024).toFixed(1)} KB`,
      ],
    ];
    const width = Math.max(...rows.map((row) => row[0].length));
    console.log(`\n| ${'measure'.padEnd(width)} | target   | measured |`);
    console.log(`|${'-'.repeat(width + 2)}|----------|----------|`);
    for (const [name, target, measured] of rows) {
      console.log(`| ${name.padEnd(width)} | ${target.padEnd(8)} | ${measured} |`);
    }
    console.log(
      '\nMeasured with performance.now() inside the extension pages in real Chromium (not Node, not fake-indexeddb).',
    );
  } finally {
    await session.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
