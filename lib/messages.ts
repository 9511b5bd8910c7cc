/**
 * The message contract between content scripts / the popup and the background, which owns
 * every database write. Requests travel by `runtime.sendMessage` and are validated here with
 * valibot before the background touches the database; broadcasts go the other way.
 */
import * as v from 'valibot';
import type { CorrectionEntry } from './db/corrections';
import type { ImportSummary } from './db/import';
import type { TopicConfig } from './db/topic-settings';
import type { CustomTopicRecord, PaperRecord } from './db/types';
import { LIMITS } from './messaging';
import type { ExtractedPaper, SiteId } from './paper';
import { TOPIC_IDS, type TopicId } from './paper';
import { type IdScheme, isBareArxivId } from './paper-id';
import {
  idFieldsProblem,
  isIdValue,
  isPaperId,
  MAX_PAPER_ID_LENGTH,
  withIdField,
} from './paper-identity';
import { isGenericOrigin, normalizeGenericOrigin } from './sites/optional-sites';
import { cleanText } from './sites/text';
import type { CueTable } from './topics/cues';
import type { TopicModelMessage } from './topics/learned';

// The client side (limits, broadcasts, sendRequest) lives in lib/messaging.ts so the content
// script does not load this module's request schemas; re-exported for everyone else.
export {
  type Broadcast,
  type ConfigChangedBroadcast,
  LIMITS,
  onBroadcast,
  parseBroadcast,
  type SaveCardCommand,
  type SavedChangedBroadcast,
  sendRequest,
  type TopicsCorrectedBroadcast,
} from './messaging';

import { SITE_IDS } from './sites/site-names';

// ---------------------------------------------------------------------------------------------
// Limits and patterns

/** Bare arXiv id: new style `2406.12345`, or old style `hep-th/9901001` / `math.AG/0101001`. */
export const ARXIV_ID_PATTERN = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/;
// Canonical paper ids (`arxiv:…`, `doi:…`, `acl:…`, `openreview:…`) are checked with
// `isPaperId` (lib/paper-identity.ts), at most MAX_PAPER_ID_LENGTH characters.

/** A custom topic id: `custom:` + a slug (lowercase letters and digits, single hyphens). */
export const CUSTOM_TOPIC_ID_PATTERN = /^custom:[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A badge colour as the options page's colour input gives it. */
export const COLOR_PATTERN = /^#[0-9a-f]{6}$/i;

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
  v.check(
    (id: string) => isPaperId(id),
    (issue) => `${quote(issue.input)} is not a canonical paper id (e.g. "arxiv:2406.12345")`,
  ),
);

/** A bare id of `scheme` (`doi`: lowercase, as canonicalDoi gives it). */
const idValueSchema = (scheme: IdScheme, example: string) =>
  v.optional(
    v.pipe(
      v.string('must be a string'),
      v.maxLength(MAX_PAPER_ID_LENGTH, `must be at most ${MAX_PAPER_ID_LENGTH} characters`),
      v.check(
        (value) => isIdValue(scheme, value),
        `is not a canonical ${scheme} id (e.g. "${example}")`,
      ),
    ),
  );

const TopicsSchema = v.pipe(
  v.array(
    v.picklist(TOPIC_IDS, (issue) => `unknown topic ${quote(issue.input)}`),
    'must be an array of topic ids',
  ),
  v.maxLength(TOPIC_IDS.length, `at most ${TOPIC_IDS.length} topics`),
);

const BUILT_IN_TOPIC_IDS: ReadonlySet<string> = new Set(TOPIC_IDS);

/** A built-in topic id or a `custom:<slug>` id (corrections may name either). */
const AnyTopicIdSchema = v.pipe(
  v.string('must be a string'),
  v.check(
    (id) => BUILT_IN_TOPIC_IDS.has(id) || (id.length <= 48 && CUSTOM_TOPIC_ID_PATTERN.test(id)),
    (issue) => `unknown topic ${quote(issue.input)}`,
  ),
);

const AnyTopicsSchema = v.pipe(
  v.array(AnyTopicIdSchema, 'must be an array of topic ids'),
  v.maxLength(LIMITS.correctionTopics, `at most ${LIMITS.correctionTopics} topics`),
);

const CustomTopicIdSchema = v.pipe(
  v.string('must be a string'),
  v.maxLength(48, 'must be at most 48 characters'),
  v.regex(CUSTOM_TOPIC_ID_PATTERN, (issue) => `${quote(issue.input)} is not a custom topic id`),
);

const SiteSchema = v.picklist(SITE_IDS, (issue) => `unknown site ${quote(issue.input)}`);

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

