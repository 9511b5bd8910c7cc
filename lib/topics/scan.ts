/** Regex and literal-search helpers of the topic classifier. */
import type { AnchoredDef } from './cues';

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern tried where one of its anchors occurs: group 1 is the text before the anchor. */
export function anchoredSource(def: AnchoredDef): string {
  const anchors = def.anchors.map(escapeRegExp).join('|');
  return `(?<=(${def.pre}))(?:${anchors})${def.post}`;
}

const SENTENCE_END_RE = /[.!?](?=\s+[A-Z("'`[]|\s*$)/g;

/**
 * Where the sentences of a text end: the index of each full stop, question or exclamation mark
 * followed by a space and a capital, an opening bracket or a quote, or by the end of the text.
 * A rough cut (it splits after "U.S. Census" and misses an end before a digit), shared by the
 * classifier's sentence tests and the training copies of abstracts (learn.ts), so both see the
 * same sentences.
 */
export function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  SENTENCE_END_RE.lastIndex = 0;
  for (let m = SENTENCE_END_RE.exec(text); m; m = SENTENCE_END_RE.exec(text)) ends.push(m.index);
  return ends;
}

/** Calls `found(literal, start)` for each occurrence of a literal in a text, by where it ends. */
export type LiteralScan = (text: string, found: (literal: string, start: number) => void) => void;

/**
 * A scan for lowercase ASCII literals, overlapping ones included, that compares the text's ASCII
 * letters case-insensitively: what a regex's `i` flag does without `u`, where no other character
 * matches an ASCII letter. The automaton is a dense table over the characters the literals use,
 * so a scan costs one table step per character of the text however many literals there are.
 */
export function literalScan(literals: readonly string[]): LiteralScan {
  /** Character code (below 128) → symbol; 0 stands for every character no literal uses. */
  const symbol = new Uint8Array(128);
  let symbols = 1;
  const children: number[][] = [[]];
  /** The literals ending at each state: its own, then (added below) those of its suffixes. */
  const ends: string[][] = [[]];
  for (const literal of literals) {
    // Not lowercase ASCII: it would silently never match, or clash with the case folding below.
    if (/[^ -@[-~]/.test(literal)) throw new Error(literal);
    let state = 0;
    for (let i = 0; i < literal.length; i++) {
      const c = literal.charCodeAt(i);
      symbol[c] ||= symbols++;
      const row = children[state] as number[];
      row[symbol[c] as number] ??= children.push([]) - 1;
      state = row[symbol[c] as number] as number;
      ends[state] ??= [];
    }
    (ends[state] as string[]).push(literal);
  }
  symbol.copyWithin(65, 97, 123); // A–Z read as a–z
  // step[s + y] is the state after symbol y in state s. States are premultiplied by the number of
  // symbols, and stored as ~state where a literal ends: the scan loop then needs no multiply and
  // no second lookup per character. Built breadth first, so that a state's fallback (its longest
  // proper suffix in the trie, premultiplied too) is complete before the state.
  const step = new Int32Array(children.length * symbols);
  const fallback = [0];
  const queue = [0];
  for (const state of queue) {
    for (let y = 1; y < symbols; y++) {
      const child = (children[state] as number[])[y];
      const next = state > 0 ? (step[(fallback[state] as number) + y] as number) : 0;
      if (child === undefined) step[state * symbols + y] = next;
      else {
        step[state * symbols + y] = child * symbols;
        fallback[child] = next;
        (ends[child] as string[]).push(...(ends[next / symbols] as string[]));
        queue.push(child);
      }
    }
  }
  step.forEach((to, i) => {
    if ((ends[to / symbols] as string[]).length > 0) step[i] = ~to;
  });
  return (text, found) => {
    for (let i = 0, state = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      state = step[state + (c < 128 ? (symbol[c] as number) : 0)] as number;
      if (state < 0) {
        state = ~state;
        for (const literal of ends[state / symbols] as string[]) {
          found(literal, i + 1 - literal.length);
        }
      }
    }
  };
}
