import { mergeLinkedRecords } from '../notebook/merge';
import {
  applyTagChanges,
  normalizeTag,
  renameTagIn,
  TAG_LIMITS,
  tagProblem,
} from '../notebook/tags';
import { type ExtractedPaper, TOPIC_IDS, type TopicId } from '../paper';
import { ID_SCHEMES } from '../paper-id';
import { ID_FIELDS, paperAliases, paperUrls, withIdField } from '../paper-identity';
import { applyRecordMerge, planRecordMerge } from './merge-records';
import type { BiasLensDB } from './schema';
import type { PaperRecord } from './types';

/**
 * The stored records known by any of `ids` (their primary key or one of their aliases), each
 * once. Call inside a transaction when the result decides a write.
 */
export async function recordsKnownAs(
  db: BiasLensDB,
  ids: readonly string[],
): Promise<PaperRecord[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const [byKey, byAlias] = await Promise.all([
    db.papers.bulkGet(unique),
    db.papers.where('aliases').anyOf(unique).toArray(),
  ]);
  const found = new Map<string, PaperRecord>();
  for (const record of [...byKey, ...byAlias]) if (record) found.set(record.id, record);
  return [...found.values()];
}

/** The stored record known as `id` (its primary key, else one of its aliases), if any. */
export async function findRecord(db: BiasLensDB, id: string): Promise<PaperRecord | undefined> {
  return (await db.papers.get(id)) ?? (await db.papers.where('aliases').equals(id).first());
}

