import { TOPIC_IDS, type TopicId } from '../paper';
import {
  type AnchoredDef,
  BIAS_ACTION_DEFS,
  BIAS_MENTION_DEF,
  CONTEXT_DEFS,
  CUE_DEFS,
  type CueDef,
  NOT_A_TOPIC_DEFS,
  SUBJECT_SENTENCE_SOURCE,
} from './cues';
import type { ClassifyInput, TopicMatch } from './types';

/** Options of `classify`. */
export interface ClassifyOptions {
  /** Smallest score (0–1) for a topic to be returned; default 0.5, the calibrated bar. */
  minScore?: number;
  /** Keep at most this many topics (highest scores first); default: all that pass. */
  maxTopics?: number;
  /** Keep at most this many evidence phrases per topic; default 6. */
  maxEvidence?: number;
}

/** Raw score that maps to 0.5 when the paper has an abstract. */
export const ABSTRACT_BAR = 1.0;
/** Raw score that maps to 0.5 for a title alone: stricter, since a title is little text. */
export const TITLE_ONLY_BAR = 1.3;
/** A cue in the title counts this many times its weight. */
const TITLE_FACTOR = 2.4;
/** Extra occurrences of one cue in the abstract add this share of its weight each (up to 3). */
const REPEAT_SHARE = 0.5;
/** A cue seen only in the abstract's first sentence (motivation) keeps this share. */
const FIRST_SENTENCE_SHARE = 0.6;
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

/** A sticky regex tried at an anchor: group 1 is the text before the anchor (lookbehind). */
interface Anchored {
  re: RegExp;
  anchors: readonly string[];
}

interface CompiledCue extends CueDef, Anchored {}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileAnchored(def: AnchoredDef): RegExp {
  const anchors = def.anchors.map(escapeRegExp).join('|');
  return new RegExp(`(?<=(${def.pre}))(?:${anchors})${def.post}`, 'iy');
}

