import { TOPIC_IDS, type TopicId } from '../paper';
import type { CandidateDef } from './candidates';
import { anchoredSource } from './scan';

/**
 * The learned second opinion (topic-model.json, rebuilt by `npm run train:topics`): one logistic
 * regression per topic over the words of the title and abstract, plus the cue score. It never
 * adds a topic the cues found no evidence for, so every badge still has phrases of the text
 * behind it. It promotes: a topic with evidence under the bar is shown when the model is confident
 * enough. And it vetoes: of two or more topics over the bar, one with modest evidence is dropped
 * when the model finds it very unlikely, as long as another stays. A paper listed without its
 * abstract gets the same regressions trained on titles alone (`titleTopics`), which only promote.
 */
export interface TopicModelData {
  /** Probability from which a topic under the bar is promoted; it maps to the bar's score, 0.5. */
  promoteAt: number;
  /** The model is asked only about topics whose cue score is at least this. */
  askFrom: number;
  /** A topic over the bar may be vetoed only when its cue score is under this… */
  vetoBelow: number;
  /** …and the model's probability for it is under this. */
  vetoAt: number;
  topics: Partial<Record<TopicId, LearnedTopicData>>;
  /**
   * The regressions trained on the titles alone, with the cue scores of titles alone: the model
   * for a paper listed without its abstract (the model trained on abstracts, asked about a title,
   * promoted about as many wrong topics as right ones).
   */
  titleTopics?: Partial<Record<TopicId, LearnedTopicData>>;
  /**
   * Candidate phrases (candidates.ts): a topic the cues found no evidence for but one of its
   * candidates names is shown when the model's probability reaches `candidatePromoteAt`
   * (`titleCandidatePromoteAt` for a title alone, when given).
   */
  candidates?: readonly CandidateDef[];
  candidatePromoteAt?: number;
  titleCandidatePromoteAt?: number;
}

export interface LearnedTopicData {
  intercept: number;
  /** Weight of the cue score (0–1). */
  cue: number;
  /** Weights by feature (a lowercase word); others weigh 0. */
  weights: Record<string, number>;
}

/**
 * The model as `classify` uses it, made by compileTopicModel in the background and sent to content
 * scripts as a TopicModelMessage: a row of weights per word (a column per topic, TOPIC_IDS order),
 * found by the word's key in an open-addressing table.
 */
export interface TopicModel {
  promoteAt: number;
  askFrom: number;
  vetoBelow: number;
  /** `vetoAt` on learnedScore's scale. */
  vetoUnder: number;
  /** Per topic (TOPIC_IDS order); a topic the model does not cover is never promoted or vetoed. */
  intercepts: readonly number[];
  cues: readonly number[];
  /**
   * Word keys + 1 (0: a free slot), in a table whose size is a power of two, at most a quarter
   * full, so a look-up mostly reads one slot: several times quicker than a Map here, and looked up
   * for every word of every abstract with evidence under the bar.
   */
  slots: Int32Array;
  /** Per slot: the offset of its word's row in `weights`. */
  rowOf: Int32Array;
  /**
   * In hundredths, the model file's resolution (train:topics rounds to it): a row's weights add up
   * as exact integers, and the typed array holds them in a quarter of a plain array's memory.
   */
  weights: Int16Array;
  /** The model for a title alone (TopicModelData.titleTopics), when the file has one. */
  title?: TopicModel;
  /** TopicModelData.candidates, one pattern per anchor (compileCandidates). */
  candidates?: readonly CompiledCandidate[];
  /** `candidatePromoteAt` on learnedScore's scale (`titleCandidatePromoteAt` for `title`). */
  candidateBar: number;
}

/** A candidate phrase as classify reads it: an anchor, its topic and its pattern (anchoredSource). */
export type CompiledCandidate = [anchor: string, topic: TopicId, source: string];

/** Candidates (candidates.ts) as the content script needs them: no anchor twice. */
export function compileCandidates(defs: readonly CandidateDef[]): CompiledCandidate[] {
  const out: CompiledCandidate[] = [];
  for (const def of defs) {
    for (const anchor of def.anchors) {
      if (out.some((c) => c[0] === anchor)) throw new Error(`candidate anchor twice: ${anchor}`);
      out.push([anchor, def.topic, anchoredSource({ ...def, anchors: [anchor] })]);
    }
  }
  return out;
}

