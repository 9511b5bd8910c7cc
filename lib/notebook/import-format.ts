/**
 * Reading a BiasLens export (docs/EXPORT-FORMAT.md) back into records (pure). Every paper is
 * validated with valibot against the limits of the save-paper message; anything wrong rejects the
 * whole file with a message naming the paper and the field. Older format versions are converted.
 * Unknown fields are ignored (never copied), so keys such as `__proto__` cannot reach a record.
 */
import * as v from 'valibot';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../db/export';
import type { PaperRecord } from '../db/types';
import { LIMITS } from '../messages';
import { TOPIC_IDS, type TopicId } from '../paper';
import { type IdScheme, isBareArxivId } from '../paper-id';
import {
  idFieldsProblem,
  isIdValue,
  isPaperId,
  MAX_ALIASES,
  MAX_PAPER_ID_LENGTH,
  paperAliases,
  paperUrls,
  withIdField,
} from '../paper-identity';
import { SITE_IDS } from '../sites/site-names';
import { dedupeTags, normalizeTag, TAG_LIMITS, tagProblem } from './tags';

/** The oldest format version this reader converts. */
export const OLDEST_IMPORT_VERSION = 1;

/** Bounds on an import file, on top of the per-field limits of the messages. */
export const IMPORT_LIMITS = {
  /** Characters of file text (see LIMITS.importText for why this number). */
  textChars: LIMITS.importText,
  /** Papers in one file. */
  papers: 50_000,
  /** Topic ids on one paper in a file (unknown ones are dropped). */
  topics: 64,
} as const;

/** A validated file: the records to merge, plus notes for the user (ignored topics...). */
export interface ParsedImport {
  ok: true;
  /** The file's format version. */
  version: number;
  /** When the file was exported (epoch ms), if it says. */
  exportedAt?: number;
  records: PaperRecord[];
  warnings: string[];
}
export interface ImportRejection {
  ok: false;
  error: string;
}

// ---------------------------------------------------------------------------------------------
// Field schemas

/** A value named in an error, never long and never walked deeply (cyclic or deep input is safe). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

const bounded = (max: number) =>
  v.pipe(
    v.string((issue) => `must be a string, not ${describeValue(issue.input)}`),
    v.maxLength(max, (issue) => `must be at most ${max} characters (it has ${issue.received})`),
  );

// ISO 8601 with a date, a time and a zone, as Date.prototype.toISOString() writes it; seconds
// and fractions optional for hand-edited files.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const IsoTimeSchema = v.pipe(
  v.string((issue) => `must be an ISO 8601 date-time string, not ${describeValue(issue.input)}`),
  v.regex(ISO_TIME, (issue) => `${describeValue(issue.input)} is not an ISO 8601 date-time`),
  v.transform((text) => Date.parse(text)),
  v.check((time) => Number.isFinite(time), 'is not a real date'),
);

const VersionSchema = v.pipe(
  v.number((issue) => `must be a number or null, not ${describeValue(issue.input)}`),
  v.integer('must be an integer'),
  v.minValue(1, 'must be at least 1'),
  v.maxValue(LIMITS.version, `must be at most ${LIMITS.version}`),
);

/** An optional id of `scheme` (additive fields; null or absent when unknown). */
const idValue = (scheme: IdScheme, example: string) =>
  v.nullish(
    v.pipe(
      v.string((issue) => `must be a string or null, not ${describeValue(issue.input)}`),
      v.maxLength(MAX_PAPER_ID_LENGTH, `is not a valid ${scheme} id`),
      v.check(
        (value) => isIdValue(scheme, value),
        (issue) => `${describeValue(issue.input)} is not a valid ${scheme} id (e.g. "${example}")`,
      ),
    ),
  );

const TagSchema = v.pipe(
  v.string((issue) => `must be a string, not ${describeValue(issue.input)}`),
  v.transform(normalizeTag),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = tagProblem(dataset.value);
    if (problem) addIssue({ message: problem });
  }),
);

