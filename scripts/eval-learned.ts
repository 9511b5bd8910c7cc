/**
 * How much does the learned model (lib/topics/learned.ts) add to the cues, on papers it was not
 * trained on? Trains it as `npm run train:topics` does, on all but some of the labelled papers
 * (the seed and development sets), and classifies the rest with and without it:
 *
 *   npm run eval:learned                        # 5-fold cross-validation over all the papers
 *   npm run eval:learned -- --folds 10
 *   npm run eval:learned -- --holdout w,x,y,z   # train on the other batches, score these
 *   npm run eval:learned -- --groups 10         # the last 30 batches, three at a time, and the mean
 *   npm run eval:learned -- --groups 10 --reverse   # any of these, trained in reverse order
 *   npm run eval:learned -- --holdout w,x --misses  # where the errors come from (misses.ts);
 *                                                   # with cross-validation too, not --groups
 *
 * A change to the model should be judged on the mean over many groups, in both orders: the order
 * of the training papers alone moves a single group's micro-F1 by up to three points.
 *
 * The cues were tuned on most of these papers, so both rows are optimistic; batches scored
 * untouched and never tuned on (tests/fixtures/topics/SOURCES.md) make the fair holdout. Title +
 * abstract, and the title alone (with the model's part trained on titles). Deterministic: fixed
 * fold split.
 */
import type { TopicId } from '../lib/paper';
import { classify } from '../lib/topics/classify';
import {
  abstractExamples,
  type TrainingExample,
  titleTrainingExample,
  trainWithTitles,
} from '../lib/topics/learn';
import { compileTopicModel, type TopicModel } from '../lib/topics/learned';
import { evaluateTopics } from '../lib/topics/metrics';
import {
  formatMissBreakdown,
  type MissThresholds,
  missBreakdown,
  type PaperEvidence,
  paperEvidence,
} from '../lib/topics/misses';
import { type FixturePaper, readFixture } from '../tests/fixtures/topics/fixtures';

interface Example {
  paper: FixturePaper;
  /** The paper with its abstract, whole and cut to its opening. */
  training: TrainingExample[];
  /** The same paper as a title alone, for the model's part for titles. */
  titleTraining: TrainingExample;
}

/** The examples in a fixed pseudo-random order (a linear congruential generator, seed 7). */
function shuffled<T>(items: readonly T[]): T[] {
  let state = 7;
  const keyed = items.map((item, i) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return { item, key: state, i };
  });
  return keyed.sort((a, b) => a.key - b.key || a.i - b.i).map((k) => k.item);
}

type Split = { training: Example[]; testing: Example[] }[];

type Results = { gold: FixturePaper; predicted: TopicId[] }[];

function score(results: Results) {
  return evaluateTopics(results.map(({ gold, predicted }) => ({ gold: gold.topics, predicted })));
}

function row(name: string, results: Results): string {
  const r = score(results);
  const f = (x: number) => x.toFixed(3);
  return `${name.padEnd(30)} ${f(r.micro.f1)}  ${f(r.micro.precision)}  ${f(r.micro.recall)}  ${f(r.noTopic.precision)}`;
}

/**
 * Trains on each split and classifies its test papers, with and without the model; with
 * `withEvidence`, also gathers what misses.ts needs (three more passes over each paper).
 */
function evaluate(splits: Split, reverse: boolean, withEvidence = false) {
  const cues: Results = [];
  const learned: Results = [];
  const titleCues: Results = [];
  const titleLearned: Results = [];
  const evidence: PaperEvidence[] = [];
  const titleEvidence: PaperEvidence[] = [];
  let thresholds: MissThresholds | undefined;
  let promoted = 0;
  for (const split of splits) {
    const training = reverse ? [...split.training].reverse() : split.training;
    const model: TopicModel = compileTopicModel(
      trainWithTitles(
        training.flatMap((e) => e.training),
        training.map((e) => e.titleTraining),
      ),
    );
    for (const { paper } of split.testing) {
      const before = classify(paper).map((t) => t.id);
      const after = classify(paper, { model }).map((t) => t.id);
      promoted += after.length - before.length;
      cues.push({ gold: paper, predicted: before });
      learned.push({ gold: paper, predicted: after });
      const title = { title: paper.title };
      const titleAfter = classify(title, { model }).map((t) => t.id);
      titleCues.push({ gold: paper, predicted: classify(title).map((t) => t.id) });
      titleLearned.push({ gold: paper, predicted: titleAfter });
      if (withEvidence) {
        evidence.push(paperEvidence(paper, after, model));
        titleEvidence.push(paperEvidence({ ...paper, abstract: undefined }, titleAfter, model));
      }
    }
    // Every split's model is trained with the same settings, and its part for titles too.
    thresholds = { askFrom: model.askFrom, vetoBelow: model.vetoBelow };
  }
  return { cues, learned, titleCues, titleLearned, promoted, evidence, titleEvidence, thresholds };
}

/** Columns of the `--groups` table: header, width. */
const GROUP_COLUMNS: [string, number][] = [
  ['batches', 12],
  ['micro-F1', 10],
  ['precision', 11],
  ['"no topic"', 12],
  ['titles: F1', 12],
  ['"no topic"', 10],
];

