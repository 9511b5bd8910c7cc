/**
 * The message contract between content scripts / the popup and the background, which owns
 * every database write. Requests travel by `runtime.sendMessage` and are validated here with
 * valibot before the background touches the database; broadcasts go the other way.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import type { PaperRecord } from './db/types';
import type { ExtractedPaper, SiteId } from './paper';
import { TOPIC_IDS, type TopicId } from './paper';
import { isBareArxivId } from './paper-id';

// ---------------------------------------------------------------------------------------------
// Limits and patterns

/** Bare arXiv id: new style `2406.12345`, or old style `hep-th/9901001` / `math.AG/0101001`. */
export const ARXIV_ID_PATTERN = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/;
/** Canonical paper id: `arxiv:` + bare arXiv id, no version. */
export const CANONICAL_ID_PATTERN = /^arxiv:(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/;

/** Bounds on request sizes; anything larger is rejected, never truncated. */
export const LIMITS = {
  /** Ids per get-saved-state request (a listing page shows at most a few thousand). */
  ids: 5000,
  title: 2000,
  authors: 500,
  author: 300,
  abstract: 20_000,
  url: 2048,
  note: 100_000,
  /** Highest plausible arXiv version number. */
  version: 1000,
} as const;

// Written as a Record so adding a SiteId without listing it here is a type error.
const SITES: Record<SiteId, true> = { arxiv: true, huggingface: true };
const SITE_IDS = Object.keys(SITES) as SiteId[];

// ---------------------------------------------------------------------------------------------
// Request schemas

/** A value quoted for an error message, cut short so a huge input cannot bloat the error. */
function quote(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = typeof value; // BigInt or a cyclic object (Firefox's structured clone allows both)
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const PaperIdSchema = v.pipe(
  v.string('must be a string'),
  v.regex(
    CANONICAL_ID_PATTERN,
    (issue) => `${quote(issue.input)} is not a canonical paper id (e.g. "arxiv:2406.12345")`,
  ),
);

const TopicsSchema = v.pipe(
  v.array(
    v.picklist(TOPIC_IDS, (issue) => `unknown topic ${quote(issue.input)}`),
    'must be an array of topic ids',
  ),
  v.maxLength(TOPIC_IDS.length, `at most ${TOPIC_IDS.length} topics`),
);

/** Messages for object-level issues: a non-object, a missing key, or an unexpected key. */
const objectMessage = (issue: v.StrictObjectIssue): string => {
  // valibot reports all three with this message; `expected` tells them apart.
  if (issue.expected === 'never') return 'unexpected field';
  if (issue.expected?.startsWith('"')) return 'is required';
  return 'must be an object';
};

/** An object that rejects unknown keys (no junk reaches the database). */
const strictObject = <const TEntries extends v.ObjectEntries>(entries: TEntries) =>
  v.strictObject(entries, objectMessage);

const boundedString = (max: number) =>
  v.pipe(v.string('must be a string'), v.maxLength(max, `must be at most ${max} characters`));

/** An ExtractedPaper as a content script sends it (the url is accepted but never stored). */
const PaperSchema = v.pipe(
  v.strictObject(
    {
      id: PaperIdSchema,
      arxivId: v.pipe(
        v.string('must be a string'),
        v.regex(ARXIV_ID_PATTERN, 'is not a bare arXiv id (e.g. "2406.12345")'),
        // The stricter rules of lib/paper-id.ts (month 01-12, 4 digits before 2015, 5 after).
        v.check(isBareArxivId, 'is not a valid arXiv id (impossible month or number width)'),
      ),
      version: v.optional(
        v.pipe(
          v.number('must be a number'),
          v.integer('must be an integer'),
          v.minValue(1, 'must be at least 1'),
          v.maxValue(LIMITS.version, `must be at most ${LIMITS.version}`),
        ),
      ),
      title: v.pipe(
        boundedString(LIMITS.title),
        v.check((title) => title.trim() !== '', 'must not be empty'),
      ),
      authors: v.pipe(
        v.array(boundedString(LIMITS.author), 'must be an array of strings'),
        v.maxLength(LIMITS.authors, `at most ${LIMITS.authors} authors`),
      ),
      abstract: v.optional(boundedString(LIMITS.abstract)),
      url: boundedString(LIMITS.url),
      site: v.picklist(SITE_IDS, (issue) => `unknown site ${quote(issue.input)}`),
    },
    objectMessage,
  ),
  v.forward(
    v.partialCheck(
      [['id'], ['arxivId']],
      (paper) => paper.id === `arxiv:${paper.arxivId}`,
      'must be "arxiv:" followed by arxivId',
    ),
    ['id'],
  ),
);

const REQUEST_SCHEMAS = {
  'get-saved-state': strictObject({
    type: v.literal('get-saved-state'),
    ids: v.pipe(
      v.array(PaperIdSchema, 'must be an array of paper ids'),
      v.maxLength(LIMITS.ids, `at most ${LIMITS.ids} ids per request`),
    ),
  }),
  'save-paper': strictObject({
    type: v.literal('save-paper'),
    paper: PaperSchema,
    topics: TopicsSchema,
  }),
  'unsave-paper': strictObject({
    type: v.literal('unsave-paper'),
    id: PaperIdSchema,
  }),
  'update-note': strictObject({
    type: v.literal('update-note'),
    id: PaperIdSchema,
    note: boundedString(LIMITS.note),
  }),
} as const;

// ---------------------------------------------------------------------------------------------
// Request and response types

/** Which of these ids are saved? (One message for a whole listing page.) */
export interface GetSavedStateRequest {
  type: 'get-saved-state';
  ids: string[];
}
/** Save (or refresh) a paper with the topics the classifier gave it. */
export interface SavePaperRequest {
  type: 'save-paper';
  paper: ExtractedPaper;
  topics: TopicId[];
}
/** Forget a saved paper and its note. */
export interface UnsavePaperRequest {
  type: 'unsave-paper';
  id: string;
}
/** Replace a saved paper's note. */
export interface UpdateNoteRequest {
  type: 'update-note';
  id: string;
  note: string;
}

/** Every request, by type. */
export interface RequestMap {
  'get-saved-state': GetSavedStateRequest;
  'save-paper': SavePaperRequest;
  'unsave-paper': UnsavePaperRequest;
  'update-note': UpdateNoteRequest;
}
export type RequestType = keyof RequestMap;
export type Request = RequestMap[RequestType];

/** The success payload of each request type. */
export interface SuccessMap {
  /** The subset of the requested ids that are saved (order not significant). */
  'get-saved-state': { ok: true; saved: string[] };
  /** The record as stored after the save. */
  'save-paper': { ok: true; record: PaperRecord };
  /** `removed` is false when the paper was not saved (still a success). */
  'unsave-paper': { ok: true; removed: boolean };
  /** The record as stored after the update. */
  'update-note': { ok: true; record: PaperRecord };
}
export interface ErrorResponse {
  ok: false;
  error: string;
}
export type ResponseFor<T extends RequestType> = SuccessMap[T] | ErrorResponse;
export type Response = ResponseFor<RequestType>;

// Compile-time check that the schemas produce exactly the request types.
type SchemaOutput<T extends RequestType> = v.InferOutput<(typeof REQUEST_SCHEMAS)[T]>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatchTypes: { [T in RequestType]: Same<SchemaOutput<T>, RequestMap[T]> } = {
  'get-saved-state': true,
  'save-paper': true,
  'unsave-paper': true,
  'update-note': true,
};
void schemasMatchTypes;

// ---------------------------------------------------------------------------------------------
// Validation

function isRequestType(type: string): type is RequestType {
  return Object.hasOwn(REQUEST_SCHEMAS, type);
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue);
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Validates an incoming message. Returns the typed request, or `{ error }` naming what is wrong
 * (unknown type, wrong field types, overlong strings, non-canonical ids, unexpected fields).
 */
export function parseRequest(message: unknown): Request | { error: string } {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { error: 'Malformed request: expected an object with a "type"' };
  }
  const type: unknown = (message as { type?: unknown }).type;
  if (typeof type !== 'string') return { error: 'Malformed request: "type" must be a string' };
  if (!isRequestType(type)) return { error: `Unknown request type ${quote(type)}` };
  const result = v.safeParse(REQUEST_SCHEMAS[type], message, { abortPipeEarly: true });
  if (result.success) return result.output as Request;
  const details = result.issues.slice(0, 3).map(describeIssue).join('; ');
  const more = result.issues.length > 3 ? ` (and ${result.issues.length - 3} more)` : '';
  return { error: `Invalid ${type} request: ${details}${more}` };
}

// ---------------------------------------------------------------------------------------------
// Broadcasts (background -> every tab and extension page)

/** Papers were saved (`saved: true`) or unsaved (`saved: false`). */
export interface SavedChangedBroadcast {
  type: 'saved-changed';
  ids: string[];
  saved: boolean;
}
export type Broadcast = SavedChangedBroadcast;

const BroadcastSchema = v.object({
  type: v.literal('saved-changed'),
  ids: v.array(v.string()),
  saved: v.boolean(),
});

/** The broadcast `message` carries, or undefined for anything else (e.g. other extensions' noise). */
export function parseBroadcast(message: unknown): Broadcast | undefined {
  const result = v.safeParse(BroadcastSchema, message);
  return result.success ? result.output : undefined;
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
  return () => browser.runtime.onMessage.removeListener(handle);
}