const paperEntries = {
  id: v.pipe(
    v.string((issue) => `must be a string, not ${describeValue(issue.input)}`),
    v.maxLength(64, 'is not a canonical paper id'),
    v.check(
      (id) => id.startsWith('arxiv:') && isBareArxivId(id.slice('arxiv:'.length)),
      (issue) =>
        `${describeValue(issue.input)} is not a canonical paper id (e.g. "arxiv:2406.12345")`,
    ),
  ),
  arxivId: v.pipe(
    v.string((issue) => `must be a string, not ${describeValue(issue.input)}`),
    v.maxLength(64, 'is not an arXiv id'),
    v.check(isBareArxivId, (issue) => `${describeValue(issue.input)} is not a bare arXiv id`),
  ),
  // Added to version 1 later (additive): the other ids, and every id the paper is known by.
  doi: idValue('doi', '10.1145/3442188.3445922'),
  aclId: idValue('acl', '2023.acl-long.1'),
  openreviewId: idValue('openreview', 'aBcD3fGh1j'),
  aliases: v.nullish(
    v.pipe(
      v.array(
        v.pipe(
          v.string((issue) => `must be a string, not ${describeValue(issue.input)}`),
          v.check(
            (id: string) => isPaperId(id),
            (issue) => `${describeValue(issue.input)} is not a canonical id`,
          ),
        ),
        (issue) => `must be an array, not ${describeValue(issue.input)}`,
      ),
      v.maxLength(MAX_ALIASES, `must list at most ${MAX_ALIASES} ids`),
    ),
  ),
  version: v.nullish(VersionSchema),
  // Ignored: the URLs are rebuilt from the id, never taken from a file.
  urls: v.unknown(),
  title: v.pipe(
    bounded(LIMITS.title),
    v.check((title) => title.trim() !== '', 'must not be empty'),
  ),
  authors: v.pipe(
    v.array(
      bounded(LIMITS.author),
      (issue) => `must be an array, not ${describeValue(issue.input)}`,
    ),
    v.maxLength(LIMITS.authors, `must list at most ${LIMITS.authors} authors`),
  ),
  abstract: v.nullish(bounded(LIMITS.abstract)),
  topics: v.pipe(
    v.array(
      v.string((issue) => `must be a string, not ${describeValue(issue.input)}`),
      (issue) => `must be an array, not ${describeValue(issue.input)}`,
    ),
    v.maxLength(IMPORT_LIMITS.topics, `must list at most ${IMPORT_LIMITS.topics} topics`),
  ),
  source: v.picklist(
    SITE_IDS,
    (issue) =>
      `must be a site id ("arxiv", "huggingface", "dblp", …), not ${describeValue(issue.input)}`,
  ),
  savedAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
  note: bounded(LIMITS.note),
  tags: v.pipe(
    v.array(TagSchema, (issue) => `must be an array, not ${describeValue(issue.input)}`),
    v.maxLength(TAG_LIMITS.perPaper, `must list at most ${TAG_LIMITS.perPaper} tags`),
  ),
  // Added to version 1 later (additive): absent in files from older builds, null = never edited.
  noteUpdatedAt: v.nullish(IsoTimeSchema),
  tagsUpdatedAt: v.nullish(IsoTimeSchema),
};

const paperMessage = (issue: v.ObjectIssue) =>
  issue.expected?.startsWith('"')
    ? 'is missing'
    : `must be an object, not ${describeValue(issue.input)}`;

/** A paper of format version 1: an arXiv paper. */
const PaperV1Schema = v.object(paperEntries, paperMessage);

/**
 * A paper of format version 2: as version 1, but its id may be of any scheme (`doi:…`, `acl:…`,
 * `openreview:…`) and `arxivId` null when it has none.
 */
const PaperV2Schema = v.object(
  {
    ...paperEntries,
    id: v.pipe(
      v.string((issue) => `must be a string, not ${describeValue(issue.input)}`),
      v.maxLength(MAX_PAPER_ID_LENGTH, 'is not a canonical paper id'),
      v.check(
        (id: string) => isPaperId(id),
        (issue) =>
          `${describeValue(issue.input)} is not a canonical paper id (e.g. "arxiv:2406.12345" or "doi:10.1145/3442188.3445922")`,
      ),
    ),
    arxivId: v.nullish(paperEntries.arxivId),
  },
  paperMessage,
);

/**
 * The paper schema of each format version this reader knows: a future version adds its schema
 * here and its conversion in toRecord.
 */
const PAPER_SCHEMAS: Record<number, typeof PaperV1Schema | typeof PaperV2Schema> = {
  1: PaperV1Schema,
  2: PaperV2Schema,
};

type ExportedPaperInput = v.InferOutput<typeof PaperV2Schema>;

// ---------------------------------------------------------------------------------------------
// Conversion

const KNOWN_TOPICS: ReadonlySet<string> = new Set(TOPIC_IDS);

