import { TOPIC_IDS, type TopicId } from '../paper';
import { findRecord } from './papers';
import type { BiasLensDB } from './schema';
import type { PaperRecord, TopicCorrectionRecord } from './types';

/** A correction as it travels in messages: the paper id and the topics added and removed. */
export interface CorrectionEntry {
  id: string;
  added: string[];
  removed: string[];
}

/** Distinct ids, sorted, so equal corrections are stored identically. */
function normalizeIds(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

/** The corrections stored for any of `ids`, in one indexed query (absent ids have none). */
export async function getCorrections(
  db: BiasLensDB,
  ids: readonly string[],
): Promise<CorrectionEntry[]> {
  if (ids.length === 0) return [];
  const records = await db.corrections
    .where('id')
    .anyOf([...new Set(ids)])
    .toArray();
  return records.map(({ id, added, removed }) => ({ id, added, removed }));
}

/**
 * A saved paper's stored topics after a correction, when the page did not say what the card now
 * shows: the stored built-in topics plus the added ones, minus the removed ones.
 */
export function correctStoredTopics(
  stored: readonly TopicId[],
  correction: { added: readonly string[]; removed: readonly string[] },
): TopicId[] {
  const topics = new Set<string>(stored);
  for (const id of correction.added) topics.add(id);
  for (const id of correction.removed) topics.delete(id);
  return TOPIC_IDS.filter((id) => topics.has(id));
}

export interface SetCorrectionResult {
  /** The stored correction, or undefined when the correction was empty and has been deleted. */
  correction: TopicCorrectionRecord | undefined;
  /** The saved paper with its topics updated, or undefined when the paper is not saved. */
  paper: PaperRecord | undefined;
}

/**
 * Stores the user's correction of paper `id` (saved or not); an empty correction deletes it.
 * When the paper is saved, its stored topics follow: `topics` (the built-in topics its card now
 * shows) when given, else the stored topics with the correction applied.
 */
export async function setCorrection(
  db: BiasLensDB,
  id: string,
  change: { added: readonly string[]; removed: readonly string[]; topics?: readonly TopicId[] },
  now: number,
): Promise<SetCorrectionResult> {
  return db.transaction('rw', db.corrections, db.papers, async () => {
    const added = normalizeIds(change.added);
    const removed = normalizeIds(change.removed.filter((topic) => !added.includes(topic)));
    let correction: TopicCorrectionRecord | undefined;
    if (added.length === 0 && removed.length === 0) {
      await db.corrections.delete(id);
    } else {
      correction = { id, added, removed, updatedAt: now };
      await db.corrections.put(correction);
    }
    // The saved paper known as `id` (its id or an alias: a card showing `doi:X` of `arxiv:Y`).
    const existing = await findRecord(db, id);
    if (!existing) return { correction, paper: undefined };
    const wanted = new Set<string>(
      change.topics ?? correctStoredTopics(existing.topics, { added, removed }),
    );
    const topics = TOPIC_IDS.filter((topic) => wanted.has(topic));
    if (topics.join(' ') === existing.topics.join(' ')) return { correction, paper: existing };
    const paper: PaperRecord = { ...existing, topics, updatedAt: now };
    await db.papers.put(paper);
    return { correction, paper };
  });
}
