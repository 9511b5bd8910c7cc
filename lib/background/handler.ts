import { browser } from 'wxt/browser';
import { getSavedIds, savePaper, unsavePaper, updateNote } from '../db/papers';
import type { BiasLensDB } from '../db/schema';
import { type Broadcast, parseRequest, type Request, type Response } from '../messages';

/** What the request handler needs from its environment (injected so tests can fake it). */
export interface HandlerDeps {
  /** Tells every tab and extension page about a change; must not reject. */
  broadcast: (message: Broadcast) => Promise<void> | void;
  /** The current time in epoch milliseconds. */
  now: () => number;
}

/** The part of a runtime.MessageSender the handler looks at. */
export interface Sender {
  id?: string;
}

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

  const run = async (request: Request): Promise<Response> => {
    switch (request.type) {
      case 'get-saved-state':
        return { ok: true, saved: await getSavedIds(db, request.ids) };
      case 'save-paper': {
        const record = await savePaper(db, request.paper, request.topics, deps.now());
        notify({ type: 'saved-changed', ids: [record.id], saved: true });
        return { ok: true, record };
      }
      case 'unsave-paper': {
        const removed = await unsavePaper(db, request.id);
        notify({ type: 'saved-changed', ids: [request.id], saved: false });
        return { ok: true, removed };
      }
      case 'update-note': {
        const record = await updateNote(db, request.id, request.note, deps.now());
        if (!record) return { ok: false, error: `${request.id} is not saved` };
        return { ok: true, record };
      }
    }
  };

  return async (message, sender) => {
    // Only our own content scripts and pages: other extensions and web pages are refused.
    if (!sender.id || sender.id !== browser.runtime.id) {
      return { ok: false, error: 'Refused: the message does not come from BiasLens' };
    }
    const request = parseRequest(message);
    if ('error' in request) return { ok: false, error: request.error };
    try {
      return await run(request);
    } catch (error) {
      console.error(`[BiasLens] ${request.type} failed`, error);
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, error: `${request.type} failed: ${reason}` };
    }
  };
}
