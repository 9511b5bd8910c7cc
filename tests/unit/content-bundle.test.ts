/**
 * What the content scripts must not bundle: the cue table and the learned model come from the
 * background (`get-classifier`), which keeps the scripts within their 30 KB gzip budget and the
 * model's 944 KB out of every page. Follows the value imports (not type-only ones, which the
 * bundler drops) from each content script through the source, as the bundler would.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Matches `import … from '…'`, `export … from '…'` and `import '…'`, across lines. */
const IMPORT_RE = /^(?:import|export)\s+(type\s+)?(?:([\s\S]*?)\s+from\s+)?['"]([^'"]+)['"]/gm;

/** Whether a clause names only types (`{ type A, type B }`), which the bundler drops. */
function onlyTypes(clause: string | undefined): boolean {
  const braces = clause?.trim().match(/^\{([\s\S]*)\}$/);
  if (!braces) return false;
  const names = (braces[1] as string)
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((name) => name.startsWith('type '));
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined; // a package: not ours
  // A query (`./card.css?inline`) asks the bundler for a form of the same file.
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`cannot resolve ${specifier} from ${relative(ROOT, from)}`);
}

/** Every source file of ours that `entry` bundles, as paths relative to the repository. */
function bundledSources(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [join(ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    const path = relative(ROOT, file);
    if (seen.has(path)) continue;
    seen.add(path);
    if (!/\.tsx?$/.test(file)) continue;
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(IMPORT_RE)) {
      const [, typeOnly, clause, specifier] = match;
      if (typeOnly || onlyTypes(clause)) continue;
      const target = resolveImport(file, specifier as string);
      if (target) queue.push(target);
    }
  }
  return seen;
}

const KEPT_OUT = [
  'lib/topics/cues.ts',
  'lib/topics/classify.ts',
  'lib/topics/shipped-model.ts',
  'lib/topics/topic-model.json',
  'lib/topics/learn.ts',
  'lib/topics/candidates.ts',
];

describe('the content scripts', () => {
  it.each([
    'entrypoints/arxiv.content.ts',
    'entrypoints/huggingface.content.ts',
    'entrypoints/sites.content.ts',
  ])('%s bundles the classifier but neither its cues nor the learned model', (entry) => {
    const sources = bundledSources(entry);
    // The walk reaches the classifier, so a missing file below means something.
    expect(sources).toContain('lib/topics/engine.ts');
    expect(sources).toContain('lib/topics/learned.ts');
    for (const file of KEPT_OUT) expect(sources).not.toContain(file);
  });

  it('finds the cues and the model where they are bundled: in the background', () => {
    const sources = bundledSources('entrypoints/background.ts');
    expect(sources).toContain('lib/topics/cues.ts');
    expect(sources).toContain('lib/topics/shipped-model.ts');
  });
});
