/**
 * User-defined topics (`custom:<slug>`): a name, a badge colour and trigger phrases. All phrases
 * of all custom topics compile into one regular expression, once per configuration change, so
 * each card costs one scan of its text however many custom topics there are.
 */
import { escapeRegExp } from './scan';

/** Prefix of every custom topic id. */
export const CUSTOM_PREFIX = 'custom:';
/** `custom:` + a slug of lowercase ASCII letters and digits joined by single hyphens. */
export const CUSTOM_ID_PATTERN = /^custom:[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Longest slug kept from a topic name. */
const MAX_SLUG = 40;
/** Evidence phrases kept per topic, like the classifier's default. */
const MAX_EVIDENCE = 6;

/** A custom topic as the content script applies it (the stored record minus timestamps). */
export interface CustomTopicDef {
  id: string;
  label: string;
  /** Badge background, `#rrggbb`. */
  color: string;
  phrases: readonly string[];
}

/** A custom topic found in a paper, with the phrases (as written in the paper) that triggered it. */
export interface CustomMatch {
  id: string;
  evidence: string[];
}

/** Custom topics ready to match: one regex with one capture group per distinct phrase. */
export interface CompiledCustomTopics {
  readonly topics: readonly CustomTopicDef[];
  /** Undefined when no custom topic has a phrase (matching is then free). */
  readonly re: RegExp | undefined;
  /** Topic ids of each capture group (index 0 unused): a phrase may belong to several topics. */
  readonly groupTopics: readonly (readonly string[])[];
}

/** True for ids of the form `custom:<slug>`. */
export function isCustomTopicId(id: string): boolean {
  return CUSTOM_ID_PATTERN.test(id);
}

/**
 * The slug of a topic name: accents dropped, lowercase ASCII letters and digits joined by single
 * hyphens, at most 40 characters. A name with no Latin letter or digit (e.g. "偏见") gets a stable
 * `t` + hash slug instead of an empty one.
 */
export function slugify(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG)
    .replace(/^-+|-+$/g, '');
  return slug || `t${fnv1a(label.trim()).toString(36)}`;
}

/** The id a custom topic named `label` gets. */
export function customTopicId(label: string): string {
  return `${CUSTOM_PREFIX}${slugify(label)}`;
}

/** Trims and collapses a phrase's inner whitespace; empty for blank input. */
export function normalizePhrase(phrase: string): string {
  return phrase.trim().replace(/\s+/g, ' ');
}

/** Splits what a user typed (one phrase per line or comma-separated) into distinct phrases. */
export function parsePhrases(text: string): string[] {
  const seen = new Set<string>();
  const phrases: string[] = [];
  for (const part of text.split(/[\n,;]/)) {
    const phrase = normalizePhrase(part);
    const key = phrase.toLowerCase();
    if (phrase && !seen.has(key)) {
      seen.add(key);
      phrases.push(phrase);
    }
  }
  return phrases;
}

/** A custom topic as content scripts get it: with its badge's text colour (pickTextColor). */
export interface ShownCustomTopic extends CustomTopicDef {
  textColor: string;
}

/** Display data of a custom topic, shaped like a built-in topic's. */
export function customTopicInfo(topic: ShownCustomTopic) {
  return {
    id: topic.id,
    label: topic.label,
    color: topic.color,
    textColor: topic.textColor,
    description: `Your topic. Phrases: ${topic.phrases.map((p) => `“${p}”`).join(', ')}.`,
  };
}

/**
 * Custom topics' phrases as the source of one case-insensitive regex, with the topics of each of
 * its capture groups: worked out in the background (getTopicConfig), so content scripts only
 * compile the regex. A phrase matches on word boundaries (no letter, digit or underscore right
 * before or after it), any run of whitespace matching its spaces; longer phrases are tried first
 * where two start at the same place. Null when there is no phrase.
 */
export interface CustomPattern {
  source: string;
  /** Per capture group (group 0 included, with none): the ids of the topics of its phrase. */
  groupTopics: string[][];
}

export function customPattern(topics: readonly CustomTopicDef[]): CustomPattern | null {
  const byPhrase = new Map<string, { source: string; topics: string[] }>();
  for (const topic of topics) {
    for (const raw of topic.phrases) {
      const phrase = normalizePhrase(raw);
      if (!phrase) continue;
      const key = phrase.toLowerCase();
      const entry = byPhrase.get(key) ?? {
        source: escapeRegExp(phrase).replace(/ /g, '\\s+'),
        topics: [],
      };
      if (!entry.topics.includes(topic.id)) entry.topics.push(topic.id);
      byPhrase.set(key, entry);
    }
  }
  if (byPhrase.size === 0) return null;
  const entries = [...byPhrase.entries()]
    .sort(([a], [b]) => b.length - a.length || (a < b ? -1 : 1))
    .map(([, entry]) => entry);
  const alternatives = entries.map((entry) => `(${entry.source})`).join('|');
  return {
    source: `(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`,
    groupTopics: [[], ...entries.map((entry) => entry.topics)],
  };
}

/** The custom topics ready to match, from their pattern (customPattern). */
export function compilePattern(
  topics: readonly CustomTopicDef[],
  pattern: CustomPattern | null,
): CompiledCustomTopics {
  return {
    topics,
    re: pattern ? new RegExp(pattern.source, 'giu') : undefined,
    groupTopics: pattern?.groupTopics ?? [],
  };
}

/** Both steps at once, where they run in the same place (tests, tools). */
export function compileCustomTopics(topics: readonly CustomTopicDef[]): CompiledCustomTopics {
  return compilePattern(topics, customPattern(topics));
}

/**
 * The custom topics found in a paper's title and abstract, in the order the topics were defined,
 * each with up to six distinct evidence phrases as written in the text. Deterministic.
 */
export function matchCustomTopics(
  compiled: CompiledCustomTopics,
  input: { title: string; abstract?: string | undefined },
): CustomMatch[] {
  const { re } = compiled;
  if (!re) return NO_MATCHES;
  const text = input.abstract ? `${input.title}\n${input.abstract}` : input.title;
  const evidence = new Map<string, string[]>();
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let group = 1;
    while (group < m.length && m[group] === undefined) group++;
    const phrase = normalizePhrase(m[0]);
    for (const id of compiled.groupTopics[group] ?? []) {
      const found = evidence.get(id) ?? [];
      const key = phrase.toLowerCase();
      if (found.length < MAX_EVIDENCE && !found.some((e) => e.toLowerCase() === key))
        found.push(phrase);
      evidence.set(id, found);
    }
    // Step one character, not past the match, so phrases that overlap it are found too.
    re.lastIndex = m.index + 1;
  }
  const matches: CustomMatch[] = [];
  for (const topic of compiled.topics) {
    const found = evidence.get(topic.id);
    if (found) matches.push({ id: topic.id, evidence: found });
  }
  return matches;
}

/** Shared by every paper without custom topics (most of them), so none allocates. */
const NO_MATCHES: CustomMatch[] = Object.freeze([]) as unknown as CustomMatch[];

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
