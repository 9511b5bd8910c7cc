import { LIMITS } from '../limits';
import { TOPIC_IDS, type TopicId } from '../paper';
import type { AnchoredDef, CueDef, CueTable, GateId } from './cues';
import { type CompiledCandidate, featureSums, learnedScore, type TopicModel } from './learned';
import { anchoredSource, type LiteralScan, literalScan, sentenceEnds } from './scan';
import type { ClassifyInput, TopicMatch } from './types';

/*
 * The classifier itself, reading its cues from a cue table (cues.ts) handed to it as data: the
 * content script receives the table from the background with the learned model, so the cues are
 * not in its bundle; the tools and tests use classify.ts, which passes the shipped table.
 */

/**
 * The classifier's data as a content script holds it: the cue table and the learned model, which
 * the background sends once a page (message `get-classifier`; the model as a TopicModelMessage).
 */
export interface ClassifierData {
  cues: CueTable;
  model: TopicModel;
}

/** Options of `classify`. */
export interface ClassifyOptions {
  /** Smallest score (0–1) for a topic to be returned; default 0.5, the calibrated bar. */
  minScore?: number;
  /**
   * The learned model (learned.ts): a topic with evidence under the bar takes the model's score
   * when that is higher (for a title alone, the model's title part, if any), and with an
   * abstract, of two or more topics, one on modest evidence may be vetoed. Without it, the cues
   * alone.
   */
  model?: TopicModel;
}

/** The cue score of a topic that only a candidate phrase names: under the bar, however often. */
export const CANDIDATE_SCORE = 0.4;

/**
 * Raw score that maps to 0.5 when the paper has an abstract. A hair over 1, the weight of one
 * plain cue, so a topic resting on exactly that is under the bar and goes to the learned model:
 * such badges were right 67 times in 113 in cross-validation, against 88% from 0.6 up.
 */
export const ABSTRACT_BAR = 1.01;
/** Raw score that maps to 0.5 for a title alone: stricter, since a title is little text. */
export const TITLE_ONLY_BAR = 1.3;
/** A cue in the title counts this many times its weight. */
const TITLE_FACTOR = 2.4;
/** Extra occurrences of one cue in the abstract add this share of its weight each (up to 3). */
const REPEAT_SHARE = 0.5;
/** A cue seen only in background sentences (the first, earlier work) keeps this share. */
const BACKGROUND_SHARE = 0.6;
/** Same, for cues that are commonly one-line motivation ("inductive bias"). */
const MOTIVATION_SHARE = 0.35;
/** Context cues add at most this much to a topic. */
const CONTEXT_CAP = 0.3;
/** Bare "bias" mentions: weight of one, of one acting on a bias, and caps per field. */
const MENTION_WEIGHT = 0.3;
const ACTION_WEIGHT = 0.5;
const TITLE_MENTION_WEIGHT = 1.2;
const TITLE_ACTION_WEIGHT = 1.4;
const SUBJECT_FACTOR = 1.4;
const MENTION_CAP_ABSTRACT = 1.0;
const MENTION_CAP_TITLE = 1.6;
/** A topic needs this much core evidence to take the bare mentions. */
const OWNER_MIN_CORE = 0.3;
/** Without core evidence, bare mentions go to one of these when its context is this strong. */
const FALLBACK_TOPICS: readonly TopicId[] = [
  'social',
  'cultural',
  'modality',
  'ranking',
  'statistical',
];
const FALLBACK_MIN_CONTEXT = 0.07;

/**
 * What a pattern tried at an anchor is: a cue, a not-a-topic sense (`paperWide` when it is the
 * paper's sense of "bias": AnchoredDef.paperWide), a bare mention, an action.
 */
type Kind = CueDef | 'negative' | 'paperWide' | 'mention' | 'action';
const isNegative = (kind: Kind | undefined) => kind === 'negative' || kind === 'paperWide';

