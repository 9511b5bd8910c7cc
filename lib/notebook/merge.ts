/**
 * Merging an imported paper into the stored one (pure). Per field, the newer edit wins: the note
 * by `noteUpdatedAt`, the tags by `tagsUpdatedAt`, the page metadata by `updatedAt`; `savedAt`
 * keeps the earliest save. A note is never silently dropped: when the older note is not already
 * part of the newer one, both are kept, the older below a marked separator (a "conflict").
 */
import type { PaperRecord } from '../db/types';
import { LIMITS } from '../messages';
import { ID_SCHEMES } from '../paper-id';
import { ID_FIELDS, type IdField, paperAliases, paperUrls } from '../paper-identity';
import { TAG_LIMITS } from './tags';

export type MergeOutcome = 'new' | 'updated' | 'unchanged' | 'conflict';

export type MergeResult =
  | { ok: true; record: PaperRecord; outcome: MergeOutcome }
  | { ok: false; error: string };

/**
 * Where a note came from, for the conflict marker: the imported file, this browser, or another
 * record of the same paper (saved under the id `linkedFrom`) linked into this one.
 */
export type NoteOrigin = 'file' | 'browser' | 'linked';

/** The line put above the older of two conflicting notes (recognizable, and greppable). */
export function conflictMarker(
  origin: NoteOrigin,
  editedAt: number | undefined,
  linkedFrom?: string,
): string {
  const when = editedAt === undefined ? '' : `, edited ${new Date(editedAt).toISOString()}`;
  const where =
    origin === 'file'
      ? 'from the imported file'
      : origin === 'linked'
        ? `from the same paper saved as ${linkedFrom ?? 'another id'}`
        : 'kept from this browser';
  return `--- BiasLens: conflicting version of this note (${where}${when}) ---`;
}

interface NoteSide {
  note: string;
  at: number | undefined;
  origin: NoteOrigin;
  /** For origin `linked`: the id the note's record was saved under. */
  linkedFrom?: string;
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
  const marker = conflictMarker(loser.origin, loser.at, loser.linkedFrom);
  const note = `${winner.note.trimEnd()}\n\n${marker}\n${loser.note}`;
  return { note, at, conflict: true };
}

/** True when two records hold the same data (field by field; extra stored fields are ignored). */
export function sameRecord(a: PaperRecord, b: PaperRecord): boolean {
  return (
    a.id === b.id &&
    a.arxivId === b.arxivId &&
    a.doi === b.doi &&
    a.aclId === b.aclId &&
    a.openreviewId === b.openreviewId &&
    // A record stored before aliases existed is known by its ids all the same.
    sameList(paperAliases(a), paperAliases(b)) &&
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
    ...withIds(stored, incoming),
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

/**
 * `stored` with the ids `other` knows and it does not: missing id fields filled (a record's own
 * ids never change), aliases united (with `other`'s id), and URLs rebuilt from the ids.
 */
export function withIds(stored: PaperRecord, other: PaperRecord): PaperRecord {
  const record: PaperRecord = { ...stored };
  for (const scheme of ID_SCHEMES) {
    const field: IdField = ID_FIELDS[scheme];
    const value = stored[field] ?? other[field];
    if (value !== undefined) record[field] = value;
  }
  record.aliases = paperAliases({
    ...record,
    aliases: [...(stored.aliases ?? []), other.id, ...(other.aliases ?? [])],
  });
  record.urls = paperUrls(record);
  return record;
}

/**
 * Two stored records of one paper made one (a page showed ids of both): `keep` keeps its id;
 * the ids and aliases of both; the metadata of the one changed last; the first save; the later
 * note, with the other below a marker unless it adds nothing; the union of the tags. Fails,
 * leaving the records apart, when the notes or tags together exceed their limits.
 */
export function mergeLinkedRecords(keep: PaperRecord, other: PaperRecord): MergeResult {
  const metaFromOther = other.updatedAt > keep.updatedAt;
  const meta = metaFromOther ? other : keep;
  const rest = metaFromOther ? keep : other;
  const notes = mergeNotes(
    { note: keep.note, at: keep.noteUpdatedAt, origin: 'linked', linkedFrom: keep.id },
    { note: other.note, at: other.noteUpdatedAt, origin: 'linked', linkedFrom: other.id },
  );
  if (notes.note.length > LIMITS.note) {
    return { ok: false, error: `the notes of ${keep.id} and ${other.id} are too long together` };
  }
  const tags = unionTags(keep.tags, other.tags);
  if (tags.length > TAG_LIMITS.perPaper) {
    return { ok: false, error: `${keep.id} and ${other.id} have too many tags together` };
  }
  const firstSave = other.savedAt < keep.savedAt ? other : keep;
  const record: PaperRecord = {
    ...withIds(keep, other),
    title: meta.title,
    authors: meta.authors.length > 0 ? meta.authors : rest.authors,
    topics: meta.topics,
    source: firstSave.source,
    savedAt: Math.min(keep.savedAt, other.savedAt),
    updatedAt: Math.max(keep.updatedAt, other.updatedAt),
    note: notes.note,
    tags,
  };
  setOptional(record, 'version', maxTime(keep.version, other.version));
  setOptional(record, 'abstract', meta.abstract ?? rest.abstract);
  setOptional(record, 'noteUpdatedAt', notes.at);
  setOptional(record, 'tagsUpdatedAt', maxTime(keep.tagsUpdatedAt, other.tagsUpdatedAt));
  return { ok: true, record, outcome: notes.conflict ? 'conflict' : 'updated' };
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