/** Epoch milliseconds (a time a context observed, e.g. when the user typed). */
const TimestampSchema = v.pipe(
  v.number('must be a number'),
  v.integer('must be an integer'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(8.64e15, 'is not a time'),
);

/** A tag as typed (normalized by the database functions). */
const TagSchema = v.pipe(
  boundedString(LIMITS.tag),
  v.check((tag) => tag.trim() !== '', 'must not be empty'),
);

const TagListSchema = v.pipe(
  v.array(TagSchema, 'must be an array of tags'),
  v.maxLength(LIMITS.tagChanges, `at most ${LIMITS.tagChanges} tags`),
);

/** An ExtractedPaper as a content script sends it (the url is accepted but never stored). */
const PaperSchema = v.pipe(
  v.strictObject(
    {
      id: PaperIdSchema,
      arxivId: v.optional(
        v.pipe(
          v.string('must be a string'),
          v.regex(ARXIV_ID_PATTERN, 'is not a bare arXiv id (e.g. "2406.12345")'),
          // The stricter rules of lib/paper-id.ts (month 01-12, 4 digits before 2015, 5 after).
          v.check(isBareArxivId, 'is not a valid arXiv id (impossible month or number width)'),
        ),
      ),
      doi: idValueSchema('doi', '10.1145/3442188.3445922'),
      aclId: idValueSchema('acl', '2023.acl-long.1'),
      openreviewId: idValueSchema('openreview', 'aBcD3fGh1j'),
      version: v.optional(
        v.pipe(
          v.number('must be a number'),
          v.integer('must be an integer'),
          v.minValue(1, 'must be at least 1'),
          v.maxValue(LIMITS.version, `must be at most ${LIMITS.version}`),
        ),
      ),
      // Page text is cleaned again here (bidi controls, invisibles, lone surrogates: see
      // cleanText), so nothing stored depends on the content script having done it.
      title: v.pipe(
        boundedString(LIMITS.title),
        v.transform(cleanText),
        v.check((title) => title !== '', 'must not be empty'),
      ),
      authors: v.pipe(
        v.array(
          v.pipe(boundedString(LIMITS.author), v.transform(cleanText)),
          'must be an array of strings',
        ),
        v.maxLength(LIMITS.authors, `at most ${LIMITS.authors} authors`),
        v.transform((names) => names.filter((name) => name !== '')),
      ),
      abstract: v.optional(v.pipe(boundedString(LIMITS.abstract), v.transform(cleanText))),
      url: boundedString(LIMITS.url),
      site: v.picklist(SITE_IDS, (issue) => `unknown site ${quote(issue.input)}`),
    },
    objectMessage,
  ),
  // The id agrees with the field of its scheme (`arxiv:` + arxivId, `doi:` + doi, …); the
  // field, when the sender left it out, is filled from the id.
  v.forward(
    v.partialCheck(
      [['id'], ['arxivId'], ['doi'], ['aclId'], ['openreviewId']],
      (paper) => idFieldsProblem(paper) === undefined,
      (issue) =>
        idFieldsProblem(issue.input as Parameters<typeof idFieldsProblem>[0]) ??
        'disagrees with the id fields',
    ),
    ['id'],
  ),
  v.transform((paper): ExtractedPaper => withIdField(paper)),
);

/** An origin generic mode can be switched on for (`https://host`, see optional-sites.ts). */
const GenericOriginSchema = v.pipe(
  v.string('must be a string'),
  v.maxLength(300, 'must be at most 300 characters'),
  v.check(
    (origin: string) => isGenericOrigin(origin),
    (issue) => {
      const normalized = normalizeGenericOrigin(String(issue.input));
      return normalized.ok
        ? `must be written as ${quote(normalized.origin)}`
        : `${quote(issue.input)}: ${normalized.error}`;
    },
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
    // When the user typed it (the later edit wins, whatever order messages arrive in).
    editedAt: v.optional(TimestampSchema),
  }),
  'update-tags': strictObject({
    type: v.literal('update-tags'),
    id: PaperIdSchema,
    add: TagListSchema,
    remove: TagListSchema,
  }),
  'rename-tag': strictObject({
    type: v.literal('rename-tag'),
    from: TagSchema,
    to: TagSchema,
  }),
  // Each paper is validated by the handler as an exported paper (lib/notebook/import-format.ts),
  // like an import; that schema stays out of the content script's bundle.
  'restore-papers': strictObject({
    type: v.literal('restore-papers'),
    papers: v.pipe(
      v.array(v.unknown(), 'must be an array'),
      v.maxLength(LIMITS.restorePapers, `at most ${LIMITS.restorePapers} papers`),
    ),
  }),
  // The file's text, parsed and validated by the handler (lib/notebook/import-format.ts).
  'import-papers': strictObject({
    type: v.literal('import-papers'),
    text: v.pipe(
      v.string('must be a string'),
      v.maxLength(
        LIMITS.importText,
        `must be at most ${LIMITS.importText} characters (files up to 32 MB import)`,
      ),
    ),
    apply: v.boolean('must be true or false'),
  }),
  'get-page-state': strictObject({
    type: v.literal('get-page-state'),
    ids: v.pipe(
      v.array(PaperIdSchema, 'must be an array of paper ids'),
      v.maxLength(LIMITS.ids, `at most ${LIMITS.ids} ids per request`),
    ),
    knownIds: v.optional(v.boolean('must be true or false')),
  }),
  'get-note': strictObject({
    type: v.literal('get-note'),
    id: PaperIdSchema,
  }),
  'set-topic-correction': strictObject({
    type: v.literal('set-topic-correction'),
    id: PaperIdSchema,
    added: AnyTopicsSchema,
    removed: AnyTopicsSchema,
    topics: v.optional(TopicsSchema),
  }),
  'get-topic-config': strictObject({
    type: v.literal('get-topic-config'),
    site: v.optional(SiteSchema),
  }),
  'get-classifier': strictObject({
    type: v.literal('get-classifier'),
  }),
  'save-custom-topic': strictObject({
    type: v.literal('save-custom-topic'),
    topic: strictObject({
      id: v.optional(CustomTopicIdSchema),
      label: v.pipe(
        boundedString(LIMITS.topicLabel),
        v.check((label) => label.trim() !== '', 'must not be empty'),
      ),
      color: v.pipe(v.string('must be a string'), v.regex(COLOR_PATTERN, 'must be #rrggbb')),
      phrases: v.pipe(
        v.array(
          v.pipe(
            boundedString(LIMITS.topicPhrase),
            v.check((phrase) => phrase.trim() !== '', 'must not be empty'),
          ),
          'must be an array of strings',
        ),
        v.minLength(1, 'at least one phrase'),
        v.maxLength(LIMITS.topicPhrases, `at most ${LIMITS.topicPhrases} phrases`),
      ),
    }),
  }),
  'delete-custom-topic': strictObject({
    type: v.literal('delete-custom-topic'),
    id: CustomTopicIdSchema,
  }),
  'set-disabled-topics': strictObject({
    type: v.literal('set-disabled-topics'),
    ids: TopicsSchema,
  }),
  'set-summary-filter': strictObject({
    type: v.literal('set-summary-filter'),
    site: SiteSchema,
    topic: v.nullable(AnyTopicIdSchema),
  }),
  'set-generic-site': strictObject({
    type: v.literal('set-generic-site'),
    origin: GenericOriginSchema,
    enabled: v.boolean('must be true or false'),
  }),
  'sync-site-scripts': strictObject({
    type: v.literal('sync-site-scripts'),
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
  /**
   * When the user made this edit (epoch ms; default: when the background receives it). An edit
   * older than the stored note's `noteUpdatedAt` is not applied (the response says `stale`).
   */
  editedAt?: number;
}
/** Add and remove tags of a saved paper (popup; changes from two windows both apply). */
export interface UpdateTagsRequest {
  type: 'update-tags';
  id: string;
  add: string[];
  remove: string[];
}
/** Rename a tag on every paper; merges into `to` where a paper already has it. */
export interface RenameTagRequest {
  type: 'rename-tag';
  from: string;
  to: string;
}
/** Put deleted papers back (the popup's Undo), as exported papers (docs/EXPORT-FORMAT.md). */
export interface RestorePapersRequest {
  type: 'restore-papers';
  papers: unknown[];
}
/** Import an export file: a dry run (`apply: false`) counts, `apply: true` merges. */
export interface ImportPapersRequest {
  type: 'import-papers';
  text: string;
  apply: boolean;
}

/** Saved state and topic corrections of a listing page's papers, in one message. */
export interface GetPageStateRequest {
  type: 'get-page-state';
  ids: string[];
  /** Also send the digest of every id the database knows (../known-ids.ts). */
  knownIds?: boolean;
}
/** The note of one paper (empty, with `saved: false`, when the paper is not saved). */
export interface GetNoteRequest {
  type: 'get-note';
  id: string;
}
/**
 * Replace the user's correction of a paper's topics (both lists empty: remove it). `topics`, the
 * built-in topics the card now shows, becomes the stored topics when the paper is saved.
 */
export interface SetTopicCorrectionRequest {
  type: 'set-topic-correction';
  id: string;
  added: string[];
  removed: string[];
  topics?: TopicId[];
}
/** Custom topics, disabled built-in topics, and the page-summary filter of `site`. */
export interface GetTopicConfigRequest {
  type: 'get-topic-config';
  site?: SiteId;
}
/**
 * The built-in classifier's data, which a content script asks for once a page: the cue table and
 * the learned model (lib/topics/engine.ts). It reads no database, so a database that fails to
 * open still leaves the badges.
 */
export interface GetClassifierRequest {
  type: 'get-classifier';
}
/** Add a custom topic (no `id`) or edit the one with `id`. */
export interface SaveCustomTopicRequest {
  type: 'save-custom-topic';
  topic: { id?: string; label: string; color: string; phrases: string[] };
}
export interface DeleteCustomTopicRequest {
  type: 'delete-custom-topic';
  id: string;
}
/** Replace the set of built-in topics switched off. */
export interface SetDisabledTopicsRequest {
  type: 'set-disabled-topics';
  ids: TopicId[];
}
/** Remember (or, with null, forget) the page-summary filter of a site. */
export interface SetSummaryFilterRequest {
  type: 'set-summary-filter';
  site: SiteId;
  topic: string | null;
}

/**
 * Switch generic mode on or off for one origin (`https://host`): stored in the settings table,
 * then the sites content script is registered again. The options page asks for the origin's
 * permission first (permissions.request needs the user's click, which only a page has).
 */
export interface SetGenericSiteRequest {
  type: 'set-generic-site';
  origin: string;
  enabled: boolean;
}
/**
 * Register the sites content script again for exactly the optional sites and generic origins
 * whose permission is granted (the background also does it on start-up and on every permission
 * change); answers what is registered.
 */
export interface SyncSiteScriptsRequest {
  type: 'sync-site-scripts';
}

/** A content script the background registered at run time, as scripting reports it. */
export interface RegisteredSiteScript {
  id: string;
  matches: string[];
}

/** Every request, by type. */
export interface RequestMap {
  'get-saved-state': GetSavedStateRequest;
  'save-paper': SavePaperRequest;
  'unsave-paper': UnsavePaperRequest;
  'update-note': UpdateNoteRequest;
  'update-tags': UpdateTagsRequest;
  'rename-tag': RenameTagRequest;
  'restore-papers': RestorePapersRequest;
  'import-papers': ImportPapersRequest;
  'get-page-state': GetPageStateRequest;
  'get-note': GetNoteRequest;
  'set-topic-correction': SetTopicCorrectionRequest;
  'get-topic-config': GetTopicConfigRequest;
  'get-classifier': GetClassifierRequest;
  'save-custom-topic': SaveCustomTopicRequest;
  'delete-custom-topic': DeleteCustomTopicRequest;
  'set-disabled-topics': SetDisabledTopicsRequest;
  'set-summary-filter': SetSummaryFilterRequest;
  'set-generic-site': SetGenericSiteRequest;
  'sync-site-scripts': SyncSiteScriptsRequest;
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
  'unsave-paper': { ok: true; removed: boolean; record?: PaperRecord };
  /** The record as stored after the update. */
  'update-note': { ok: true; record: PaperRecord; stale?: boolean };
  /** The record as stored after the change. */
  'update-tags': { ok: true; record: PaperRecord };
  /** How many papers had the tag. */
  'rename-tag': { ok: true; changed: number };
  /** The ids saved again (papers saved meanwhile are merged, not listed). */
  'restore-papers': { ok: true; restored: string[] };
  'import-papers': { ok: true; summary: ImportSummary };
  /** Which ids are saved, and the corrections stored for any of them. */
  'get-page-state': {
    ok: true;
    saved: string[];
    corrections: CorrectionEntry[];
    /** When asked for: ascending hashes of every id with saved state or a correction. */
    known?: number[];
  };
  'get-note': { ok: true; saved: boolean; note: string };
  /** The stored correction (null once removed) and the saved record (null when not saved). */
  'set-topic-correction': {
    ok: true;
    correction: CorrectionEntry | null;
    record: PaperRecord | null;
  };
  'get-topic-config': { ok: true } & TopicConfig;
  /** The cue table and the learned model, in the model's compact form (TopicModelMessage). */
  'get-classifier': { ok: true; cues: CueTable; model: TopicModelMessage };
  'save-custom-topic': { ok: true; topic: CustomTopicRecord };
  'delete-custom-topic': { ok: true; removed: boolean };
  'set-disabled-topics': { ok: true; disabled: TopicId[] };
  'set-summary-filter': { ok: true };
  /** The origins generic mode is on for, and the scripts registered afterwards. */
  'set-generic-site': { ok: true; origins: string[]; registered: RegisteredSiteScript[] };
  'sync-site-scripts': { ok: true; registered: RegisteredSiteScript[] };
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
  'update-tags': true,
  'rename-tag': true,
  'restore-papers': true,
  'import-papers': true,
  'get-page-state': true,
  'get-note': true,
  'set-topic-correction': true,
  'get-topic-config': true,
  'get-classifier': true,
  'save-custom-topic': true,
  'delete-custom-topic': true,
  'set-disabled-topics': true,
  'set-summary-filter': true,
  'set-generic-site': true,
  'sync-site-scripts': true,
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
