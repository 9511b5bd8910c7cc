/**
 * The background's side of the research notebook: notes, tags, delete and undo, and import.
 * Called by the request handler (./handler.ts) with requests already validated and allowed.
 */
import { importText } from '../db/import';
import { editNote, removePaper, renameTag, restorePapers, updateTags } from '../db/papers';
import type { BiasLensDB } from '../db/schema';
import type { Broadcast, RequestMap, ResponseFor } from '../messages';
import { parseExportedPapers } from '../notebook/import-format';

/** The notebook's request types. */
export type NotebookRequestType =
  | 'unsave-paper'
  | 'update-note'
  | 'update-tags'
  | 'rename-tag'
  | 'restore-papers'
  | 'import-papers';
export type NotebookRequest = RequestMap[NotebookRequestType];

export interface NotebookDeps {
  now: () => number;
  /** Sends a broadcast without waiting for it. */
  notify: (message: Broadcast) => void;
}

/** Runs one notebook request; database errors reject (the handler words them). */
export async function runNotebookRequest(
  db: BiasLensDB,
  request: NotebookRequest,
  deps: NotebookDeps,
): Promise<ResponseFor<NotebookRequestType>> {
  switch (request.type) {
    case 'unsave-paper': {
      const record = await removePaper(db, request.id);
      // Every id the paper was known by, so each card showing it says Save again.
      const ids = [...new Set([request.id, ...(record?.aliases ?? [])])];
      deps.notify({ type: 'saved-changed', ids, saved: false });
      // The removed record lets the popup offer Undo.
      return record ? { ok: true, removed: true, record } : { ok: true, removed: false };
    }
    case 'update-note': {
      const now = deps.now();
      const edit = await editNote(db, request.id, request.note, request.editedAt ?? now, now);
      if (!edit) return { ok: false, error: `${request.id} is not saved` };
      return edit.applied
        ? { ok: true, record: edit.record }
        : { ok: true, record: edit.record, stale: true };
    }
    case 'update-tags': {
      const record = await updateTags(db, request.id, request, deps.now());
      if (!record) return { ok: false, error: `${request.id} is not saved` };
      return { ok: true, record };
    }
    case 'rename-tag':
      return { ok: true, changed: await renameTag(db, request.from, request.to, deps.now()) };
    case 'restore-papers': {
      const parsed = parseExportedPapers(request.papers);
      if (!parsed.ok) return { ok: false, error: `Couldn't restore: ${parsed.error}` };
      const restored = await restorePapers(db, parsed.records);
      if (restored.length > 0) deps.notify({ type: 'saved-changed', ids: restored, saved: true });
      return { ok: true, restored };
    }
    case 'import-papers': {
      const result = await importText(db, request.text, { apply: request.apply });
      if (!result.ok) return result;
      if (result.newIds.length > 0) {
        deps.notify({ type: 'saved-changed', ids: result.newIds, saved: true });
      }
      return { ok: true, summary: result.summary };
    }
  }
}