function groupRow(cells: string[]): string {
  return cells
    .map((cell, i) => cell.padEnd((GROUP_COLUMNS[i] as [string, number])[1]))
    .join('')
    .trimEnd();
}

/**
 * The last `count` groups of three batches (in the order the development set lists them), each
 * held out in turn: a line per group with the model, and their mean.
 */
function evaluateGroups(examples: Example[], count: number, reverse: boolean): void {
  const batches = [...new Set(examples.map((e) => e.paper.batch).filter((b) => b !== undefined))];
  const groups: string[][] = [];
  for (let end = batches.length; groups.length < count && end >= 3; end -= 3) {
    groups.push(batches.slice(end - 3, end));
  }
  console.log(
    `${groups.length} group${groups.length === 1 ? '' : 's'} of three batches, each held out in turn${reverse ? ', trained in reverse order' : ''}`,
  );
  console.log(groupRow(GROUP_COLUMNS.map(([header]) => header)));
  const f = (x: number) => x.toFixed(3);
  const sums = [0, 0, 0, 0, 0];
  for (const group of groups) {
    const held = new Set(group);
    const inGroup = (e: Example) => held.has(e.paper.batch ?? '');
    const run = evaluate(
      [{ training: examples.filter((e) => !inGroup(e)), testing: examples.filter(inGroup) }],
      reverse,
    );
    const a = score(run.learned);
    const t = score(run.titleLearned);
    const values = [
      a.micro.f1,
      a.micro.precision,
      a.noTopic.precision,
      t.micro.f1,
      t.noTopic.precision,
    ];
    values.forEach((v, i) => {
      sums[i] = (sums[i] as number) + v;
    });
    console.log(groupRow([group.join(','), ...values.map(f)]));
  }
  console.log(groupRow(['mean', ...sums.map((s) => f(s / groups.length))]));
}

function main(): void {
  const args = process.argv.slice(2);
  const argAfter = (flag: string) => {
    const at = args.indexOf(flag);
    return at >= 0 ? (args[at + 1] ?? '') : undefined;
  };
  const folds = Number(argAfter('--folds') ?? 5);
  const holdoutArg = argAfter('--holdout');
  const holdout = holdoutArg === undefined ? undefined : new Set(holdoutArg.split(','));
  const groupsArg = argAfter('--groups');
  const groups = groupsArg === undefined ? undefined : Number(groupsArg);
  const reverse = args.includes('--reverse');
  const misses = args.includes('--misses');
  if (
    !Number.isInteger(folds) ||
    folds < 2 ||
    holdout?.has('') ||
    (groups !== undefined && (!Number.isInteger(groups) || groups < 1)) ||
    // One way of splitting at a time.
    [args.includes('--folds'), holdout !== undefined, groups !== undefined].filter(Boolean).length >
      1 ||
    (misses && groups !== undefined)
  ) {
    process.stderr.write(
      'usage: eval-learned [[--folds N>=2 | --holdout BATCH,BATCH,...] [--misses] | --groups N>=1] [--reverse]\n',
    );
    process.exitCode = 2;
    return;
  }
  const examples = [...readFixture('seed-papers.jsonl'), ...readFixture('dev-papers.jsonl')].map(
    (paper): Example => ({
      paper,
      training: abstractExamples(paper),
      titleTraining: titleTrainingExample(paper),
    }),
  );
  if (groups !== undefined) {
    evaluateGroups(examples, groups, reverse);
    return;
  }
  let splits: Split;
  if (holdout) {
    const inHoldout = (e: Example) => holdout.has(e.paper.batch ?? '');
    splits = [
      { training: examples.filter((e) => !inHoldout(e)), testing: examples.filter(inHoldout) },
    ];
    const tested = splits[0]?.testing.length ?? 0;
    if (tested === 0) {
      process.stderr.write(`no development papers in batches ${[...holdout].join(', ')}\n`);
      process.exitCode = 2;
      return;
    }
    console.log(
      `${tested} papers of batches ${[...holdout].join(', ')}, trained on the other ${examples.length - tested}`,
    );
  } else {
    const order = shuffled(examples);
    splits = Array.from({ length: folds }, (_, fold) => ({
      training: order.filter((_, k) => k % folds !== fold),
      testing: order.filter((_, k) => k % folds === fold),
    }));
    console.log(`${examples.length} labelled papers, ${folds}-fold cross-validation`);
  }
  const run = evaluate(splits, reverse, misses);
  const { cues, learned, titleCues, titleLearned, promoted } = run;
  console.log(`${'classifier'.padEnd(30)} micro-F1 prec   recall "no topic" prec`);
  console.log(row('title + abstract: cues', cues));
  console.log(row('  + learned model', learned));
  console.log(row('title only: cues', titleCues));
  console.log(row('  + learned model (titles)', titleLearned));
  console.log(`topics the model promoted (title + abstract): ${promoted} on ${cues.length} papers`);
  if (misses && run.thresholds) {
    console.log('\nwith the learned model, title + abstract');
    console.log(formatMissBreakdown(missBreakdown(run.evidence, run.thresholds)));
    console.log('the title alone');
    console.log(formatMissBreakdown(missBreakdown(run.titleEvidence, run.thresholds)));
  }
}

main();
