/**
 * Would a learned model beat the cues? Cross-validates two small learned classifiers on the
 * labelled papers in the repository (the seed and development sets) and prints them beside the
 * cue classifier on the same papers:
 *
 * - words: one logistic regression per topic over the words and word pairs of the title and
 *   abstract (the kind of model the topic issue allows: small, rebuilt from data in the repo);
 * - cues + words: the same, with the cue classifier's nine topic scores as extra features.
 *
 *   npm run eval:learned                 # 5-fold cross-validation, title + abstract
 *   npm run eval:learned -- --folds 10
 *
 * The cues were tuned on these papers, so their row is optimistic; the learned rows are honest
 * (each paper is scored by a model that never saw it). Deterministic: fixed fold split and
 * training order.
 */
import { TOPIC_IDS, type TopicId } from '../lib/paper';
import { classify } from '../lib/topics/classify';
import { evaluateTopics } from '../lib/topics/metrics';
import { type FixturePaper, readFixture } from '../tests/fixtures/topics/fixtures';

const EPOCHS = 60;
const LEARNING_RATE = 0.1;
const L2 = 1e-4;
/** A word or pair must occur in this many training papers to be a feature. */
const MIN_PAPERS = 3;
/** Cue scores (0–1) are scaled up so they can outweigh a handful of word features. */
const CUE_FEATURE_SCALE = 3;
const THRESHOLDS = [0.2, 0.35, 0.5];
const STOP_WORDS = new Set(
  'a an and are as at be been by can for from has have in is it its of on or our that the their these this to we which with'.split(
    ' ',
  ),
);

type Sparse = [index: number, value: number][];

function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9-]+/g) ?? []).filter((w) => !STOP_WORDS.has(w));
}

/** Words, adjacent word pairs, and title words marked as such. */
function textFeatures(paper: FixturePaper): string[] {
  const all = words(`${paper.title} ${paper.abstract ?? ''}`);
  const features = new Set<string>(all);
  for (let i = 0; i + 1 < all.length; i++) features.add(`${all[i]} ${all[i + 1]}`);
  for (const w of words(paper.title)) features.add(`title:${w}`);
  return [...features];
}

function cueScores(paper: FixturePaper): number[] {
  const scores = new Map(classify(paper, { minScore: 0.01 }).map((t) => [t.id, t.score]));
  return TOPIC_IDS.map((id) => scores.get(id) ?? 0);
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function dot(weights: Float64Array, x: Sparse): number {
  let z = 0;
  for (const [j, v] of x) z += (weights[j] ?? 0) * v;
  return z;
}

/** One-vs-rest logistic regression by stochastic gradient descent, in a fixed order. */
function train(examples: { x: Sparse; positive: boolean }[], dimension: number): Float64Array {
  const weights = new Float64Array(dimension);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const { x, positive } of examples) {
      const error = sigmoid(dot(weights, x)) - (positive ? 1 : 0);
      for (const [j, v] of x)
        weights[j] = (weights[j] ?? 0) - LEARNING_RATE * (error * v + L2 * (weights[j] ?? 0));
    }
  }
  return weights;
}

/** The items in a fixed pseudo-random order (a linear congruential generator, seed 7). */
function shuffled<T>(items: readonly T[]): T[] {
  const keyed = items.map((item, i) => ({ item, key: 0, i }));
  let state = 7;
  for (const k of keyed) {
    state = (state * 1103515245 + 12345) % 2147483648;
    k.key = state;
  }
  return keyed.sort((a, b) => a.key - b.key || a.i - b.i).map((k) => k.item);
}

interface Example {
  paper: FixturePaper;
  features: string[];
  cues: number[];
  probabilities: Map<TopicId, number>;
}

/** Cross-validated probabilities per paper and topic, in the papers' order. */
function crossValidate(
  papers: FixturePaper[],
  folds: number,
  withCues: boolean,
): Map<TopicId, number>[] {
  const examples: Example[] = papers.map((paper) => ({
    paper,
    features: textFeatures(paper),
    cues: withCues ? cueScores(paper) : [],
    probabilities: new Map(),
  }));
  const order = shuffled(examples);
  for (let fold = 0; fold < folds; fold++) {
    const testing = order.filter((_, k) => k % folds === fold);
    const training = order.filter((_, k) => k % folds !== fold);
    const paperCount = new Map<string, number>();
    for (const e of training)
      for (const f of e.features) paperCount.set(f, (paperCount.get(f) ?? 0) + 1);
    const vocabulary = new Map<string, number>();
    for (const [f, c] of paperCount) if (c >= MIN_PAPERS) vocabulary.set(f, vocabulary.size);
    const cueOffset = vocabulary.size;
    const biasIndex = cueOffset + (withCues ? TOPIC_IDS.length : 0);
    const vectorOf = (e: Example): Sparse => {
      const x: Sparse = [];
      for (const f of e.features) {
        const j = vocabulary.get(f);
        if (j !== undefined) x.push([j, 1]);
      }
      e.cues.forEach((score, t) => {
        if (score > 0) x.push([cueOffset + t, score * CUE_FEATURE_SCALE]);
      });
      x.push([biasIndex, 1]);
      return x;
    };
    const trainingVectors = training.map((e) => ({ e, x: vectorOf(e) }));
    for (const topic of TOPIC_IDS) {
      const weights = train(
        trainingVectors.map(({ e, x }) => ({ x, positive: e.paper.topics.includes(topic) })),
        biasIndex + 1,
      );
      for (const e of testing) e.probabilities.set(topic, sigmoid(dot(weights, vectorOf(e))));
    }
  }
  return examples.map((e) => e.probabilities);
}

function row(name: string, papers: FixturePaper[], predicted: TopicId[][]): string {
  const r = evaluateTopics(
    papers.map((p, i) => ({ gold: p.topics, predicted: predicted[i] ?? [] })),
  );
  const f = (x: number) => x.toFixed(3);
  return `${name.padEnd(30)} ${f(r.micro.f1)}  ${f(r.micro.precision)}  ${f(r.micro.recall)}  ${f(r.noTopic.precision)}`;
}

function main(): void {
  const args = process.argv.slice(2);
  const foldsArg = args.indexOf('--folds');
  const folds = foldsArg >= 0 ? Number(args[foldsArg + 1]) : 5;
  if (!Number.isInteger(folds) || folds < 2) {
    process.stderr.write('usage: eval-learned [--folds N>=2]\n');
    process.exitCode = 2;
    return;
  }
  const papers = [...readFixture('seed-papers.jsonl'), ...readFixture('dev-papers.jsonl')];
  console.log(`${papers.length} labelled papers, ${folds}-fold cross-validation, title + abstract`);
  console.log(`${'classifier'.padEnd(30)} micro-F1 prec   recall "no topic" prec`);
  console.log(
    row(
      'cues (tuned on these papers)',
      papers,
      papers.map((p) => classify(p).map((t) => t.id)),
    ),
  );
  for (const withCues of [false, true]) {
    const probabilities = crossValidate(papers, folds, withCues);
    for (const threshold of THRESHOLDS) {
      const predicted = probabilities.map((m) =>
        TOPIC_IDS.filter((id) => (m.get(id) ?? 0) >= threshold),
      );
      const name = `${withCues ? 'cues + words' : 'words'}, p >= ${threshold}`;
      console.log(row(name, papers, predicted));
    }
  }
}

main();