/**
 * The patterns tried where one anchor occurs, as one sticky regex: pattern k becomes
 * `(?:(?=(P))|)`, so a single `exec` gives each pattern's match (group 2k+1, from the anchor on;
 * group 2k+2 is the text before the anchor) or undefined, where a regex per pattern cost an
 * `exec` each ("bias" has over fifty). The lookahead starts each pattern at the anchor, as its
 * own sticky regex did; the empty alternative lets the others run when it fails.
 */
interface AnchorEntry {
  kinds: Kind[];
  source: string;
  /** Compiled where the anchor is first seen, which keeps it off the content script's start-up. */
  re?: RegExp;
}

/**
 * One pass over a field finds every anchor: the cues', and the candidate phrases' of the model in
 * use (a second pass for those cost a twentieth of `classify`).
 */
interface Scanner {
  scan: LiteralScan;
  /** Candidate anchor → its topic and sticky pattern. */
  patternByAnchor?: Map<string, CandidatePattern>;
}

/** A cue table made ready for classify (compiledCues), once per table. */
interface CompiledCues {
  byAnchor: Map<string, AnchorEntry>;
  anchors: readonly string[];
  contexts: Map<TopicId, { weight: number; re: RegExp }[]>;
  subject: RegExp;
  earlierWork: RegExp;
  machineLearning: RegExp;
  people: RegExp;
  gates: Map<GateId, RegExp>;
  cuesOnly: Scanner;
  /**
   * Per candidate list, its scanner, built on first use: a content script receives the model once
   * a page. Kept here, not on the model, which travels between the background and content scripts
   * as plain data.
   */
  scanners: WeakMap<readonly CompiledCandidate[], Scanner>;
}

const compiled = new WeakMap<CueTable, CompiledCues>();
function compiledCues(table: CueTable): CompiledCues {
  const known = compiled.get(table);
  if (known) return known;
  const byAnchor = new Map<string, AnchorEntry>();
  const addPattern = (kind: Kind, def: AnchoredDef) => {
    for (const anchor of def.anchors) {
      let e = byAnchor.get(anchor);
      if (!e) {
        e = { kinds: [], source: '' };
        byAnchor.set(anchor, e);
      }
      e.kinds.push(kind);
      e.source += `(?:(?=(${anchoredSource(def)}))|)`;
    }
  };
  // The order of insertion is the order results are used in: at one anchor, cues before the
  // mention and the actions (hit order breaks ties between equal weights; mention order is
  // evidence order).
  for (const c of table.cues) addPattern(c, c);
  for (const n of table.notATopic) addPattern(n.paperWide ? 'paperWide' : 'negative', n);
  addPattern('mention', table.mention);
  for (const x of table.actions) addPattern('action', x);
  const anchors = [...byAnchor.keys()];
  const cues: CompiledCues = {
    byAnchor,
    anchors,
    contexts: new Map(
      TOPIC_IDS.map((id) => [
        id,
        table.contexts
          .filter((c) => c.topic === id)
          .map((c) => ({ weight: c.weight, re: new RegExp(c.source, 'gi') })),
      ]),
    ),
    subject: new RegExp(table.subject, 'i'),
    earlierWork: new RegExp(table.earlierWork, 'i'),
    machineLearning: new RegExp(table.machineLearning, 'i'),
    people: new RegExp(table.people, 'i'),
    gates: new Map(
      Object.entries(table.gates).map(([id, source]) => [id as GateId, new RegExp(source, 'i')]),
    ),
    cuesOnly: { scan: literalScan(anchors) },
    scanners: new WeakMap(),
  };
  compiled.set(table, cues);
  return cues;
}

/**
 * Compiles what the first `classifyWith` on this data would: the cue table and the scanners of
 * the model's candidate phrases. A content script calls it when the data arrives, which is while
 * the page is still loading, so the work stays out of the first cards' slice.
 */
export function prepareClassifier({ cues, model }: ClassifierData): void {
  const compiled = compiledCues(cues);
  scannerFor(compiled, model.candidates);
  scannerFor(compiled, model.title?.candidates);
}

