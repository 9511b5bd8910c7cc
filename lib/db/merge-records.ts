/**
 * Merging whole records (from an import file, or the popup's undo) into the database, by id and
 * by alias: a paper in the file saved here under another of its ids (`doi:X` here, `arxiv:Y`
 * with DOI X in the file) merges into the stored record, which keeps its id. Runs inside the
 * caller's transaction (read-only for a dry run) and plans the writes; the caller applies them.
 */
import { type MergeOutcome, mergeImportedPaper, mergeLinkedRecords } from '../notebook/merge';
import { paperAliases } from '../paper-identity';
import type { BiasLensDB } from './schema';
import type { PaperRecord } from './types';

/** What merging one incoming record did. */
export interface MergedEntry {
  /** The id the record had in the file. */
  incomingId: string;
  /** The id it is stored under (the stored record's, when it merged into one). */
  storedId: string;
  outcome: MergeOutcome;
}

export type MergePlan =
  | {
      ok: true;
      entries: MergedEntry[];
      /** Records to write. */
      puts: PaperRecord[];
      /** Records linked into another one, to delete. */
      deletes: string[];
      /** Ids (aliases included) saved after the merge that were not saved before. */
      newlySaved: string[];
    }
  | { ok: false; index: number; error: string };

/** Who owns each id and alias stored now: two key-only index scans, no record is read. */
async function storedOwners(db: BiasLensDB): Promise<Map<string, string>> {
  const owner = new Map<string, string>();
  await db.papers.toCollection().eachPrimaryKey((key) => owner.set(String(key), String(key)));
  await db.papers.orderBy('aliases').eachKey((key, cursor) => {
    owner.set(String(key), String(cursor.primaryKey));
  });
  return owner;
}

/**
 * Plans merging `incoming` (each validated, no two sharing an id or alias) into the stored
 * records: a new paper is added as it is; a paper known by any of its ids merges into that
 * record (mergeImportedPaper); a paper whose ids reach several stored records links them first
 * (mergeLinkedRecords). Fails, naming the entry, when a merge would exceed a limit.
 */
export async function planRecordMerge(
  db: BiasLensDB,
  incoming: readonly PaperRecord[],
): Promise<MergePlan> {
  const owner = await storedOwners(db);
  const savedBefore = new Set(owner.keys());
  const wanted = new Set<string>();
  for (const record of incoming) {
    for (const alias of paperAliases(record)) {
      const id = owner.get(alias);
      if (id !== undefined) wanted.add(id);
    }
  }
  const current = new Map<string, PaperRecord>();
  const loaded = await db.papers.bulkGet([...wanted]);
  for (const record of loaded) if (record) current.set(record.id, record);

  const changed = new Map<string, PaperRecord>();
  const deletes = new Set<string>();
  const entries: MergedEntry[] = [];
  const own = (record: PaperRecord) => {
    for (const alias of paperAliases(record)) owner.set(alias, record.id);
  };

  for (let index = 0; index < incoming.length; index += 1) {
    const record = incoming[index] as PaperRecord;
    const targets: PaperRecord[] = [];
    for (const alias of paperAliases(record)) {
      const id = owner.get(alias);
      const target = id === undefined ? undefined : current.get(id);
      if (target && !targets.includes(target)) targets.push(target);
    }
    if (targets.length === 0) {
      current.set(record.id, record);
      changed.set(record.id, record);
      own(record);
      entries.push({ incomingId: record.id, storedId: record.id, outcome: 'new' });
      continue;
    }
    // The record saved first keeps its id (as when a save links records).
    targets.sort((a, b) => a.savedAt - b.savedAt || (a.id < b.id ? -1 : 1));
    let base = targets[0] as PaperRecord;
    let linked = false;
    for (const other of targets.slice(1)) {
      const merged = mergeLinkedRecords(base, other);
      if (!merged.ok) return { ok: false, index, error: merged.error };
      base = merged.record;
      current.delete(other.id);
      changed.delete(other.id);
      deletes.add(other.id);
      linked = true;
    }
    const merged = mergeImportedPaper(base, record);
    if (!merged.ok) return { ok: false, index, error: merged.error };
    const outcome = merged.outcome === 'unchanged' && linked ? 'updated' : merged.outcome;
    current.set(base.id, merged.record);
    if (outcome !== 'unchanged') changed.set(base.id, merged.record);
    own(merged.record);
    entries.push({ incomingId: record.id, storedId: base.id, outcome });
  }

  const puts = [...changed.values()];
  const newlySaved = [
    ...new Set(puts.flatMap((record) => paperAliases(record)).filter((id) => !savedBefore.has(id))),
  ];
  for (const id of changed.keys()) deletes.delete(id);
  return { ok: true, entries, puts, deletes: [...deletes], newlySaved };
}

/** Applies a plan: deletes linked records, then writes the merged ones (caller's transaction). */
export async function applyRecordMerge(
  db: BiasLensDB,
  plan: Extract<MergePlan, { ok: true }>,
): Promise<void> {
  if (plan.deletes.length > 0) await db.papers.bulkDelete(plan.deletes);
  if (plan.puts.length > 0) await db.papers.bulkPut(plan.puts);
}
