/**
 * User tags on saved papers (pure). A tag is short free text: trimmed, inner whitespace collapsed
 * to one space, control characters removed, case kept. Two tags that differ only in case are the
 * same tag on one paper; the spelling already in use wins, so "LLM" and "llm" never both appear.
 */

import { LIMITS } from '../messages';

/** Bounds on tags, shared by the messages, the import and the UI. */
export const TAG_LIMITS = {
  /** Characters in one tag (the messages' limit). */
  length: LIMITS.tag,
  /** Tags on one paper. */
  perPaper: 50,
} as const;

// C0/C1 controls, bidi overrides and zero-width characters: invisible, so never part of a tag.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/** The stored form of a typed tag ('' when nothing is left). Does not enforce the length. */
export function normalizeTag(raw: string): string {
  return raw.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
}

/** Why `tag` (already normalized) is not a valid tag, or undefined when it is. */
export function tagProblem(tag: string): string | undefined {
  if (tag === '') return 'must not be empty';
  if (tag.length > TAG_LIMITS.length) return `must be at most ${TAG_LIMITS.length} characters`;
  return undefined;
}

const fold = (tag: string) => tag.toLocaleLowerCase();

/** Tags without case-insensitive duplicates, first spelling and first position kept. */
export function dedupeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const key = fold(tag);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/**
 * A paper's tags after adding `add` and removing `remove` (both normalized first; removal is
 * case-insensitive; an added tag already present in any case is not added twice). Removals
 * apply before additions, so adding and removing the same tag keeps it.
 */
export function applyTagChanges(
  tags: readonly string[],
  add: readonly string[],
  remove: readonly string[],
): string[] {
  const removed = new Set(remove.map((tag) => fold(normalizeTag(tag))));
  const kept = tags.filter((tag) => !removed.has(fold(tag)));
  const added = add.map(normalizeTag).filter((tag) => tag !== '');
  return dedupeTags([...kept, ...added]);
}

/**
 * A paper's tags with `from` renamed to `to` (case-insensitive match on `from`). When the paper
 * already has `to`, the two merge into one at the position of the first.
 */
export function renameTagIn(tags: readonly string[], from: string, to: string): string[] {
  const source = fold(normalizeTag(from));
  const target = normalizeTag(to);
  return dedupeTags(tags.map((tag) => (fold(tag) === source ? target : tag)));
}

/** True when `tags` contains `tag`, ignoring case. */
export function hasTag(tags: readonly string[], tag: string): boolean {
  const key = fold(tag);
  return tags.some((each) => fold(each) === key);
}

/** Every tag in use with the number of papers carrying it, most used first, then A–Z. */
export function countTags(tagLists: Iterable<readonly string[]>): { tag: string; count: number }[] {
  const counts = new Map<string, { tag: string; count: number }>();
  for (const tags of tagLists) {
    for (const tag of tags) {
      const key = fold(tag);
      const entry = counts.get(key);
      if (entry) entry.count += 1;
      else counts.set(key, { tag, count: 1 });
    }
  }
  return [...counts.values()].sort(
    (a, b) => b.count - a.count || a.tag.localeCompare(b.tag, undefined, { sensitivity: 'base' }),
  );
}

/**
 * The spelling to store for a typed tag: an existing tag equal to it ignoring case wins, so
 * autocomplete and typing converge on one spelling.
 */
export function canonicalTag(typed: string, known: readonly string[]): string {
  const tag = normalizeTag(typed);
  const key = fold(tag);
  return known.find((each) => fold(each) === key) ?? tag;
}