/** All anchor literals of a cue table, for tests (no anchor may be a prefix of another). */
export function anchorsOf(table: CueTable): readonly string[] {
  return compiledCues(table).anchors;
}

function scannerFor(cues: CompiledCues, list: readonly CompiledCandidate[] | undefined): Scanner {
  if (!list) return cues.cuesOnly;
  const known = cues.scanners.get(list);
  if (known) return known;
  const patternByAnchor = new Map<string, CandidatePattern>();
  for (const [anchor, topic, source] of list) {
    patternByAnchor.set(anchor, [topic, new RegExp(source, 'iy')]);
  }
  // A word that is both a cue's anchor and a candidate is scanned for once.
  const literals = new Set([...cues.anchors, ...patternByAnchor.keys()]);
  const scanner: Scanner = { scan: literalScan([...literals]), patternByAnchor };
  cues.scanners.set(list, scanner);
  return scanner;
}

type CandidatePattern = [topic: TopicId, re: RegExp];

/** Per topic, the candidate phrases found (at most three, each once). */
type CandidatePhrases = Map<TopicId, string[]>;

/** Adds the phrase of a candidate whose anchor is at `pos`, if its pattern matches there. */
function addCandidatePhrase(
  found: CandidatePhrases,
  [topic, re]: CandidatePattern,
  text: string,
  pos: number,
): void {
  re.lastIndex = pos;
  const m = re.exec(text);
  if (!m) return;
  const phrase = text.slice(pos - (m[1] as string).length, pos + m[0].length);
  const phrases = found.get(topic) ?? [];
  if (phrases.length < 3 && !phrases.includes(phrase)) phrases.push(phrase);
  found.set(topic, phrases);
}

interface Hit {
  cue: CueDef;
  start: number;
  end: number;
  text: string;
}

interface Mention {
  text: string;
  weight: number;
  isTitle: boolean;
  /** Part of a phrase acting on the bias ("mitigate … bias", "debiasing"). */
  acts: boolean;
}

/** One field (title or abstract): all anchored matches found in one pass, sentences lazily. */
class Field {
  readonly hits: Hit[] = [];
  /** Flat [start, end, …] spans of the not-a-topic senses of "bias". */
  readonly negatives: number[] = [];
  /** A not-a-topic sense that holds for the whole paper was found (AnchoredDef.paperWide). */
  hasPaperWideSense = false;
  /** Flat [start, end, …] spans of bare "bias" mentions and of phrases acting on a bias. */
  readonly mentions: number[] = [];
  readonly actions: number[] = [];
  private sentenceEnds: number[] | undefined;
  /** Per sentence, whether it matched the cues' `subject` (key -1 - sentence) or `earlierWork`. */
  private readonly sentenceTests = new Map<number, boolean>();

  /**
   * @param candidatesFound Where the candidate phrases `scanner` finds in this field are added.
   */
  constructor(
    readonly text: string,
    readonly isTitle: boolean,
    private readonly cues: CompiledCues,
    scanner: Scanner,
    candidatesFound: CandidatePhrases,
  ) {
    const found: [pos: number, entry: AnchorEntry, m: RegExpExecArray][] = [];
    scanner.scan(text, (anchor, pos) => {
      const candidate = scanner.patternByAnchor?.get(anchor);
      if (candidate) addCandidatePhrase(candidatesFound, candidate, text, pos);
      const entry = cues.byAnchor.get(anchor);
      if (!entry) return;
      entry.re ??= new RegExp(entry.source, 'iy');
      const re = entry.re;
      re.lastIndex = pos;
      const m = re.exec(text) as RegExpExecArray;
      // Negative senses first (in any order): cue hits and mentions overlapping them are dropped.
      for (let p = 0; p < entry.kinds.length; p++) {
        const kind = entry.kinds[p];
        if (isNegative(kind) && m[2 * p + 1] !== undefined) {
          this.negatives.push(spanStart(m, p, pos), spanEnd(m, p, pos));
          if (kind === 'paperWide') this.hasPaperWideSense = true;
        }
      }
      found.push([pos, entry, m]);
    });
    // Found where they end, and one anchor can end inside another: back to text order.
    found.sort((a, b) => a[0] - b[0]);
    for (const [pos, entry, m] of found) {
      for (let p = 0; p < entry.kinds.length; p++) {
        const kind = entry.kinds[p] as Kind;
        if (isNegative(kind) || m[2 * p + 1] === undefined) continue;
        const start = spanStart(m, p, pos);
        const end = spanEnd(m, p, pos);
        if (kind === 'action') this.actions.push(start, end);
        else if (overlaps(this.negatives, start, end)) continue;
        else if (kind === 'mention') this.mentions.push(start, end);
        else if (end > start)
          this.hits.push({ cue: kind, start, end, text: text.slice(start, end) });
      }
    }
  }

