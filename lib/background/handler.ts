import { browser } from 'wxt/browser';
import { getCorrections, setCorrection } from '../db/corrections';
import { describeStorageError, whenDatabaseReady } from '../db/errors';
import { findRecord, getSavedIds, savePaper } from '../db/papers';
import type { BiasLensDB } from '../db/schema';
import { setGenericOrigin } from '../db/site-settings';
import {
  deleteCustomTopic,
  getTopicConfig,
  saveCustomTopic,
  setDisabledTopics,
  setSummaryFilter,
} from '../db/topic-settings';
import {
  type Broadcast,
  parseRequest,
  type RegisteredSiteScript,
  type Request,
  type RequestType,
  type Response,
} from '../messages';
import { genericPattern } from '../sites/optional-sites';
import { CUE_TABLE } from '../topics/cues';
import { shippedTopicModelMessage } from '../topics/shipped-model';
import { createKnownIdsCache } from './known-ids-cache';
import { runNotebookRequest } from './notebook';
import { refusalFor, type Sender } from './sender-policy';

export type { Sender } from './sender-policy';

/** What the request handler needs from its environment (injected so tests can fake it). */
export interface HandlerDeps {
  /** Tells every tab and extension page about a change; must not reject. */
  broadcast: (message: Broadcast) => Promise<void> | void;
  /** The current time in epoch milliseconds. */
  now: () => number;
  /**
   * Registers the sites content script for exactly the granted optional sites and generic
   * origins (./site-scripts.ts); resolves to what is registered. Absent: nothing to register.
   */
  syncSiteScripts?: () => Promise<RegisteredSiteScript[]>;
  /** Runs the sites script in the open tabs on these match patterns (a site just enabled). */
  injectIntoOpenTabs?: (patterns: string[]) => Promise<unknown>;
}

/** Requests that never write; every other one may change which papers are saved or corrected. */
const READ_ONLY: ReadonlySet<RequestType> = new Set([
  'get-saved-state',
  'get-page-state',
  'get-note',
  'get-topic-config',
]);

/**
 * The background's message handler: validates a message, checks it comes from this
 * extension, runs the database operation and broadcasts saves/unsaves. Never rejects; every
 * failure becomes `{ ok: false, error }`.
 */
export function createRequestHandler(
  db: BiasLensDB,
  deps: HandlerDeps,
): (message: unknown, sender: Sender) => Promise<Response> {
  const notify = (message: Broadcast) => {
    // Not awaited: the sender gets its answer without waiting for every tab.
    Promise.resolve()
      .then(() => deps.broadcast(message))
      .catch((error: unknown) => console.error('[BiasLens] broadcast failed', error));
  };

  const knownIds = createKnownIdsCache(db);

  const run = async (request: Request): Promise<Response> => {
    switch (request.type) {
      case 'get-saved-state':
        return { ok: true, saved: await getSavedIds(db, request.ids) };
      case 'save-paper': {
        const record = await savePaper(db, request.paper, request.topics, deps.now());
        // Every id the paper is known by: a card showing `doi:X` shows Saved for `arxiv:Y`.
        notify({ type: 'saved-changed', ids: record.aliases ?? [record.id], saved: true });
        return { ok: true, record };
      }
      // Notes, tags, delete with undo, import: ./notebook.ts.
      case 'unsave-paper':
      case 'update-note':
      case 'update-tags':
      case 'rename-tag':
      case 'restore-papers':
      case 'import-papers':
        return runNotebookRequest(db, request, { now: deps.now, notify });
      case 'get-page-state': {
        const [saved, corrections, known] = await Promise.all([
          getSavedIds(db, request.ids),
          getCorrections(db, request.ids),
          request.knownIds ? knownIds.get() : undefined,
        ]);
        return known ? { ok: true, saved, corrections, known } : { ok: true, saved, corrections };
      }
      case 'get-note': {
        const record = await findRecord(db, request.id);
        return { ok: true, saved: record !== undefined, note: record?.note ?? '' };
      }
      case 'set-topic-correction': {
        const { id, added, removed, topics } = request;
        const result = await setCorrection(
          db,
          id,
          topics ? { added, removed, topics } : { added, removed },
          deps.now(),
        );
        const correction = result.correction
          ? { id, added: result.correction.added, removed: result.correction.removed }
          : null;
        notify({
          type: 'topics-corrected',
          id,
          added: correction?.added ?? [],
          removed: correction?.removed ?? [],
        });
        return { ok: true, correction, record: result.paper ?? null };
      }
      case 'get-topic-config':
        return { ok: true, ...(await getTopicConfig(db, request.site)) };
      case 'get-classifier':
        return { ok: true, cues: CUE_TABLE, model: shippedTopicModelMessage() };
      case 'save-custom-topic': {
        const topic = await saveCustomTopic(db, request.topic, deps.now());
        notify({ type: 'config-changed' });
        return { ok: true, topic };
      }
      case 'delete-custom-topic': {
        const removed = await deleteCustomTopic(db, request.id);
        notify({ type: 'config-changed' });
        return { ok: true, removed };
      }
      case 'set-disabled-topics': {
        const disabled = await setDisabledTopics(db, request.ids);
        notify({ type: 'config-changed' });
        return { ok: true, disabled };
      }
      case 'set-summary-filter':
        await setSummaryFilter(db, request.site, request.topic);
        return { ok: true };
      case 'set-generic-site': {
        const origins = await setGenericOrigin(db, request.origin, request.enabled);
        const registered = await syncScripts();
        // Pages of the site already open get cards without a reload (best effort).
        if (request.enabled) void deps.injectIntoOpenTabs?.([genericPattern(request.origin)]);
        return { ok: true, origins, registered };
      }
      case 'sync-site-scripts':
        return { ok: true, registered: await syncScripts() };
    }
  };

  const syncScripts = async (): Promise<RegisteredSiteScript[]> =>
    ((await deps.syncSiteScripts?.()) ?? []).map(({ id, matches }) => ({ id, matches }));

  return async (message, sender) => {
    // Only our own content scripts and pages: other extensions and web pages are refused, and
    // content scripts may send only the requests a listing page needs (./sender-policy.ts).
    const extension = { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') };
    if (!sender.id || sender.id !== extension.id) {
      return { ok: false, error: 'Refused: the message does not come from BiasLens' };
    }
    const request = parseRequest(message);
    if ('error' in request) return { ok: false, error: request.error };
    const refusal = refusalFor(sender, request.type, extension);
    if (refusal) return { ok: false, error: refusal };
    try {
      // Static data: the badges need no database, even one that is blocked or failing.
      if (request.type === 'get-classifier') return await run(request);
      // Fails fast (instead of hanging) while an older page blocks a database upgrade.
      await whenDatabaseReady(db);
      if (READ_ONLY.has(request.type)) return await run(request);
      knownIds.invalidate();
      try {
        return await run(request);
      } finally {
        knownIds.invalidate();
      }
    } catch (error) {
      console.error(`[BiasLens] ${request.type} failed`, error);
      // Storage faults (quota, blocked upgrade) in words the user can act on (../db/errors.ts).
      return { ok: false, error: `${request.type} failed: ${describeStorageError(error)}` };
    }
  };
}
