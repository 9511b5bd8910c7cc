/**
 * Merging an imported paper into the stored one (pure). Per field, the newer edit wins: the note
 * by `noteUpdatedAt`, the tags by `tagsUpdatedAt`, the page metadata by `updatedAt`; `savedAt`
 * keeps the earliest save. A note is never silently dropped: when the older note is not already
 * part of the newer one, both are kept, the older below a marked separator (a "conflict").
 */
import type { PaperRecord } from '../db/types';
import { LIMITS } from '../messages';
import { TAG_LIMITS } from './tags';

export type MergeOutcome = 'new' | 'updated' | 'unchanged' | 'conflict';

export type MergeResult =
  | { ok: true; record: PaperRecord; outcome: MergeOutcome }
  | { ok: false; error: string };

/** Where a note came from, for the conflict marker. */
export type NoteOrigin = 'file' | 'browser';

/** The line put above the older of two conflicting notes (recognizable, and greppable). */
export function conflictMarker(origin: NoteOrigin, editedAt: number | undefined): string {
  const when = editedAt === undefined ? '' : `, edited ${new Date(editedAt).toISOString()}`;
  const where = origin === 'file' ? 'from the imported file' : 'kept from this browser';
  return `--- BiasLens: conflicting version of this note (${where}${when}) ---`;
}

interface NoteSide {
  note: string;
  at: number | undefined;
  origin: NoteOrigin;
}

const newer = (a: number | undefined, b: number | undefined) =>
  (a ?? Number.NEGATIVE_INFINITY) - (b ?? Number.NEGATIVE_INFINITY);

const maxTime = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);

/**
 * The merged note: the newer one, plus the older below a marker unless the newer already
 * contains it (an older note that is empty, equal, or a part of the newer one adds nothing).
 * On equal times the note that contains the other wins; otherwise the stored one leads.
 */
export function mergeNotes(
  stored: NoteSide,
  incoming: NoteSide,
): { note: string; at: number | undefined; conflict: boolean } {
  const at = maxTime(stored.at, incoming.at);
  if (stored.note === incoming.note) return { note: stored.note, at, conflict: false };
  const order = newer(incoming.at, stored.at);
  let winner: NoteSide;
  let loser: NoteSide;
  if (order > 0) [winner, loser] = [incoming, stored];
  else if (order < 0) [winner, loser] = [stored, incoming];
  else if (incoming.note.includes(stored.note)) [winner, loser] = [incoming, stored];
  else [winner, loser] = [stored, incoming];
  if (winner.note.includes(loser.note)) return { note: winner.note, at, conflict: false };
  // A newer empty note (the user cleared it) must not erase the other: keep that one, flagged.
  if (winner.note.trim() === '') return { note: loser.note, at, conflict: true };
  const note = `${winner.note.trimEnd()}\n\n${conflictMarker(loser.origin, loser.at)}\n${loser.note}`;
  return { note, at, conflict: true };
}

/** True when two records hold the same data (field by field; extra stored fields are ignored). */
export function sameRecord(a: PaperRecord, b: PaperRecord): boolean {
  return (
    a.id === b.id &&
    a.arxivId === b.arxivId &&
    a.version === b.version &&
    a.urls.abs === b.urls.abs &&
    a.urls.pdf === b.urls.pdf &&
    a.urls.huggingface === b.urls.huggingface &&
    a.title === b.title &&
    sameList(a.authors, b.authors) &&
    a.abstract === b.abstract &&
    sameList(a.topics, b.topics) &&
    a.source === b.source &&
    a.savedAt === b.savedAt &&
    a.updatedAt === b.updatedAt &&
    a.note === b.note &&
    a.noteUpdatedAt === b.noteUpdatedAt &&
    sameList(a.tags, b.tags) &&
    a.tagsUpdatedAt === b.tagsUpdatedAt
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * The record to store for `incoming` (from a file) given the `stored` one, and what happened.
 * Fails only when keeping both conflicting notes would exceed the note size limit: the user must
 * then shorten one (nothing is cut).
 */
export function mergeImportedPaper(
  stored: PaperRecord | undefined,
  incoming: PaperRecord,
): MergeResult {
  if (!stored) return { ok: true, record: incoming, outcome: 'new' };

  const metaFromFile = incoming.updatedAt > stored.updatedAt;
  const meta = metaFromFile ? incoming : stored;
  const other = metaFromFile ? stored : incoming;
  const firstSave = incoming.savedAt < stored.savedAt ? incoming : stored;

  const notes = mergeNotes(
    { note: stored.note, at: stored.noteUpdatedAt, origin: 'browser' },
    { note: incoming.note, at: incoming.noteUpdatedAt, origin: 'file' },
  );
  if (notes.note.length > LIMITS.note) {
    return {
      ok: false,
      error: `the note in the file and the note in this browser differ, and keeping both would exceed ${LIMITS.note} characters; shorten one of them, then import again`,
    };
  }

  const tagOrder = newer(incoming.tagsUpdatedAt, stored.tagsUpdatedAt);
  // On equal times (or neither ever edited) the union keeps every tag.
  const tags =
    tagOrder > 0
      ? incoming.tags
      : tagOrder < 0
        ? stored.tags
        : unionTags(stored.tags, incoming.tags);
  if (tags.length > TAG_LIMITS.perPaper) {
    return {
      ok: false,
      error: `the tags in the file and in this browser together exceed ${TAG_LIMITS.perPaper} tags; remove some, then import again`,
    };
  }

  // Extra fields a newer build may have stored are kept as they are.
  const record: PaperRecord = {
    ...stored,
    title: meta.title,
    authors: meta.authors.length > 0 ? meta.authors : other.authors,
    topics: meta.topics,
    source: firstSave.source,
    savedAt: Math.min(stored.savedAt, incoming.savedAt),
    updatedAt: Math.max(stored.updatedAt, incoming.updatedAt),
    note: notes.note,
    tags,
  };
  setOptional(record, 'version', maxTime(stored.version, incoming.version));
  setOptional(record, 'abstract', meta.abstract ?? other.abstract);
  setOptional(record, 'noteUpdatedAt', notes.at);
  setOptional(record, 'tagsUpdatedAt', maxTime(stored.tagsUpdatedAt, incoming.tagsUpdatedAt));

  if (notes.conflict) return { ok: true, record, outcome: 'conflict' };
  return { ok: true, record, outcome: sameRecord(record, stored) ? 'unchanged' : 'updated' };
}

function unionTags(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set(a.map((tag) => tag.toLocaleLowerCase()));
  return [...a, ...b.filter((tag) => !seen.has(tag.toLocaleLowerCase()))];
}

/** Sets an optional field, or removes it when the value is undefined (never stores undefined). */
function setOptional<K extends 'version' | 'abstract' | 'noteUpdatedAt' | 'tagsUpdatedAt'>(
  record: PaperRecord,
  key: K,
  value: PaperRecord[K],
): void {
  if (value === undefined) delete record[key];
  else record[key] = value;
}
