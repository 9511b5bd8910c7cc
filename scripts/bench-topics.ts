/**
 * Classifier throughput on one core: `npm run bench:topics`. Warms up, then classifies the seed
 * papers repeatedly for about 2 s per mode and prints papers/s with abstracts and title only, plus
 * the time to classify 2,000 papers (a busy listing page). The shipped classifier (cues and the
 * learned model), with the cues alone beside it as the baseline of the same run.
 *
 * The classifier is bundled by esbuild first and measured from the bundle. Run from source
 * under tsx, every function a call creates is also given its name (tsx's keepNames), which made
 * `classify` about a tenth slower; the extension's build (Vite, minified by terser) does no such
 * thing.
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { ClassifyOptions } from '../lib/topics/classify';
import type { ClassifyInput } from '../lib/topics/types';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FILE = fileURLToPath(new URL('../tests/fixtures/topics/seed-papers.jsonl', import.meta.url));
const DURATION_MS = 2000;

function load(): ClassifyInput[] {
  return readFileSync(FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const r = JSON.parse(l) as { title: string; abstract?: string };
      return { title: r.title, abstract: r.abstract };
    });
}

function papersPerSecond(inputs: readonly ClassifyInput[], options: ClassifyOptions): number {
  for (let i = 0; i < 100; i++) for (const x of inputs) classify(x, options);
  let n = 0;
  let sink = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < DURATION_MS) {
    for (const x of inputs) sink += classify(x, options).length;
    n += inputs.length;
    elapsed = performance.now() - start;
  }
  if (sink < 0) console.log(sink);
  return n / (elapsed / 1000);
}

function timeFor(
  inputs: readonly ClassifyInput[],
  count: number,
  options: ClassifyOptions,
): number {
  const batch = Array.from({ length: count }, (_, i) => inputs[i % inputs.length] as ClassifyInput);
  const runs: number[] = [];
  for (let r = 0; r < 10; r++) {
    const start = performance.now();
    for (const x of batch) classify(x, options);
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)] as number;
}

type Shipped = typeof import('../lib/topics/classify') &
  typeof import('../lib/topics/shipped-model');
const bundle = join(tmpdir(), `biaslens-bench-topics-${process.pid}.mjs`);
await build({
  stdin: {
    contents: `export { classify } from './lib/topics/classify';
      export { shippedTopicModel } from './lib/topics/shipped-model';`,
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile: bundle,
  logLevel: 'warning',
});
let shipped: Shipped;
try {
  shipped = (await import(pathToFileURL(bundle).href)) as Shipped;
} finally {
  rmSync(bundle, { force: true });
}
const { classify, shippedTopicModel } = shipped;

const withAbstract = load();
const titleOnly = withAbstract.map((p) => ({ title: p.title }));
const count = (n: number) => Math.round(n).toLocaleString('en-US');
for (const [name, options] of [
  ['cues + learned model (shipped)', { model: shippedTopicModel() }],
  ['cues alone (baseline)', {}],
] as const) {
  console.log(name);
  console.log(`  with abstracts: ${count(papersPerSecond(withAbstract, options))} papers/s`);
  console.log(`  title only:     ${count(papersPerSecond(titleOnly, options))} papers/s`);
  console.log(
    `  2,000 papers with abstracts: ${timeFor(withAbstract, 2000, options).toFixed(1)} ms (median of 10)`,
  );
  console.log(
    `  2,000 titles only:           ${timeFor(titleOnly, 2000, options).toFixed(1)} ms (median of 10)`,
  );
}