/** Records saved first come first (then by id): the one that keeps its id when records link. */
function bySaveOrder(a: PaperRecord, b: PaperRecord): number {
  return a.savedAt - b.savedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Topics deduplicated and in taxonomy order, so equal sets are stored identically. */
function normalizeTopics(topics: readonly TopicId[]): TopicId[] {
  const wanted = new Set(topics);
  return TOPIC_IDS.filter((topic) => wanted.has(topic));
}

/** The larger of two optional version numbers (a later page may show an older version). */
function latestVersion(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

/**
 * The record to store when `paper` is saved at `now`, given what is already stored (pure).
 * An existing record keeps its id, ids, savedAt, source, note and tags and gains the ids the page
 * showed that it lacked (its aliases too); metadata is refreshed, but a known abstract or author
 * list is never replaced by a missing one.
 */
export function mergePaper(
  existing: PaperRecord | undefined,
  paper: ExtractedPaper,
  topics: readonly TopicId[],
  now: number,
): PaperRecord {
  const incoming = withIdField(paper);
  const record: PaperRecord = {
    id: existing?.id ?? incoming.id,
    urls: { abs: '' },
    title: paper.title,
    authors: paper.authors.length > 0 ? [...paper.authors] : [...(existing?.authors ?? [])],
    topics: normalizeTopics(topics),
    source: existing?.source ?? paper.site,
    savedAt: existing?.savedAt ?? now,
    updatedAt: now,
    note: existing?.note ?? '',
    tags: existing?.tags ?? [],
  };
  for (const scheme of ID_SCHEMES) {
    const field = ID_FIELDS[scheme];
    const value = existing?.[field] ?? incoming[field];
    if (value !== undefined) record[field] = value;
  }
  record.aliases = paperAliases({
    ...record,
    aliases: [...(existing?.aliases ?? []), ...paperAliases(incoming)],
  });
  record.urls = paperUrls(record);
  if (existing?.noteUpdatedAt !== undefined) record.noteUpdatedAt = existing.noteUpdatedAt;
  if (existing?.tagsUpdatedAt !== undefined) record.tagsUpdatedAt = existing.tagsUpdatedAt;
  const version = latestVersion(existing?.version, paper.version);
  if (version !== undefined) record.version = version;
  const abstract = paper.abstract ?? existing?.abstract;
  if (abstract !== undefined) record.abstract = abstract;
  return record;
}

/**
 * Saves `paper` (insert, or refresh the record it is already saved as) and returns the stored
 * record. The paper's ids link records: a paper already saved under any id the page shows
 * (`doi:…` saved from dblp, now seen on arXiv with that DOI) is refreshed under its saved id,
 * and when the ids reach several records they become one (the first saved keeps its id; notes
 * and tags are merged, never dropped: see mergeLinkedRecords).
 */
export async function savePaper(
  db: BiasLensDB,
  paper: ExtractedPaper,
  topics: readonly TopicId[],
  now: number,
): Promise<PaperRecord> {
  return db.transaction('rw', db.papers, async () => {
    const matches = (await recordsKnownAs(db, paperAliases(withIdField(paper)))).sort(bySaveOrder);
    let existing = matches[0];
    const linked: string[] = [];
    for (const other of matches.slice(1)) {
      if (!existing) break;
      const merged = mergeLinkedRecords(existing, other);
      if (!merged.ok) {
        // Rare (two long notes): the records stay apart rather than cutting a note.
        console.warn(`[BiasLens] ${existing.id} and ${other.id} stay apart: ${merged.error}`);
        continue;
      }
      existing = merged.record;
      linked.push(other.id);
    }
    const record = mergePaper(existing, paper, topics, now);
    if (linked.length > 0) await db.papers.bulkDelete(linked);
    await db.papers.put(record);
    return record;
  });
}

/**
 * Deletes the saved paper known as `id` (its id or an alias) and its note; resolves to the
 * removed record, for an undo.
 */
export async function removePaper(db: BiasLensDB, id: string): Promise<PaperRecord | undefined> {
  return db.transaction('rw', db.papers, async () => {
    const existing = await findRecord(db, id);
    if (existing) await db.papers.delete(existing.id);
    return existing;
  });
}

/** Deletes the saved paper known as `id` (and its note); resolves to whether it was saved. */
export async function unsavePaper(db: BiasLensDB, id: string): Promise<boolean> {
  return (await removePaper(db, id)) !== undefined;
}

/** The outcome of a note edit: the stored record, and whether this edit is what it holds. */
export interface NoteEdit {
  record: PaperRecord;
  /** False when a later edit (by its edit time) was already stored; the record is then as it was. */
  applied: boolean;
}

/**
 * Stores a note edit made at `editedAt` (epoch ms, clamped to `now`) unless the stored note was
 * edited later: of two editors (the popup and a card) the later edit always wins, whatever order
 * their messages arrive in. A stored edit time in the future (another machine's clock, via an
 * import) is not trusted to block edits. Resolves to undefined when the paper is not saved.
 */
export async function editNote(
  db: BiasLensDB,
  id: string,
  note: string,
  editedAt: number,
  now: number,
): Promise<NoteEdit | undefined> {
  const at = Math.min(editedAt, now);
  return db.transaction('rw', db.papers, async () => {
    const existing = await findRecord(db, id);
    if (!existing) return undefined;
    const stored = existing.noteUpdatedAt;
    if (stored !== undefined && stored <= now && at < stored) {
      return { record: existing, applied: false };
    }
    const record: PaperRecord = {
      ...existing,
      note,
      noteUpdatedAt: at,
      updatedAt: Math.max(now, existing.updatedAt),
    };
    await db.papers.put(record);
    return { record, applied: true };
  });
}

/** Replaces a saved paper's note (edited now); resolves to the stored record, or undefined. */
export async function updateNote(
  db: BiasLensDB,
  id: string,
  note: string,
  now: number,
): Promise<PaperRecord | undefined> {
  return (await editNote(db, id, note, now, now))?.record;
}

/**
 * Adds and removes tags of one saved paper (lib/notebook/tags.ts rules). Changes commute, so
 * two windows tagging the same paper at once both keep their tag. Undefined when not saved.
 */
export async function updateTags(
  db: BiasLensDB,
  id: string,
  change: { add: readonly string[]; remove: readonly string[] },
  now: number,
): Promise<PaperRecord | undefined> {
  return db.transaction('rw', db.papers, async () => {
    const existing = await findRecord(db, id);
    if (!existing) return undefined;
    const tags = applyTagChanges(existing.tags, change.add, change.remove);
    if (tags.length > TAG_LIMITS.perPaper) {
      throw new RangeError(`a paper can have at most ${TAG_LIMITS.perPaper} tags`);
    }
    if (tags.length === existing.tags.length && tags.every((tag, i) => tag === existing.tags[i])) {
      return existing;
    }
    const record: PaperRecord = { ...existing, tags, tagsUpdatedAt: now, updatedAt: now };
    await db.papers.put(record);
    return record;
  });
}

/**
 * Renames tag `from` to `to` on every paper (case-insensitive on `from`); where a paper already
 * has `to`, the two merge. One transaction; resolves to the number of papers changed.
 */
export async function renameTag(
  db: BiasLensDB,
  from: string,
  to: string,
  now: number,
): Promise<number> {
  const target = normalizeTag(to);
  const problem = tagProblem(target);
  if (problem) throw new RangeError(`the new tag name ${problem}`);
  const source = normalizeTag(from).toLocaleLowerCase();
  return db.transaction('rw', db.papers, async () => {
    // The multi-entry index is case-sensitive: find every spelling of `from` first.
    const spellings = (await db.papers.orderBy('tags').uniqueKeys()).filter(
      (key): key is string => typeof key === 'string' && key.toLocaleLowerCase() === source,
    );
    if (spellings.length === 0) return 0;
    const records = await db.papers.where('tags').anyOf(spellings).toArray();
    const changed: PaperRecord[] = [];
    for (const record of records) {
      const tags = renameTagIn(record.tags, from, target);
      if (tags.length === record.tags.length && tags.every((tag, i) => tag === record.tags[i])) {
        continue;
      }
      changed.push({ ...record, tags, tagsUpdatedAt: now, updatedAt: now });
    }
    await db.papers.bulkPut(changed);
    return changed.length;
  });
}

/**
 * Puts back papers that were deleted (the popup's Undo), in one transaction. A paper saved again
 * meanwhile, under any of its ids, is merged like an import (the newer edit of each field wins,
 * no note is lost). Resolves to the ids (aliases included) that were not saved before.
 */
export async function restorePapers(
  db: BiasLensDB,
  records: readonly PaperRecord[],
): Promise<string[]> {
  return db.transaction('rw', db.papers, async () => {
    const plan = await planRecordMerge(db, records);
    if (!plan.ok) throw new RangeError(`${records[plan.index]?.id}: ${plan.error}`);
    await applyRecordMerge(db, plan);
    return plan.newlySaved;
  });
}

/**
 * Which of `ids` are saved, under that id or as an alias of a saved paper (a card showing
 * `doi:X` is saved when the paper was saved as `arxiv:Y` with DOI X): two key-only indexed
 * queries, order not significant, no duplicates.
 */
export async function getSavedIds(db: BiasLensDB, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const [keys, aliases] = await Promise.all([
    db.papers.where('id').anyOf(unique).primaryKeys(),
    db.papers.where('aliases').anyOf(unique).keys(),
  ]);
  return [...new Set([...keys, ...aliases].map(String))];
}

/**
 * The `limit` newest saved papers: all the popup's first paint needs. (Counting is separate:
 * at 10,000 papers a count takes several times longer than reading this page.)
 */
export async function listNewest(db: BiasLensDB, limit: number): Promise<PaperRecord[]> {
  return db.papers.orderBy('savedAt').reverse().limit(limit).toArray();
}

/** How many papers are saved. */
export async function countPapers(db: BiasLensDB): Promise<number> {
  return db.papers.count();
}

/** Every tag in use with its number of papers, read from the tags index alone. */
export async function listTagCounts(db: BiasLensDB): Promise<{ tag: string; count: number }[]> {
  const keys = await db.papers.orderBy('tags').keys();
  const counts = new Map<string, number>();
  for (const key of keys) if (typeof key === 'string') counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/** Every saved paper, newest first (by savedAt). */
export async function listPapers(db: BiasLensDB): Promise<PaperRecord[]> {
  return db.papers.orderBy('savedAt').reverse().toArray();
}

/** Every saved paper, in primary-key order (for export; sort as needed). */
export async function getAllPapers(db: BiasLensDB): Promise<PaperRecord[]> {
  return db.papers.toArray();
}

/** The text a search term is matched against: title, authors, abstract, note and tags. */
function searchableText(record: PaperRecord): string {
  return [record.title, ...record.authors, record.abstract ?? '', record.note, ...record.tags]
    .join('\n')
    .toLocaleLowerCase();
}

/**
 * The records matching every whitespace-separated term of `query` (case-insensitive, anywhere
 * in title, authors, abstract, note or tags), in their given order. A blank query matches all.
 */
export function searchPapers(records: readonly PaperRecord[], query: string): PaperRecord[] {
  const terms = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...records];
  return records.filter((record) => {
    const text = searchableText(record);
    return terms.every((term) => text.includes(term));
  });
}

/**
 * Every id the database holds state for: saved papers, every alias they are known by, and the
 * papers with a topic correction. Key-only reads; the content scripts get these as a digest
 * (../known-ids.ts) so cards of other papers need no round trip.
 */
export async function listKnownIds(db: BiasLensDB): Promise<string[]> {
  return db.transaction('r', db.papers, db.corrections, async () => {
    const [ids, aliases, corrected] = await Promise.all([
      db.papers.toCollection().primaryKeys(),
      db.papers.orderBy('aliases').uniqueKeys(),
      db.corrections.toCollection().primaryKeys(),
    ]);
    return [...ids, ...aliases, ...corrected].map(String);
  });
}