  /** Where the matches of a global regex start in the text, at most `max` (none matches ''). */
  matchStarts(re: RegExp, max: number): number[] {
    const out: number[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(this.text); m && out.length < max; m = re.exec(this.text)) {
      out.push(m.index);
    }
    return out;
  }

  /** Index of the sentence holding `pos`; 0 is the first. */
  sentenceOf(pos: number): number {
    this.sentenceEnds ??= sentenceEnds(this.text);
    const ends = this.sentenceEnds;
    let i = 0;
    while (i < ends.length && (ends[i] as number) < pos) i++;
    return i;
  }

  /**
   * Whether the sentence holding `pos` matches `re`, `subject` or `earlierWork`. Only that
   * sentence is searched, once: a search of the whole abstract cost a tenth of `classify`.
   */
  private sentenceMatches(re: RegExp, pos: number): boolean {
    const sentence = this.sentenceOf(pos);
    const key = re === this.cues.subject ? -1 - sentence : sentence;
    let found = this.sentenceTests.get(key);
    if (found === undefined) {
      const ends = this.sentenceEnds as number[];
      found = re.test(
        this.text.slice(sentence && (ends[sentence - 1] as number) + 1, ends[sentence]),
      );
      this.sentenceTests.set(key, found);
    }
    return found;
  }

  /** Whether the sentence holding `pos` states the paper's own contribution. */
  inSubjectSentence(pos: number): boolean {
    return this.sentenceMatches(this.cues.subject, pos);
  }

  /** Whether the sentence holding `pos` is background: the first, or one about earlier work. */
  inBackgroundSentence(pos: number): boolean {
    return this.sentenceOf(pos) === 0 || this.sentenceMatches(this.cues.earlierWork, pos);
  }
}

/** Where pattern `p` of an anchor's match at `pos` starts (group 2p+2: the text before the anchor). */
function spanStart(m: RegExpExecArray, p: number, pos: number): number {
  return pos - (m[2 * p + 2] ?? '').length;
}

/** Where it ends, for a pattern that matched (group 2p+1: the match from the anchor on). */
function spanEnd(m: RegExpExecArray, p: number, pos: number): number {
  return pos + (m[2 * p + 1] as string).length;
}

/** Whether two hits share any text. */
function shareText(a: Hit, b: Hit): boolean {
  return a.start < b.end && b.start < a.end;
}

function overlaps(spans: readonly number[], start: number, end: number): boolean {
  for (let i = 0; i < spans.length; i += 2) {
    if (start < (spans[i + 1] as number) && (spans[i] as number) < end) return true;
  }
  return false;
}

/** The tally of a cue (cues sharing a key are one cue), created on first sight. */
function tallyOf(perCue: Map<CueDef | string, CueTally>, cue: CueDef): CueTally {
  const k = cue.key ?? cue;
  let e = perCue.get(k);
  if (!e) {
    e = { cue, inTitle: false, count: 0, backgroundOnly: true, subject: false };
    perCue.set(k, e);
  }
  return e;
}

function repeatFactor(count: number): number {
  return 1 + REPEAT_SHARE * (Math.min(count, 3) - 1);
}

