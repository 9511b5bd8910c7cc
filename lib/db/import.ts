import { type ParsedImport, parseImportText } from '../notebook/import-format';
import type { MergeOutcome } from '../notebook/merge';
import { describeStorageError } from './errors';
import { applyRecordMerge, planRecordMerge } from './merge-records';
import type { BiasLensDB } from './schema';

/** What an import did (or, in a dry run, would do). */
export interface ImportSummary {
  /** False for a dry run: nothing was written. */
  applied: boolean;
  /** The file's format version. */
  version: number;
  /** Papers in the file. */
  total: number;
  new: number;
  updated: number;
  unchanged: number;
  /** Papers whose two notes conflicted: both were (or would be) kept, marked. */
  conflicts: number;
  /** Up to 20 ids of conflicting papers, for the user to look at. */
  conflictIds: string[];
  /** Things the user should know that did not stop the import. */
  warnings: string[];
}

export type ImportResult =
  /** `newIds`: ids (aliases included) saved after the import that were not saved before. */
  { ok: true; summary: ImportSummary; newIds: string[] } | { ok: false; error: string };

/** An entry of the file that cannot be merged: names it, and aborts the whole import. */
class ImportEntryError extends Error {
  override name = 'ImportEntryError';
}

const NOTHING_CHANGED = 'Nothing was imported; your saved papers are unchanged.';

/**
 * Merges validated records into the database in one transaction (read-only for a dry run). On
 * any failure the transaction is aborted, so either every paper is merged or none is.
 */
export async function importRecords(
  db: BiasLensDB,
  parsed: ParsedImport,
  options: { apply: boolean },
): Promise<ImportResult> {
  const counts: Record<MergeOutcome, number> = { new: 0, updated: 0, unchanged: 0, conflict: 0 };
  const conflictIds: string[] = [];
  let newIds: string[] = [];
  try {
    await db.transaction(options.apply ? 'rw' : 'r', db.papers, async () => {
      // By id and by alias: a paper saved here under another of its ids merges into that record.
      const plan = await planRecordMerge(db, parsed.records);
      if (!plan.ok) {
        const record = parsed.records[plan.index];
        throw new ImportEntryError(`Paper ${plan.index + 1} (${record?.id}): ${plan.error}.`);
      }
      for (const entry of plan.entries) {
        counts[entry.outcome] += 1;
        if (entry.outcome === 'conflict' && conflictIds.length < 20) {
          conflictIds.push(entry.incomingId);
        }
      }
      if (options.apply) {
        await applyRecordMerge(db, plan);
        // A dry run saves nothing, so no page may be told otherwise.
        newIds = plan.newlySaved;
      }
    });
  } catch (error) {
    if (error instanceof ImportEntryError)
      return { ok: false, error: `${error.message} ${NOTHING_CHANGED}` };
    console.error('[BiasLens] import failed', error);
    return { ok: false, error: `${describeStorageError(error)} ${NOTHING_CHANGED}` };
  }
  return {
    ok: true,
    newIds,
    summary: {
      applied: options.apply,
      version: parsed.version,
      total: parsed.records.length,
      new: counts.new,
      updated: counts.updated,
      unchanged: counts.unchanged,
      conflicts: counts.conflict,
      conflictIds,
      warnings: parsed.warnings,
    },
  };
}

/** Reads an export file's text and merges it (see importRecords); rejects with a clear message. */
export async function importText(
  db: BiasLensDB,
  text: string,
  options: { apply: boolean },
): Promise<ImportResult> {
  const parsed = parseImportText(text);
  if (!parsed.ok) return { ok: false, error: `${parsed.error} ${NOTHING_CHANGED}` };
  return importRecords(db, parsed, options);
}
