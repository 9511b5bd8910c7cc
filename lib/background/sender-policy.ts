/**
 * Who may send which request (docs/SECURITY.md, "Messages"). Every context that can reach the
 * background's runtime.onMessage is ours, but not every one is equally trusted: a content script
 * runs inside a web page BiasLens does not control, so it gets only what a listing page needs.
 * The extension's own pages (popup, options) may send everything.
 */
import type { RequestType } from '../messages';

/** The part of a runtime.MessageSender the policy looks at (set by the browser, not the sender). */
export interface Sender {
  /** The sending extension's id. */
  id?: string;
  /** The URL of the sending page or frame: ours for extension pages, the web page's for content scripts. */
  url?: string;
}

export type SenderKind = 'extension-page' | 'content-script';

/**
 * The requests a content script may send; every other type, including any added later, is for
 * extension pages only until it is listed here (default deny).
 */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>([
  // The card's Save/Saved button and the saved state of a listing page.
  'get-saved-state',
  'save-paper',
  'unsave-paper',
  'get-page-state',
  // Topic corrections, custom topics and the summary filter, shown and changed on the page.
  'set-topic-correction',
  'get-topic-config',
  // The cue table and the learned model, once a page (no database read).
  'get-classifier',
  'set-summary-filter',
  // The card's quick note editor (lib/annotate/card-ui.ts): read and write one paper's note.
  'get-note',
  'update-note',
]);

/**
 * An extension page when the sender's URL is inside the extension (`chrome-extension://<id>/…`,
 * `moz-extension://<uuid>/…`); anything else, a missing URL included, counts as a content script.
 */
export function senderKind(sender: Sender, extensionBaseUrl: string): SenderKind {
  const url = sender.url;
  return typeof url === 'string' && extensionBaseUrl !== '' && url.startsWith(extensionBaseUrl)
    ? 'extension-page'
    : 'content-script';
}

/**
 * Why `sender` may not send a request of `type`, or undefined when it may. Other extensions and
 * web pages never reach here in practice (runtime.onMessage only hears this extension, and there
 * is no onMessageExternal), but the id is checked all the same.
 */
export function refusalFor(
  sender: Sender,
  type: RequestType,
  extension: { id: string; baseUrl: string },
): string | undefined {
  if (!sender.id || sender.id !== extension.id) {
    return 'Refused: the message does not come from BiasLens';
  }
  if (senderKind(sender, extension.baseUrl) === 'extension-page') return undefined;
  return CONTENT_SCRIPT_REQUESTS.has(type)
    ? undefined
    : `Refused: ${type} may only be sent by BiasLens's own pages, not by a content script`;
}
