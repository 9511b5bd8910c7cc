/**
 * Evaluates the topic classifier on a labelled JSONL file (default: the seed set fixture,
 * tests/fixtures/topics/seed-papers.jsonl, a copy of shared/data/seed-papers.jsonl).
 *
 *   npm run eval:topics                    # seed set, title+abstract and title only
 *   npm run eval:topics -- --file PATH     # another labelled JSONL ({title, abstract?, topics})
 *   npm run eval:topics -- --errors        # also list the papers whose topics differ
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TOPIC_IDS, type TopicId } from '../lib/paper';
import { classify } from '../lib/topics/classify';
import { evaluateTopics, formatReport, type LabelledPrediction } from '../lib/topics/metrics';

const DEFAULT_FILE = fileURLToPath(
  new URL('../tests/fixtures/topics/seed-papers.jsonl', import.meta.url),
);

interface LabelledPaper {
  title: string;
  abstract?: string;
  topics: TopicId[];
}

/** Reads a labelled JSONL file; throws naming the line on a malformed record. */
export function readLabelled(path: string): LabelledPaper[] {
  const papers: LabelledPaper[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const r = JSON.parse(line) as Record<string, unknown>;
      const topics = r.topics;
      if (typeof r.title !== 'string' || !Array.isArray(topics)) {
        throw new Error(`${path} line ${i + 1}: needs "title" and "topics"`);
      }
      for (const t of topics) {
        if (!TOPIC_IDS.includes(t as TopicId))
          throw new Error(`${path} line ${i + 1}: unknown topic ${t}`);
      }
      papers.push({
        title: r.title,
        abstract: typeof r.abstract === 'string' ? r.abstract : undefined,
        topics: topics as TopicId[],
      });
    });
  return papers;
}

function main(): void {
  const args = process.argv.slice(2);
  const fileIndex = args.indexOf('--file');
  const file = fileIndex >= 0 ? args[fileIndex + 1] : DEFAULT_FILE;
  if (!file) {
    process.stderr.write('usage: eval-topics [--file PATH] [--errors]\n');
    process.exitCode = 2;
    return;
  }
  const showErrors = args.includes('--errors');
  const papers = readLabelled(file);
  const modes = [
    { name: 'title + abstract', titleOnly: false },
    { name: 'title only', titleOnly: true },
  ];
  for (const mode of modes) {
    const rows: (LabelledPrediction & { title: string })[] = papers.map((p) => ({
      title: p.title,
      gold: p.topics,
      predicted: classify(mode.titleOnly ? { title: p.title } : p).map((t) => t.id),
    }));
    const report = evaluateTopics(rows);
    console.log(formatReport(report, `== ${mode.name}: ${papers.length} papers (${file})`));
    if (showErrors) {
      for (const r of rows) {
        const g = [...r.gold].sort().join(',');
        const p = [...r.predicted].sort().join(',');
        if (g !== p) console.log(`  gold [${g}] predicted [${p}]  ${r.title.slice(0, 80)}`);
      }
    }
    console.log('');
  }
}

main();
