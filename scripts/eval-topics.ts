/**
 * Evaluates the topic classifier on labelled JSONL files (default: the seed set,
 * tests/fixtures/topics/seed-papers.jsonl, a copy of shared/data/seed-papers.jsonl, then the
 * development set, dev-papers.jsonl beside it; SOURCES.md there says where they come from).
 *
 *   npm run eval:topics                    # seed and dev sets, title+abstract and title only
 *   npm run eval:topics -- --file PATH     # another labelled JSONL ({title, abstract?, topics})
 *   npm run eval:topics -- --errors        # also list the papers whose topics differ
 *   npm run eval:topics -- --cues-only     # without the learned model (lib/topics/learned.ts)
 *   npm run eval:topics -- --misses        # where the errors come from (lib/topics/misses.ts)
 *
 * The classifier is the one the extension ships: the cues, then the learned model, which was
 * trained on these two sets (so their scores are optimistic; eval:learned scores it held out).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOPIC_IDS, type TopicId } from '../lib/paper';
import { classify } from '../lib/topics/classify';
import type { TopicModel } from '../lib/topics/learned';
import { evaluateTopics, formatReport, type LabelledPrediction } from '../lib/topics/metrics';
import { formatMissBreakdown, missBreakdown, paperEvidence } from '../lib/topics/misses';
import { shippedTopicModel } from '../lib/topics/shipped-model';

const DEFAULT_FILES = ['seed-papers.jsonl', 'dev-papers.jsonl'].map((name) =>
  fileURLToPath(new URL(`../tests/fixtures/topics/${name}`, import.meta.url)),
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
  const file = fileIndex >= 0 ? args[fileIndex + 1] : undefined;
  if (fileIndex >= 0 && !file) {
    process.stderr.write('usage: eval-topics [--file PATH] [--errors] [--cues-only] [--misses]\n');
    process.exitCode = 2;
    return;
  }
  const showErrors = args.includes('--errors');
  const showMisses = args.includes('--misses');
  const model = args.includes('--cues-only') ? undefined : shippedTopicModel();
  console.log(model ? 'cues + learned model\n' : 'cues only\n');
  for (const path of file ? [file] : DEFAULT_FILES) report(path, { showErrors, showMisses }, model);
}

function report(
  file: string,
  { showErrors, showMisses }: { showErrors: boolean; showMisses: boolean },
  model: TopicModel | undefined,
): void {
  const papers = readLabelled(file);
  const modes = [
    { name: 'title + abstract', titleOnly: false },
    { name: 'title only', titleOnly: true },
  ];
  for (const mode of modes) {
    const rows: (LabelledPrediction & { title: string })[] = papers.map((p) => ({
      title: p.title,
      gold: p.topics,
      predicted: classify(mode.titleOnly ? { title: p.title } : p, { model }).map((t) => t.id),
    }));
    const scores = evaluateTopics(rows);
    console.log(
      formatReport(
        scores,
        `== ${mode.name}: ${papers.length} papers (${relative(process.cwd(), file)})`,
      ),
    );
    if (showMisses) {
      // The shipped model's lines, also for the cues alone (whose misses under the bar no model
      // promotes, and which have no candidate phrases).
      const evidence = papers.map((p, i) =>
        paperEvidence(
          mode.titleOnly ? { ...p, abstract: undefined } : p,
          rows[i]?.predicted ?? [],
          model,
        ),
      );
      console.log(formatMissBreakdown(missBreakdown(evidence, model ?? shippedTopicModel())));
    }
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