/** Compiled once at module load; the hot path only runs `exec` on them. */
const CUES: readonly CompiledCue[] = CUE_DEFS.map((def) => ({ ...def, re: compileAnchored(def) }));
const CONTEXT_RES = new Map<TopicId, { weight: number; re: RegExp }[]>(
  TOPIC_IDS.map((id) => [
    id,
    CONTEXT_DEFS.filter((c) => c.topic === id).map((c) => ({
      weight: c.weight,
      re: new RegExp(c.source, 'gi'),
    })),
  ]),
);
const NOT_A_TOPIC: readonly Anchored[] = NOT_A_TOPIC_DEFS.map((d) => ({
  anchors: d.anchors,
  re: compileAnchored(d),
}));
const BIAS_MENTION: Anchored = {
  anchors: BIAS_MENTION_DEF.anchors,
  re: compileAnchored(BIAS_MENTION_DEF),
};
const BIAS_ACTION: readonly Anchored[] = BIAS_ACTION_DEFS.map((d) => ({
  anchors: d.anchors,
  re: compileAnchored(d),
}));
const SUBJECT_RE = new RegExp(SUBJECT_SENTENCE_SOURCE, 'gi');
const SENTENCE_END_RE = /[.!?](?=\s+[A-Z("'`[]|\s*$)/g;

interface AnchorEntry {
  cues: CompiledCue[];
  negatives: Anchored[];
  mention: boolean;
  actions: Anchored[];
}

/** Every anchor literal and the cues (and other patterns) tried where it occurs. */
const BY_ANCHOR = new Map<string, AnchorEntry>();
const FOUND_ENTRIES: AnchorEntry[] = [];
const FOUND_POSITIONS: number[] = [];
function anchorEntry(anchor: string): AnchorEntry {
  let e = BY_ANCHOR.get(anchor);
  if (!e) {
    e = { cues: [], negatives: [], mention: false, actions: [] };
    BY_ANCHOR.set(anchor, e);
  }
  return e;
}
for (const c of CUES) for (const a of c.anchors) anchorEntry(a).cues.push(c);
for (const n of NOT_A_TOPIC) for (const a of n.anchors) anchorEntry(a).negatives.push(n);
for (const a of BIAS_MENTION.anchors) anchorEntry(a).mention = true;
for (const x of BIAS_ACTION) for (const a of x.anchors) anchorEntry(a).actions.push(x);

/** All anchor literals, for tests (no anchor may be a prefix of another). */
export const ANCHORS: readonly string[] = [...BY_ANCHOR.keys()];

interface TrieNode {
  next: Map<string, TrieNode>;
  end: boolean;
}

/**
 * A regex source matching any of `words`, longest first, written as a trie (`bias|bubble` →
 * `b(?:ias|ubble)`): the engine branches on one character instead of trying every word at every
 * position, which makes the anchor scan, the classifier's hottest loop, several times faster.
 */
export function trieSource(words: readonly string[]): string {
  const root: TrieNode = { next: new Map(), end: false };
  for (const word of words) {
    let node = root;
    for (const ch of word) {
      let child = node.next.get(ch);
      if (!child) {
        child = { next: new Map(), end: false };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    const branches = [...node.next].map(([ch, child]) => escapeRegExp(ch) + emit(child));
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? (branches[0] as string) : `(?:${branches.join('|')})`;
    // A word ending here: the longer words through this node are tried first (greedy `?`).
    return node.end ? `(?:${body})?` : body;
  };
  return emit(root);
}

/** One scan over the lowercased text finds every anchor. */
const ANCHOR_RE = new RegExp(trieSource(ANCHORS), 'g');

const TOPIC_INDEX = new Map<TopicId, number>(TOPIC_IDS.map((id, i) => [id, i]));

interface Hit {
  cue: CompiledCue;
  start: number;
  end: number;
  text: string;
}

interface Mention {
  text: string;
  weight: number;
  isTitle: boolean;
}

/** Lowercases without changing the length (so offsets in the copy are offsets in the text). */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** Runs a sticky anchored pattern at `pos`; returns [start, end] of the whole phrase or undefined. */
function matchAt(re: RegExp, text: string, pos: number): [number, number] | undefined {
  re.lastIndex = pos;
  const m = re.exec(text);
  if (!m) return undefined;
  const pre = m[1] ?? '';
  return [pos - pre.length, pos + m[0].length];
}

/** One field (title or abstract): all anchored matches found in one pass, sentences lazily. */
class Field {
  readonly hits: Hit[] = [];
  /** Flat [start, end, …] spans of the not-a-topic senses of "bias". */
  readonly negatives: number[] = [];
  /** Flat [start, end, …] spans of bare "bias" mentions and of phrases acting on a bias. */
  readonly mentions: number[] = [];
  readonly actions: number[] = [];
  private sentenceEnds: number[] | undefined;
  private subjectSentences: Set<number> | undefined;

  constructor(
    readonly text: string,
    readonly isTitle: boolean,
  ) {
    if (text.length === 0) return;
    const lower = lowerSameLength(text);
    // Scratch arrays reused across calls (classification is synchronous).
    const entries = FOUND_ENTRIES;
    const positions = FOUND_POSITIONS;
    let found = 0;
    ANCHOR_RE.lastIndex = 0;
    for (let m = ANCHOR_RE.exec(lower); m; m = ANCHOR_RE.exec(lower)) {
      const entry = BY_ANCHOR.get(m[0]);
      if (entry) {
        entries[found] = entry;
        positions[found] = m.index;
        found++;
      }
      ANCHOR_RE.lastIndex = m.index + 1;
    }
    // Negative senses first: cue matches overlapping them are dropped.
    for (let i = 0; i < found; i++) {
      const entry = entries[i] as AnchorEntry;
      const pos = positions[i] as number;
      for (const n of entry.negatives) {
        const span = matchAt(n.re, text, pos);
        if (span) this.negatives.push(span[0], span[1]);
      }
    }
    for (let i = 0; i < found; i++) {
      const entry = entries[i] as AnchorEntry;
      const pos = positions[i] as number;
      for (const c of entry.cues) {
        const span = matchAt(c.re, text, pos);
        if (span && span[1] > span[0] && !overlaps(this.negatives, span[0], span[1])) {
          this.hits.push({
            cue: c,
            start: span[0],
            end: span[1],
            text: text.slice(span[0], span[1]),
          });
        }
      }
      if (entry.mention) {
        const span = matchAt(BIAS_MENTION.re, text, pos);
        if (span && !overlaps(this.negatives, span[0], span[1]))
          this.mentions.push(span[0], span[1]);
      }
      for (const a of entry.actions) {
        const span = matchAt(a.re, text, pos);
        if (span) this.actions.push(span[0], span[1]);
      }
    }
  }

  /** Index of the sentence holding `pos`; 0 is the first. */
  sentenceOf(pos: number): number {
    if (this.sentenceEnds === undefined) {
      const ends: number[] = [];
      SENTENCE_END_RE.lastIndex = 0;
      for (let m = SENTENCE_END_RE.exec(this.text); m; m = SENTENCE_END_RE.exec(this.text)) {
        ends.push(m.index);
      }
      this.sentenceEnds = ends;
    }
    const ends = this.sentenceEnds;
    let i = 0;
    while (i < ends.length && (ends[i] as number) < pos) i++;
    return i;
  }

  /** Whether the sentence holding `pos` states the paper's own contribution. */
  inSubjectSentence(pos: number): boolean {
    if (this.subjectSentences === undefined) {
      const set = new Set<number>();
      SUBJECT_RE.lastIndex = 0;
      for (let m = SUBJECT_RE.exec(this.text); m; m = SUBJECT_RE.exec(this.text)) {
        set.add(this.sentenceOf(m.index));
      }
      this.subjectSentences = set;
    }
    return this.subjectSentences.has(this.sentenceOf(pos));
  }
}

function overlaps(spans: readonly number[], start: number, end: number): boolean {
  for (let i = 0; i < spans.length; i += 2) {
    if (start < (spans[i + 1] as number) && (spans[i] as number) < end) return true;
  }
  return false;
}

function repeatFactor(count: number): number {
  return 1 + REPEAT_SHARE * (Math.min(count, 3) - 1);
}

interface CueTally {
  cue: CompiledCue;
  inTitle: boolean;
  /** Occurrences in the abstract. */
  count: number;
  /** All abstract occurrences are in its first sentence. */
  firstOnly: boolean;
  /** One occurrence is in a sentence stating the paper's contribution. */
  subject: boolean;
}

interface TopicState {
  core: number;
  /** Core evidence from weak cues, which only the leading topic keeps. */
  weak: number;
  /** Extra weight of cues seen in contribution sentences, which only the leading topic keeps. */
  subjectBonus: number;
  context: number | undefined;
  contextEvidence: string[];
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
export function classify(input: ClassifyInput, options: ClassifyOptions = {}): TopicMatch[] {
  const minScore = options.minScore ?? 0.5;
  const maxEvidence = options.maxEvidence ?? 6;
  // 1. Core cue hits in each field (dropping "bias" senses that are not a topic).
  const title = new Field(input.title ?? '', true);
  const abstractText = input.abstract?.trim() ? (input.abstract as string) : '';
  const abstract = new Field(abstractText, false);
  const hasAbstract = abstractText.length > 0;
  const bar = hasAbstract ? ABSTRACT_BAR : TITLE_ONLY_BAR;
  const titleHits = title.hits;
  const abstractHits = abstract.hits;

  const states = new Map<TopicId, TopicState>();
  const stateOf = (id: TopicId): TopicState => {
    let s = states.get(id);
    if (!s) {
      s = {
        core: 0,
        weak: 0,
        subjectBonus: 0,
        context: undefined,
        contextEvidence: [],
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
    if (s.context === undefined) s.context = scoreContext(id, title, abstract, s);
    return s.context;
  };

  // 2. Accept hits per topic: gated cues need their topic's context; within a topic, a phrase
  //    claimed by a stronger cue is not counted again.
  const claimed = { title: [] as number[], abstract: [] as number[] };
  const accept = (hits: Hit[], key: 'title' | 'abstract') => {
    hits.sort((a, b) => b.cue.weight - a.cue.weight || a.start - b.start);
    for (const hit of hits) {
      if (hit.cue.needs && contextOf(hit.cue.needs) === 0) continue;
      const s = stateOf(hit.cue.topic);
      if (s.hits[key].some((h) => hit.start < h.end && h.start < hit.end)) continue;
      s.hits[key].push(hit);
      claimed[key].push(hit.start, hit.end);
    }
  };
  accept(titleHits, 'title');
  accept(abstractHits, 'abstract');

  // 3. Core score per topic: distinct cues add up; repeats add less; the title counts double;
  //    a cue seen only in the abstract's first sentence is treated as motivation.
  for (const [, s] of states) {
    const perCue = new Map<CompiledCue | string, CueTally>();
    for (const h of s.hits.title) {
      const e = perCue.get(h.cue.key ?? h.cue);
      if (e) e.inTitle = true;
      else {
        const tally = { cue: h.cue, inTitle: true, count: 0, firstOnly: true, subject: false };
        perCue.set(h.cue.key ?? h.cue, tally);
      }
    }
    for (const h of s.hits.abstract) {
      const k = h.cue.key ?? h.cue;
      const e = perCue.get(k) ?? {
        cue: h.cue,
        inTitle: false,
        count: 0,
        firstOnly: true,
        subject: false,
      };
      e.count++;
      if (abstract.sentenceOf(h.start) > 0) e.firstOnly = false;
      if (abstract.inSubjectSentence(h.start)) e.subject = true;
      perCue.set(k, e);
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
        if (e.firstOnly && !e.inTitle && !e.subject) {
          share = cue.motivational ? MOTIVATION_SHARE : FIRST_SENTENCE_SHARE;
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
  const mentions = bareMentions(title, claimed.title).concat(
    bareMentions(abstract, claimed.abstract),
  );
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
      let bestContext = FALLBACK_MIN_CONTEXT;
      for (const id of FALLBACK_TOPICS) {
        const c = contextOf(id);
        if (c >= bestContext && (owner === undefined || c > bestContext)) {
          owner = id;
          bestContext = c;
        }
      }
      owner ??= 'data';
    }
    const s = stateOf(owner);
    s.extra += mentionScore;
    for (const m of mentions) s.extraEvidence.push(m.text);
  }

  // 5. Total = core + bare mentions + context (context only backs up other evidence).
  const results: TopicMatch[] = [];
  for (const [id, s] of states) {
    if (s.core <= 0 && s.extra <= 0) continue;
    const raw = s.core + s.extra + Math.min(contextOf(id), CONTEXT_CAP);
    const score = raw / (raw + bar);
    if (score < minScore) continue;
    results.push({ id, score: round(score), evidence: evidenceOf(s, maxEvidence) });
  }
  results.sort(
    (a, b) => b.score - a.score || (TOPIC_INDEX.get(a.id) ?? 0) - (TOPIC_INDEX.get(b.id) ?? 0),
  );
  return options.maxTopics === undefined ? results : results.slice(0, options.maxTopics);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function scoreContext(id: TopicId, title: Field, abstract: Field, s: TopicState): number {
  let total = 0;
  for (const { weight, re } of CONTEXT_RES.get(id) ?? []) {
    const titleCount = countMatches(re, title.text, s.contextEvidence);
    const abstractCount = countMatches(re, abstract.text, s.contextEvidence);
    total += weight * (Math.min(titleCount, 2) * 1.5 + Math.min(abstractCount, 3));
  }
  return total;
}

/** Counts matches of a global regex (up to 3), keeping the first two as evidence. */
function countMatches(re: RegExp, text: string, evidence: string[]): number {
  if (text.length === 0) return 0;
  let n = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m && n < 3; m = re.exec(text)) {
    if (n < 2) evidence.push(m[0]);
    n++;
  }
  return n;
}

function bareMentions(field: Field, claimed: readonly number[]): Mention[] {
  const out: Mention[] = [];
  const spans = field.mentions;
  for (let i = 0; i < spans.length; i += 2) {
    const start = spans[i] as number;
    const end = spans[i + 1] as number;
    if (overlaps(claimed, start, end)) continue;
    const isAction = overlaps(field.actions, start, end);
    let weight: number;
    if (field.isTitle) weight = isAction ? TITLE_ACTION_WEIGHT : TITLE_MENTION_WEIGHT;
    else {
      weight = isAction ? ACTION_WEIGHT : MENTION_WEIGHT;
      if (field.inSubjectSentence(start)) weight *= SUBJECT_FACTOR;
    }
    const text = isAction
      ? phraseAround(field.text, field.actions, start, end)
      : field.text.slice(start, end);
    out.push({ text, weight, isTitle: field.isTitle });
  }
  return out;
}

/** The action span (e.g. "mitigate bias") holding a mention, for readable evidence. */
function phraseAround(text: string, spans: readonly number[], start: number, end: number): string {
  for (let i = 0; i < spans.length; i += 2) {
    const s = spans[i] as number;
    const e = spans[i + 1] as number;
    if (start < e && s < end) return text.slice(s, e);
  }
  return text.slice(start, end);
}

function evidenceOf(s: TopicState, max: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const push = (t: string) => {
    if (out.length < max && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  };
  for (const h of s.hits.title) push(h.text);
  for (const h of s.hits.abstract) push(h.text);
  for (const t of s.extraEvidence) push(t);
  if (out.length === 0) for (const t of s.contextEvidence) push(t);
  return out;
}