/** A validated paper of `version` as a record; unknown topic ids go to `ignoredTopics`. */
function toRecord(paper: ExportedPaperInput, ignoredTopics: Map<string, number>): PaperRecord {
  for (const topic of paper.topics) {
    if (!KNOWN_TOPICS.has(topic)) ignoredTopics.set(topic, (ignoredTopics.get(topic) ?? 0) + 1);
  }
  const topics = new Set(paper.topics);
  const record: PaperRecord = {
    id: paper.id,
    urls: { abs: '' },
    title: paper.title,
    authors: paper.authors,
    topics: TOPIC_IDS.filter((topic): topic is TopicId => topics.has(topic)),
    source: paper.source,
    savedAt: paper.savedAt,
    updatedAt: paper.updatedAt,
    note: paper.note,
    tags: dedupeTags(paper.tags),
  };
  const ids = withIdField({
    id: paper.id,
    arxivId: paper.arxivId ?? undefined,
    doi: paper.doi ?? undefined,
    aclId: paper.aclId ?? undefined,
    openreviewId: paper.openreviewId ?? undefined,
  });
  if (ids.arxivId !== undefined) record.arxivId = ids.arxivId;
  if (ids.doi !== undefined) record.doi = ids.doi;
  if (ids.aclId !== undefined) record.aclId = ids.aclId;
  if (ids.openreviewId !== undefined) record.openreviewId = ids.openreviewId;
  // Rebuilt from the ids, never taken from the file (docs/SECURITY.md, "Links").
  record.aliases = paperAliases({ ...record, aliases: paper.aliases ?? [] });
  record.urls = paperUrls(record);
  if (paper.version != null) record.version = paper.version;
  if (paper.abstract != null) record.abstract = paper.abstract;
  // Files from before the per-field times had one updatedAt for everything: the note and the
  // tags were edited no later than that.
  if (paper.noteUpdatedAt != null) record.noteUpdatedAt = paper.noteUpdatedAt;
  else if (paper.noteUpdatedAt === undefined && record.note !== '') {
    record.noteUpdatedAt = record.updatedAt;
  }
  if (paper.tagsUpdatedAt != null) record.tagsUpdatedAt = paper.tagsUpdatedAt;
  else if (paper.tagsUpdatedAt === undefined && record.tags.length > 0) {
    record.tagsUpdatedAt = record.updatedAt;
  }
  return record;
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue);
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** "Paper 3 (arxiv:2406.12345)", numbered from 1 as a person counts. */
function paperLabel(index: number, item: unknown): string {
  const id =
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? (item as { id?: unknown }).id
      : undefined;
  const shownId = typeof id === 'string' && id.length <= 64 ? ` (${id})` : '';
  return `Paper ${index + 1}${shownId}`;
}

/**
 * Validates and converts the papers of a file of format `version` (also used for the popup's
 * undo, which sends exported papers back). Rejects duplicates and names the first bad paper.
 */
export function parseExportedPapers(
  items: readonly unknown[],
  version: number = EXPORT_VERSION,
): ParsedImport | ImportRejection {
  const schema = PAPER_SCHEMAS[version];
  if (!schema) return { ok: false, error: `Unknown format version ${version}.` };
  const records: PaperRecord[] = [];
  const ignoredTopics = new Map<string, number>();
  /** Where each id and alias was first listed: the paper's position and its id. */
  const firstIndex = new Map<string, { index: number; id: string }>();
  let firstError: string | undefined;
  let failures = 0;
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    const result = v.safeParse(schema, item, { abortPipeEarly: true });
    if (!result.success) {
      failures += 1;
      firstError ??= `${paperLabel(index, item)}: ${result.issues.slice(0, 2).map(describeIssue).join('; ')}`;
      continue;
    }
    const paper = result.output;
    const idProblem = idFieldsProblem({
      id: paper.id,
      arxivId: paper.arxivId ?? undefined,
      doi: paper.doi ?? undefined,
      aclId: paper.aclId ?? undefined,
      openreviewId: paper.openreviewId ?? undefined,
    });
    if (idProblem) {
      failures += 1;
      const field = idProblem.slice(idProblem.lastIndexOf(' ') + 1) as 'arxivId';
      const value = paper[field] ?? null;
      firstError ??= `${paperLabel(index, item)}: id ${idProblem} (${JSON.stringify(value)})`;
      continue;
    }
    const record = toRecord(paper, ignoredTopics);
    // One paper, one entry: no two papers may share an id or an alias.
    const aliases = record.aliases ?? [record.id];
    const clash = aliases.find((alias) => firstIndex.has(alias));
    if (clash !== undefined) {
      failures += 1;
      const seen = firstIndex.get(clash) as { index: number; id: string };
      firstError ??=
        clash === record.id && clash === seen.id
          ? `Papers ${seen.index + 1} and ${index + 1} are both ${clash}; an export lists each paper once`
          : `Papers ${seen.index + 1} and ${index + 1} are the same paper (both known as ${clash}); an export lists each paper once`;
      continue;
    }
    for (const alias of aliases) firstIndex.set(alias, { index, id: record.id });
    records.push(record);
  }
  if (firstError !== undefined) {
    const others = failures - 1;
    const more =
      others > 0
        ? ` (${others} other ${others === 1 ? 'paper has' : 'papers have'} problems too)`
        : '';
    return { ok: false, error: `${firstError}${more}.` };
  }
  const warnings: string[] = [];
  if (ignoredTopics.size > 0) {
    const names = [...ignoredTopics.keys()].slice(0, 5).map(describeValue).join(', ');
    const rest = ignoredTopics.size > 5 ? ` and ${ignoredTopics.size - 5} more` : '';
    warnings.push(
      `Topics this BiasLens does not know were left out: ${names}${rest} (the classifier sets topics again when you save the paper from a page).`,
    );
  }
  return { ok: true, version, records, warnings };
}