export function compileTopicModel(data: TopicModelData): TopicModel {
  const { promoteAt, vetoAt, titleTopics, candidates } = data;
  const candidatePromoteAt = data.candidatePromoteAt ?? promoteAt;
  // A promoted topic (p >= promoteAt) must never be vetoed (p < vetoAt).
  if (!(promoteAt > 0 && promoteAt < 1 && vetoAt >= 0 && vetoAt < promoteAt)) {
    throw new RangeError('Topic model: needs 0 <= vetoAt < promoteAt < 1');
  }
  const titleCandidatePromoteAt = data.titleCandidatePromoteAt ?? candidatePromoteAt;
  // A candidate is shown on the model's word alone: never more easily than evidence under the bar,
  // with an abstract or without (checked even where the model has no part for titles).
  const candidateBars = { candidatePromoteAt, titleCandidatePromoteAt };
  for (const [name, bar] of Object.entries(candidateBars)) {
    if (!(bar >= promoteAt && bar < 1)) {
      throw new RangeError(`Topic model: needs promoteAt <= ${name} < 1`);
    }
  }
  // A topic the model does not cover gets a constant probability between the two: never promoted,
  // never vetoed.
  const neutral = (vetoAt + promoteAt) / 2;
  const n = TOPIC_IDS.length;
  const rows = new Map<number, number>();
  const entries: [row: number, column: number, weight: number][] = [];
  const intercepts: number[] = [];
  const cues: number[] = [];
  TOPIC_IDS.forEach((id, column) => {
    const topic = data.topics[id];
    intercepts.push(topic?.intercept ?? Math.log(neutral / (1 - neutral)));
    cues.push(topic?.cue ?? 0);
    for (const [word, weight] of Object.entries(topic?.weights ?? {})) {
      const key = featureKey(word);
      let row = rows.get(key);
      if (row === undefined) {
        row = rows.size * n;
        rows.set(key, row);
      }
      entries.push([row, column, weight]);
    }
  });
  const weights = new Int16Array(rows.size * n);
  for (const [row, column, weight] of entries) {
    const hundredths = Math.round(weight * 100);
    if (Math.abs(hundredths - weight * 100) > 1e-6 || Math.abs(hundredths) > 0x7fff) {
      throw new RangeError(`Topic model: weight ${weight} is not in hundredths within ±327`);
    }
    weights[row + column] = hundredths;
  }
  const { slots, rowOf } = hashTable([...rows.keys()], n);
  const model: TopicModel = {
    promoteAt,
    askFrom: data.askFrom,
    vetoBelow: data.vetoBelow,
    vetoUnder: vetoAt / (vetoAt + promoteAt),
    intercepts,
    cues,
    slots,
    rowOf,
    weights,
    candidates: candidates && compileCandidates(candidates),
    candidateBar: candidatePromoteAt / (candidatePromoteAt + promoteAt),
  };
  if (titleTopics) {
    const title = compileTopicModel({
      ...data,
      topics: titleTopics,
      titleTopics: undefined,
      candidates: undefined,
      candidatePromoteAt: titleCandidatePromoteAt,
    });
    // The same list: the tools compile its patterns once (a message may copy it, costing a second).
    model.title = { ...title, candidates: model.candidates };
  }
  return model;
}

/**
 * The open-addressing table of `keys` (a word's key per row, in row order): the same layout from
 * the file (compileTopicModel) and from a message (topicModelFromMessage).
 */
function hashTable(keys: ArrayLike<number>, n: number): { slots: Int32Array; rowOf: Int32Array } {
  let size = 16;
  while (size < keys.length * 4) size *= 2;
  const slots = new Int32Array(size);
  const rowOf = new Int32Array(size);
  for (let row = 0; row < keys.length; row++) {
    const key = keys[row] as number;
    let slot = (key + 1) & (size - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot] = key + 1;
    rowOf[slot] = row * n;
  }
  return { slots, rowOf };
}

/**
 * A TopicModel as a message carries it (Chrome's runtime messages are JSON, which has no typed
 * arrays): the word keys (one per row) and the weights as base64 of their bytes. About half the
 * size of the plain arrays as JSON, with no table of free slots, and read in a few milliseconds.
 */
export interface TopicModelMessage
  extends Omit<TopicModel, 'slots' | 'rowOf' | 'weights' | 'title'> {
  /** Base64 of an Int32Array: the key of each row's word. */
  keys: string;
  /** Base64 of `weights` (Int16Array). */
  weights: string;
  title?: TopicModelMessage;
}

