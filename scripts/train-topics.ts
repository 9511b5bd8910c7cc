/**
 * Rebuilds the learned topic model (lib/topics/topic-model.json) from the labelled papers in the
 * repository: the seed set and the development set (tests/fixtures/topics/SOURCES.md).
 *
 *   npm run train:topics              # writes lib/topics/topic-model.json
 *   npm run train:topics -- --check   # exit 1 if the file is not what the data gives
 *
 * Deterministic: the same data gives the same file, byte for byte.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { trainShippedModel } from '../lib/topics/learn';
import { readFixture } from '../tests/fixtures/topics/fixtures';

const MODEL_PATH = fileURLToPath(new URL('../lib/topics/topic-model.json', import.meta.url));

function buildModelFile(): string {
  const papers = [...readFixture('seed-papers.jsonl'), ...readFixture('dev-papers.jsonl')];
  return `${JSON.stringify(trainShippedModel(papers))}\n`;
}

function main(): void {
  const check = process.argv.includes('--check');
  const built = buildModelFile();
  if (check) {
    let current = '';
    try {
      current = readFileSync(MODEL_PATH, 'utf8');
    } catch {
      // Missing: reported below like a stale file.
    }
    if (current !== built) {
      process.stderr.write('lib/topics/topic-model.json is stale: run `npm run train:topics`\n');
      process.exitCode = 1;
      return;
    }
    console.log('lib/topics/topic-model.json is up to date');
    return;
  }
  writeFileSync(MODEL_PATH, built);
  type Topics = Record<string, { weights: object }>;
  const count = (topics: Topics) =>
    Object.values(topics)
      .map((t) => Object.keys(t.weights).length)
      .reduce((a, b) => a + b, 0);
  const data = JSON.parse(built) as { topics: Topics; titleTopics: Topics };
  console.log(
    `wrote lib/topics/topic-model.json: ${count(data.topics)} weights, ${count(data.titleTopics)} for titles alone, ${built.length} bytes`,
  );
}

main();