/** Reads the document of an export file (already JSON-parsed). */
export function parseExportDocument(json: unknown): ParsedImport | ImportRejection {
  const reject = (error: string): ImportRejection => ({ ok: false, error });
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return reject(
      `This is not a BiasLens export: expected a JSON object with "format": "${EXPORT_FORMAT}", found ${describeValue(json)}.`,
    );
  }
  const doc = json as Record<string, unknown>;
  const format = Object.hasOwn(doc, 'format') ? doc.format : undefined;
  if (format !== EXPORT_FORMAT) {
    return reject(
      format === undefined
        ? `This is not a BiasLens export: it has no "format": "${EXPORT_FORMAT}".`
        : `This is not a BiasLens export: "format" is ${describeValue(format)}, expected "${EXPORT_FORMAT}".`,
    );
  }
  const version = Object.hasOwn(doc, 'version') ? doc.version : undefined;
  const supported = `this BiasLens reads versions ${OLDEST_IMPORT_VERSION} to ${EXPORT_VERSION}`;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return reject(
      `The file has no valid format version: "version" must be an integer, found ${describeValue(version)}.`,
    );
  }
  if (version > EXPORT_VERSION) {
    return reject(
      `This file was exported by a newer BiasLens (format version ${version}); ${supported}. Update BiasLens, then import it again.`,
    );
  }
  if (version < OLDEST_IMPORT_VERSION) {
    return reject(`Unknown format version ${version}; ${supported}.`);
  }
  const papers = Object.hasOwn(doc, 'papers') ? doc.papers : undefined;
  if (!Array.isArray(papers)) {
    return reject(`"papers" must be an array of papers, found ${describeValue(papers)}.`);
  }
  if (papers.length > IMPORT_LIMITS.papers) {
    return reject(
      `The file lists ${papers.length} papers; at most ${IMPORT_LIMITS.papers} can be imported at once.`,
    );
  }
  const parsed = parseExportedPapers(papers, version);
  if (!parsed.ok) return parsed;
  const exportedAt =
    typeof doc.exportedAt === 'string' && ISO_TIME.test(doc.exportedAt)
      ? Date.parse(doc.exportedAt)
      : Number.NaN;
  return Number.isFinite(exportedAt) ? { ...parsed, exportedAt } : parsed;
}

/** Megabytes with one decimal, for size messages. */
const megabytes = (chars: number) => `${(chars / 1024 / 1024).toFixed(1)} MB`;

/** Reads an export file's text: size, JSON syntax, then the document. */
export function parseImportText(text: string): ParsedImport | ImportRejection {
  if (text.length > IMPORT_LIMITS.textChars) {
    return {
      ok: false,
      error: `The file is too large (${megabytes(text.length)}); BiasLens imports files up to ${megabytes(IMPORT_LIMITS.textChars)}.`,
    };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte-order mark
  if (body.trim() === '') return { ok: false, error: 'The file is empty.' };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: `The file is not valid JSON (${reason.slice(0, 200)}); it may be truncated or not a BiasLens export.`,
    };
  }
  return parseExportDocument(json);
}