interface CueTally {
  cue: CueDef;
  inTitle: boolean;
  /** Occurrences in the abstract. */
  count: number;
  /** All abstract occurrences are in background sentences (the first, or about earlier work). */
  backgroundOnly: boolean;
  /** One occurrence is in a sentence stating the paper's contribution. */
  subject: boolean;
}

interface TopicState {
  core: number;
  /** Core evidence from weak cues, which only the leading topic keeps. */
  weak: number;
  /** Extra weight of cues seen in contribution sentences, which only the leading topic keeps. */
  subjectBonus: number;
  context?: number;
  /** Accepted hits, strongest cue first. */
  hits: { title: Hit[]; abstract: Hit[] };
  extra: number;
  extraEvidence: string[];
}

/**
 * Classifies a paper into bias topics from its title and (optional) abstract. Deterministic and
 * local. Returns the topics whose score passes `minScore`, highest first, each with the phrases
 * of the input that triggered it (exact substrings of the title or abstract).
 */
export function classifyWith(
  table: CueTable,
  input: ClassifyInput,
  options: ClassifyOptions = {},
): TopicMatch[] {
  const cues = compiledCues(table);
  const minScore = options.minScore ?? 0.5;
  // 1. Core cue hits in each field (dropping "bias" senses that are not a topic).
  const abstractText = input.abstract?.trim() ? (input.abstract as string) : '';
  const { model } = options;
  // For a title alone, the model's part trained on titles (the part trained on abstracts added
  // about as many wrong badges as right ones there).
  const promoter = abstractText ? model : model?.title;
  const scanner = scannerFor(cues, promoter?.candidates);
  const candidatesFound: CandidatePhrases = new Map();
  // A title is read only as far as a saved title keeps (LIMITS.title): real titles stay under
  // 300, and the 20,000 characters a hostile page can put in one (MAX_FIELD_CHARS) made a long task
  // of up to 280 ms on Hugging Face pages in Chromium, for nothing.
  const title = new Field(
    (input.title ?? '').slice(0, LIMITS.title),
    true,
    cues,
    scanner,
    candidatesFound,
  );
  const abstract = new Field(abstractText, false, cues, scanner, candidatesFound);
  const bar = abstractText ? ABSTRACT_BAR : TITLE_ONLY_BAR;

  const states = new Map<TopicId, TopicState>();
  const stateOf = (id: TopicId): TopicState => {
    let s = states.get(id);
    if (!s) {
      s = {
        core: 0,
        weak: 0,
        subjectBonus: 0,
        hits: { title: [], abstract: [] },
        extra: 0,
        extraEvidence: [],
      };
      states.set(id, s);
    }
    return s;
  };
  const contextOf = (id: TopicId): number => {
    const s = stateOf(id);
    if (s.context === undefined) s.context = scoreContext(cues, id, title, abstract);
    return s.context;
  };

  // 2. Accept hits: gated cues need their topic's context (where two topics' gates claim one
  //    phrase, the stronger context takes it); a phrase counts once within a topic, and across
  //    topics goes to the heavier cue.
  const gates = new Map<RegExp, boolean>();
  const accepted = { title: [] as Hit[], abstract: [] as Hit[] };
  const ruledOut = (cue: CueDef) => cue.unless !== undefined && contextOf(cue.unless) > 0;
  // A phrase that context-gated cues of two topics claim ("position bias" of judges or of
  // rankers) goes to the topic with the stronger context.
  const outweighed = (hit: Hit, hits: readonly Hit[]): boolean =>
    hits.some(
      (rival) =>
        rival.cue.needs === rival.cue.topic &&
        rival.cue.topic !== hit.cue.topic &&
        !ruledOut(rival.cue) &&
        shareText(rival, hit) &&
        contextOf(rival.cue.topic) > contextOf(hit.cue.needs as TopicId),
    );
  const accept = (hits: Hit[], key: 'title' | 'abstract') => {
    hits.sort((a, b) => b.cue.weight - a.cue.weight || a.start - b.start);
    for (const hit of hits) {
      const { needs, gate: gateId } = hit.cue;
      if (gateId) {
        const gate = cues.gates.get(gateId) as RegExp;
        // A title alone rarely states the gap or names the people: the cue is the best evidence.
        let open = gates.get(gate);
        if (open === undefined) {
          open = !abstractText || gate.test(title.text) || gate.test(abstractText);
          gates.set(gate, open);
        }
        if (!open) continue;
      }
      if (needs && (contextOf(needs) === 0 || outweighed(hit, hits))) continue;
      if (ruledOut(hit.cue)) continue;
      // A phrase counts once within a topic; across topics the heavier cue takes it (both, on a
      // tie): "selection bias" of multiple-choice answers is not also a data bias.
      const overlapping = (h: Hit) =>
        shareText(h, hit) && (h.cue.topic === hit.cue.topic || h.cue.weight > hit.cue.weight);
      if (accepted[key].some(overlapping)) continue;
      accepted[key].push(hit);
      const s = stateOf(hit.cue.topic);
      s.hits[key].push(hit);
    }
  };
  accept(title.hits, 'title');
  accept(abstract.hits, 'abstract');

  // 3. Core score per topic: distinct cues add up; repeats add less; the title counts double;
  //    a cue seen only in background sentences (the first, earlier work) is motivation.
  for (const [, s] of states) {
    const perCue = new Map<CueDef | string, CueTally>();
    for (const h of s.hits.title) tallyOf(perCue, h.cue).inTitle = true;
    for (const h of s.hits.abstract) {
      const e = tallyOf(perCue, h.cue);
      e.count++;
      if (abstract.inSubjectSentence(h.start)) e.subject = true;
      if (e.backgroundOnly && !e.inTitle && !e.subject && !abstract.inBackgroundSentence(h.start)) {
        e.backgroundOnly = false;
      }
    }
    let core = 0;
    let weak = 0;
    let subjectBonus = 0;
    for (const e of perCue.values()) {
      const cue = e.cue;
      let add = 0;
      let bonus = 0;
      if (e.inTitle) add += (cue.titleWeight ?? cue.weight) * TITLE_FACTOR;
      if (e.count > 0) {
        let share = 1;
        if (e.backgroundOnly && !e.inTitle && !e.subject) {
          share = cue.motivational ? MOTIVATION_SHARE : BACKGROUND_SHARE;
        }
        const base = cue.weight * repeatFactor(e.count) * share;
        add += base;
        if (e.subject) bonus = base * (SUBJECT_FACTOR - 1);
      }
      if (cue.weak) weak += add + bonus;
      else {
        core += add;
        subjectBonus += bonus;
      }
    }
    s.core = core;
    s.weak = weak;
    s.subjectBonus = subjectBonus;
  }
  // The leading topic keeps its weak cues and the bonus for cues in contribution sentences;
  // any other topic must stand on its own cues.
  let leader: TopicState | undefined;
  const lead = (s: TopicState) => s.core + s.weak + s.subjectBonus;
  for (const [, s] of states) if (!leader || lead(s) > lead(leader)) leader = s;
  if (leader) leader.core = lead(leader);

  // 4. Bare "bias" mentions that no cue claimed go to the strongest topic, or, when no topic has
  //    core evidence, to the topic whose context fits best (data by default).
  //    A paper that uses "bias" in a paper-wide sense that is no topic ("IMU bias", "bias terms")
  //    is taken to mean that sense by its bare mentions too.
  const mentions =
    title.hasPaperWideSense || abstract.hasPaperWideSense
      ? []
      : bareMentions(title, accepted.title).concat(bareMentions(abstract, accepted.abstract));
  if (mentions.length > 0) {
    let mentionScore = 0;
    let titleScore = 0;
    for (const m of mentions) {
      if (m.isTitle) titleScore += m.weight;
      else mentionScore += m.weight;
    }
    mentionScore =
      Math.min(mentionScore, MENTION_CAP_ABSTRACT) + Math.min(titleScore, MENTION_CAP_TITLE);
    let owner: TopicId | undefined;
    let best = OWNER_MIN_CORE;
    for (const id of TOPIC_IDS) {
      const core = states.get(id)?.core ?? 0;
      if (core >= best && (owner === undefined || core > best)) {
        owner = id;
        best = core;
      }
    }
    if (owner === undefined) {
      // Bias of people is social in any field; any other bias needs a paper about learning.
      const aboutLearning =
        mentions.some((m) => m.acts) ||
        cues.machineLearning.test(title.text) ||
        cues.machineLearning.test(abstract.text);
      let bestContext = FALLBACK_MIN_CONTEXT;
      for (const id of FALLBACK_TOPICS) {
        if (id !== 'social' && !aboutLearning) continue;
        // No modality fallback for a title alone: debiasing a vision-language or text-to-image
        // model is most often about the people in its images, and only an abstract can show a
        // bias between modalities (on the labelled titles, 17 wrong badges fewer, 5 right lost).
        if (id === 'modality' && !abstractText) continue;
        const c = contextOf(id);
        if (c >= bestContext && (owner === undefined || c > bestContext)) {
          owner = id;
          bestContext = c;
        }
      }
      // Social by default needs people: an abstract on the "biases of LLMs" with no word of
      // PEOPLE_SOURCE is about another kind (order effects, values, reasoning), which its bare
      // mentions cannot tell, so they go nowhere. (A title alone keeps the default. Letting the
      // runner-up context take them instead added 3 wrong badges on the labelled papers.)
      if (
        owner === 'social' &&
        abstractText &&
        !cues.people.test(title.text) &&
        !cues.people.test(abstractText)
      ) {
        owner = undefined;
      } else if (
        // Data by default: the commonest kind behind a bare "debiasing" title, but an abstract
        // that never speaks of data ("exposure bias" of text generation) shows it is not that.
        owner === undefined &&
        aboutLearning &&
        (!abstractText || contextOf('data') > 0)
      ) {
        owner = 'data';
      }
    }
    if (owner) {
      const s = stateOf(owner);
      s.extra += mentionScore;
      for (const m of mentions) s.extraEvidence.push(m.text);
    }
  }

  // 5. Total = core + bare mentions + context (context only backs up other evidence). The learned
  // model (`promoter`) may then lift a topic with evidence over the bar.
  let results: TopicMatch[] = [];
  /** Per result, its score from the cues alone. */
  const cueScores: number[] = [];
  // One model per call: the veto (below) runs only with an abstract, where promoter is model.
  let sums: number[] | undefined;
  const ask = (m: TopicModel, id: TopicId, cueScore: number) => {
    sums ??= featureSums(m, title.text, abstractText);
    return learnedScore(m, id, sums, cueScore);
  };
  for (const [id, s] of states) {
    if (s.core <= 0 && s.extra <= 0) continue;
    const raw = s.core + s.extra + Math.min(contextOf(id), CONTEXT_CAP);
    const cueScore = raw / (raw + bar);
    let score = cueScore;
    if (promoter && score < 0.5 && score >= promoter.askFrom) {
      score = Math.max(score, ask(promoter, id, score));
    }
    if (score < minScore) continue;
    results.push({ id, score, evidence: evidenceOf(s) });
    cueScores.push(cueScore);
  }
  // Topics no cue found but a candidate phrase names: the model's word alone decides.
  if (promoter) {
    for (const [id, evidence] of candidatesFound) {
      const s = states.get(id);
      // With an abstract, a topic that only one phrase names is a coin flip (a decoding paper's
      // "an LLM judge finds no loss"): in cross-validation such badges were right 48 times in 98,
      // against 158 in 235 with two different phrases or more. A title is short and keeps its one.
      // Phrases differ as written: a title-cased title's "Judges" and the abstract's "judges" are
      // two, and rightly (compared without case, 7 right badges of 927 held-out papers were lost).
      if ((s && (s.core > 0 || s.extra > 0)) || (abstractText && !evidence[1])) continue;
      const score = ask(promoter, id, CANDIDATE_SCORE);
      if (score < promoter.candidateBar) continue;
      results.push({ id, score, evidence, inferred: true });
      cueScores.push(CANDIDATE_SCORE);
    }
  }
  // 6. Of two or more topics over the bar, the model drops those on modest evidence (a cue score
  // under vetoBelow) that it finds very unlikely, as long as one over the bar stays. (A promoted
  // topic is likely by definition.) A lone badge is kept: vetoing those too made "no topic" less
  // precise on papers held out from training. Topics under the bar (a lower minScore) are left.
  const shown = (t: TopicMatch) => t.score >= 0.5;
  if (model && abstractText && results.filter(shown).length > 1) {
    const kept = results.filter((t, i) => {
      const cueScore = cueScores[i] as number;
      return (
        !shown(t) || cueScore >= model.vetoBelow || ask(model, t.id, cueScore) >= model.vetoUnder
      );
    });
    if (kept.some(shown)) results = kept;
  }
  results.sort((a, b) => b.score - a.score || TOPIC_IDS.indexOf(a.id) - TOPIC_IDS.indexOf(b.id));
  return results;
}