export function topicModelToMessage(model: TopicModel): TopicModelMessage {
  const { slots, rowOf, weights, title, ...rest } = model;
  const keys = new Int32Array(weights.length / TOPIC_IDS.length);
  for (let slot = 0; slot < slots.length; slot++) {
    if (slots[slot] !== 0)
      keys[(rowOf[slot] as number) / TOPIC_IDS.length] = (slots[slot] as number) - 1;
  }
  return {
    ...rest,
    keys: toBase64(keys),
    weights: toBase64(weights),
    // The title part's candidates are the same list (compileTopicModel): sent once.
    ...(title ? { title: { ...topicModelToMessage(title), candidates: undefined } } : {}),
  };
}

export function topicModelFromMessage(message: TopicModelMessage): TopicModel {
  const { keys, weights, title, ...rest } = message;
  const model: TopicModel = {
    ...rest,
    ...hashTable(new Int32Array(fromBase64(keys)), TOPIC_IDS.length),
    weights: new Int16Array(fromBase64(weights)),
  };
  if (title) model.title = { ...topicModelFromMessage(title), candidates: model.candidates };
  return model;
}

function toBase64(array: Int32Array | Int16Array): string {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  let binary = '';
  // In chunks: fromCharCode takes its bytes as arguments, and a call has a limit on those.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): ArrayBuffer {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Keys are kept to 30 bits, so they stay small integers, quick to look up. */
const KEY_MASK = 0x3fffffff;

/** The key of a word of the model file (lowercase ASCII letters and digits): its hash, FNV-1a. */
export function featureKey(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return hash & KEY_MASK;
}

/** Per model row, the last featureSums call that counted it (a Set per call cost a third more). */
let stamps = new Int32Array(0);
let lastStamp = 0;

/**
 * Sums, per topic, the weights of the texts' words (runs of ASCII letters and digits, case
 * folded), each word once however often it occurs; pass the result to learnedScore. Each word's
 * key is hashed as the characters are read, with no string made per word: this runs on every
 * card with evidence under the bar. (Pairs of adjacent words as well scored no better on
 * held-out papers and cost a third more time.)
 */
export function featureSums(model: TopicModel, ...texts: string[]): number[] {
  const n = TOPIC_IDS.length;
  const sums = new Array<number>(n).fill(0);
  const { slots, rowOf, weights } = model;
  const mask = slots.length - 1;
  // Kept a 32-bit integer, as the stamps array stores it, so the two always compare equal.
  lastStamp = (lastStamp + 1) | 0;
  const stamp = lastStamp;
  if (stamps.length < weights.length / n) stamps = new Int32Array(weights.length / n);
  for (const text of texts) {
    let hash = FNV_OFFSET;
    for (let i = 0, inWord = false, end = text.length; i <= end; i++) {
      // A space past the end ends the last word; reading past the end would slow every read.
      const code = i < end ? text.charCodeAt(i) : 32;
      const lower = code | 32;
      if ((lower > 96 && lower < 123) || (code > 47 && code < 58)) {
        hash = Math.imul(hash ^ lower, FNV_PRIME);
        inWord = true;
        continue;
      }
      if (!inWord) continue;
      const stored = (hash & KEY_MASK) + 1;
      hash = FNV_OFFSET;
      inWord = false;
      let slot = stored & mask;
      while (slots[slot] !== 0 && slots[slot] !== stored) slot = (slot + 1) & mask;
      if (slots[slot] === 0) continue;
      const row = rowOf[slot] as number;
      if (stamps[row / n] === stamp) continue;
      stamps[row / n] = stamp;
      for (let column = 0; column < n; column++)
        sums[column] = (sums[column] as number) + (weights[row + column] as number);
    }
  }
  // From hundredths (exact integers until here).
  for (let column = 0; column < n; column++) sums[column] = (sums[column] as number) / 100;
  return sums;
}

/**
 * The learned score of topic `id`, on the cue scores' scale: the model's probability p as
 * p / (p + promoteAt), so that exactly `promoteAt` scores 0.5, the bar.
 */
export function learnedScore(
  model: TopicModel,
  id: TopicId,
  sums: readonly number[],
  cueScore: number,
): number {
  const column = TOPIC_IDS.indexOf(id);
  const z =
    (model.intercepts[column] as number) +
    (model.cues[column] as number) * cueScore +
    (sums[column] as number);
  const p = 1 / (1 + Math.exp(-z));
  return p / (p + model.promoteAt);
}
