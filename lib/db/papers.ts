import { type ExtractedPaper, TOPIC_IDS, type TopicId } from '../paper';
import { arxivUrls } from '../paper-id';
import type { BiasLensDB } from './schema';
import type { PaperRecord } from './types';

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
 * An existing record keeps its savedAt, source, note and tags; metadata is refreshed, but a
 * known abstract or author list is never replaced by a missing one.
 */
export function mergePaper(
  existing: PaperRecord | undefined,
  paper: ExtractedPaper,
  topics: readonly TopicId[],
  now: number,
): PaperRecord {
  const record: PaperRecord = {
    id: paper.id,
    arxivId: paper.arxivId,
    urls: arxivUrls(paper.arxivId),
    title: paper.title,
    authors: paper.authors.length > 0 ? [...paper.authors] : [...(existing?.authors ?? [])],
    topics: normalizeTopics(topics),
    source: existing?.source ?? paper.site,
    savedAt: existing?.savedAt ?? now,
    updatedAt: now,
    note: existing?.note ?? '',
    tags: existing?.tags ?? [],
  };
  const version = latestVersion(existing?.version, paper.version);
  if (version !== undefined) record.version = version;
  const abstract = paper.abstract ?? existing?.abstract;
  if (abstract !== undefined) record.abstract = abstract;
  return record;
}

/**
 * Saves `paper` (insert, or refresh an existing record) and returns the stored record.
 * Rejects (RangeError) when `paper.arxivId` is not an arXiv id.
 */
export async function savePaper(
  db: BiasLensDB,
  paper: ExtractedPaper,
  topics: readonly TopicId[],
  now: number,
): Promise<PaperRecord> {
  return db.transaction('rw', db.papers, async () => {
    const record = mergePaper(await db.papers.get(paper.id), paper, topics, now);
    await db.papers.put(record);
    return record;
  });
}

/** Deletes a saved paper (and its note); resolves to whether it was saved. */
export async function unsavePaper(db: BiasLensDB, id: string): Promise<boolean> {
  return db.transaction('rw', db.papers, async () => {
    const existed = (await db.papers.where('id').equals(id).count()) > 0;
    if (existed) await db.papers.delete(id);
    return existed;
  });
}

/** Replaces a saved paper's note; resolves to the updated record, or undefined if not saved. */
export async function updateNote(
  db: BiasLensDB,
  id: string,
  note: string,
  now: number,
): Promise<PaperRecord | undefined> {
  return db.transaction('rw', db.papers, async () => {
    const existing = await db.papers.get(id);
    if (!existing) return undefined;
    const record: PaperRecord = { ...existing, note, updatedAt: now };
    await db.papers.put(record);
    return record;
  });
}

/** Which of `ids` are saved, in one indexed query (order not significant, no duplicates). */
export async function getSavedIds(db: BiasLensDB, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const keys = await db.papers
    .where('id')
    .anyOf([...new Set(ids)])
    .primaryKeys();
  return keys;
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
