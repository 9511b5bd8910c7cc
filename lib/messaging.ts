/**
 * The client side of the message contract (lib/messages.ts): request size limits, the broadcasts
 * the background sends, and the helpers that send requests and receive broadcasts. Kept apart
 * from the request schemas (valibot) so the content script, which must stay small, loads only this.
 */
import { browser } from 'wxt/browser';
import type { RequestMap, RequestType, ResponseFor } from './messages';

export { LIMITS } from './limits';

// ---------------------------------------------------------------------------------------------
// Broadcasts (background -> every tab and extension page)

/** Papers were saved (`saved: true`) or unsaved (`saved: false`). */
export interface SavedChangedBroadcast {
  type: 'saved-changed';
  ids: string[];
  saved: boolean;
}
/** The user corrected a paper's topics (both lists empty: the correction was removed). */
export interface TopicsCorrectedBroadcast {
  type: 'topics-corrected';
  id: string;
  added: string[];
  removed: string[];
}
/** Custom or disabled topics changed: content scripts ask for the topic config again. */
export interface ConfigChangedBroadcast {
  type: 'config-changed';
}
/**
 * The "save-card" keyboard command, sent by the background to the active tab only: the content
 * script saves the card that has focus or was hovered last.
 */
export interface SaveCardCommand {
  type: 'save-card';
}
export type Broadcast =
  | SavedChangedBroadcast
  | TopicsCorrectedBroadcast
  | ConfigChangedBroadcast
  | SaveCardCommand;

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * The broadcast `message` carries, or undefined for anything else (e.g. other extensions' noise).
 * Checked by hand, not with valibot: this runs in the content script, which must stay small.
 */
export function parseBroadcast(message: unknown): Broadcast | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'saved-changed':
      return isStringArray(m.ids) && typeof m.saved === 'boolean'
        ? { type: m.type, ids: [...m.ids], saved: m.saved }
        : undefined;
    case 'topics-corrected':
      return typeof m.id === 'string' && isStringArray(m.added) && isStringArray(m.removed)
        ? { type: m.type, id: m.id, added: [...m.added], removed: [...m.removed] }
        : undefined;
    case 'config-changed':
    case 'save-card':
      return { type: m.type };
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Client helpers (content scripts and the popup)

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends a request to the background and resolves to its response. Never rejects: transport
 * failures (background unavailable, extension reloaded) come back as `{ ok: false, error }`.
 */
export async function sendRequest<T extends RequestType>(
  message: RequestMap[T] & { type: T },
): Promise<ResponseFor<T>> {
  try {
    const response: unknown = await browser.runtime.sendMessage(message);
    if (typeof response !== 'object' || response === null || !('ok' in response)) {
      return { ok: false, error: 'No response from the BiasLens background' };
    }
    return response as ResponseFor<T>;
  } catch (error) {
    return { ok: false, error: `Could not reach the BiasLens background: ${errorMessage(error)}` };
  }
}

/**
 * Calls `listener` with every broadcast this context receives; returns the function that stops
 * listening (content scripts: pass it to `ctx.onInvalidated`). Never answers the message.
 */
export function onBroadcast(listener: (broadcast: Broadcast) => void): () => void {
  const handle = (message: unknown): undefined => {
    const broadcast = parseBroadcast(message);
    if (broadcast) listener(broadcast);
    return undefined;
  };
  browser.runtime.onMessage.addListener(handle);
  // Called when the content script is invalidated (extension reloaded): `browser.runtime` is gone
  // by then, and the listener with it; there is nothing to remove and nothing may throw.
  return () => browser.runtime?.onMessage?.removeListener(handle);
}