/** Per topic, the candidate phrases of the texts (at most three, each once), as classifyWith finds them. */
export function candidatePhrasesWith(
  table: CueTable,
  list: readonly CompiledCandidate[],
  ...texts: string[]
): CandidatePhrases {
  const { scan, patternByAnchor } = scannerFor(compiledCues(table), list);
  const found: CandidatePhrases = new Map();
  for (const text of texts) {
    scan(text, (anchor, pos) => {
      const candidate = patternByAnchor?.get(anchor);
      if (candidate) addCandidatePhrase(found, candidate, text, pos);
    });
  }
  return found;
}

/** Context cues count up to twice in the title (1.5 times each) and three times in the abstract. */
function scoreContext(cues: CompiledCues, id: TopicId, title: Field, abstract: Field): number {
  let total = 0;
  for (const { weight, re } of cues.contexts.get(id) ?? []) {
    const titleCount = title.matchStarts(re, 2).length;
    total += weight * (titleCount * 1.5 + abstract.matchStarts(re, 3).length);
  }
  return total;
}

function bareMentions(field: Field, claimed: readonly Hit[]): Mention[] {
  const out: Mention[] = [];
  const spans = field.mentions;
  for (let i = 0; i < spans.length; i += 2) {
    const start = spans[i] as number;
    const end = spans[i + 1] as number;
    if (claimed.some((h) => start < h.end && h.start < end)) continue;
    const action = actionAround(field, start, end);
    let weight: number;
    if (field.isTitle) weight = action ? TITLE_ACTION_WEIGHT : TITLE_MENTION_WEIGHT;
    else {
      weight = action ? ACTION_WEIGHT : MENTION_WEIGHT;
      if (field.inSubjectSentence(start)) weight *= SUBJECT_FACTOR;
    }
    out.push({
      text: action ?? field.text.slice(start, end),
      weight,
      isTitle: field.isTitle,
      acts: action !== undefined,
    });
  }
  return out;
}

/** The action (e.g. "mitigate bias") holding a mention, if any: the readable evidence. */
function actionAround(field: Field, start: number, end: number): string | undefined {
  const spans = field.actions;
  for (let i = 0; i < spans.length; i += 2) {
    const s = spans[i] as number;
    const e = spans[i + 1] as number;
    if (start < e && s < end) return field.text.slice(s, e);
  }
  return undefined;
}

/** At most six evidence phrases per topic: the title's first, then the abstract's. */
function evidenceOf(s: TopicState): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const push = (t: string) => {
    if (out.length < 6 && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  };
  for (const h of s.hits.title) push(h.text);
  for (const h of s.hits.abstract) push(h.text);
  for (const t of s.extraEvidence) push(t);
  return out;
}
