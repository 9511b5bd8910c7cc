/**
 * Classifier throughput on one core: `npm run bench:topics`. Warms up, then classifies the seed
 * papers repeatedly for about 2 s per mode and prints papers/s with abstracts and title only, plus
 * the time to classify 2,000 papers (a busy listing page).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classify } from '../lib/topics/classify';
import type { ClassifyInput } from '../lib/topics/types';

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

function papersPerSecond(inputs: readonly ClassifyInput[]): number {
  for (let i = 0; i < 100; i++) for (const x of inputs) classify(x);
  let n = 0;
  let sink = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < DURATION_MS) {
    for (const x of inputs) sink += classify(x).length;
    n += inputs.length;
    elapsed = performance.now() - start;
  }
  if (sink < 0) console.log(sink);
  return n / (elapsed / 1000);
}

function timeFor(inputs: readonly ClassifyInput[], count: number): number {
  const batch = Array.from({ length: count }, (_, i) => inputs[i % inputs.length] as ClassifyInput);
  const runs: number[] = [];
  for (let r = 0; r < 10; r++) {
    const start = performance.now();
    for (const x of batch) classify(x);
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)] as number;
}

const withAbstract = load();
const titleOnly = withAbstract.map((p) => ({ title: p.title }));
const full = papersPerSecond(withAbstract);
const titles = papersPerSecond(titleOnly);
console.log(`with abstracts: ${Math.round(full).toLocaleString('en-US')} papers/s`);
console.log(`title only:     ${Math.round(titles).toLocaleString('en-US')} papers/s`);
console.log(
  `2,000 papers with abstracts: ${timeFor(withAbstract, 2000).toFixed(1)} ms (median of 10)`,
);
console.log(
  `2,000 titles only:           ${timeFor(titleOnly, 2000).toFixed(1)} ms (median of 10)`,
);
