/**
 * A paper's identity across schemes (arXiv, DOI, ACL Anthology, OpenReview): the id fields a
 * paper or record carries, the aliases it is known by, and every URL built from them. Pure; the
 * id syntax itself is lib/paper-id.ts.
 *
 * A record is keyed by one canonical id (`arxiv:…`, `doi:…`, `acl:…` or `openreview:…`) and
 * lists every canonical id it is known by in `aliases` (its own id included): a paper saved from
 * dblp as `doi:10.1/x` and seen later on arXiv with that DOI is one record.
 */
import {
  arxivUrls,
  ID_SCHEMES,
  type IdScheme,
  isBareArxivId,
  landingUrl,
  type PaperIdScheme,
  parsePaperId,
} from './paper-id';

/**
 * The record field holding the bare id of each scheme. Proceedings keys (`neurips:…`,
 * `pmlr:…`) have no field: they are only ever a record's own id (and alias).
 */
export const ID_FIELDS = {
  arxiv: 'arxivId',
  doi: 'doi',
  acl: 'aclId',
  openreview: 'openreviewId',
} as const satisfies Record<IdScheme, string>;
export type IdField = (typeof ID_FIELDS)[IdScheme];

/** The field of `scheme`, or undefined for a proceedings key. */
function fieldOf(scheme: PaperIdScheme): IdField | undefined {
  return (ID_FIELDS as Record<string, IdField | undefined>)[scheme];
}

/** The id fields of a paper (an ExtractedPaper, a stored record, an exported paper). */
export interface PaperIds {
  id: string;
  arxivId?: string | undefined;
  doi?: string | undefined;
  aclId?: string | undefined;
  openreviewId?: string | undefined;
  /** Ids this record was linked to before (stored records only). */
  aliases?: readonly string[] | undefined;
}

/** A canonical id is at most this long (`doi:` + a DOI of at most 300 characters). */
export const MAX_PAPER_ID_LENGTH = 320;
/** Most aliases one record keeps (its own id, one per scheme, and a few linked DOIs). */
export const MAX_ALIASES = 16;

/** True when `id` is a canonical paper id of any scheme (lib/paper-id.ts `parsePaperId`). */
export function isPaperId(id: unknown): id is string {
  return (
    typeof id === 'string' && id.length <= MAX_PAPER_ID_LENGTH && parsePaperId(id) !== undefined
  );
}

/** `scheme:value` when that is a canonical id, else undefined (never throws). */
export function canonicalIdOf(scheme: PaperIdScheme, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_PAPER_ID_LENGTH) return undefined;
  const id = `${scheme}:${value}`;
  return parsePaperId(id) ? id : undefined;
}

/** True when `value` is a valid bare id of `scheme` (an arXiv id without version, a lowercase DOI…). */
export function isIdValue(scheme: IdScheme, value: unknown): value is string {
  return canonicalIdOf(scheme, value) !== undefined;
}

/**
 * Why the id fields of `paper` disagree with its id, or undefined when they agree: the id must be
 * canonical, and the field of its scheme, when present, must hold the id's value.
 */
export function idFieldsProblem(paper: PaperIds): string | undefined {
  const parsed = parsePaperId(paper.id);
  if (!parsed) return 'is not a canonical paper id';
  const field = fieldOf(parsed.scheme);
  if (!field) return undefined;
  const value = paper[field];
  if (value !== undefined && value !== parsed.value) {
    return `must be "${parsed.scheme}:" followed by ${field}`;
  }
  return undefined;
}

/** `paper` with the field of its id's scheme filled from the id when missing (a new object). */
export function withIdField<T extends PaperIds>(paper: T): T {
  const parsed = parsePaperId(paper.id);
  const field = parsed && fieldOf(parsed.scheme);
  if (!parsed || !field) return paper;
  return paper[field] === undefined ? { ...paper, [field]: parsed.value } : paper;
}

/**
 * Every canonical id `paper` is known by: its id, one per id field, and the aliases it already
 * has; only valid ids, each once, its own id first and the rest sorted, at most MAX_ALIASES.
 */
export function paperAliases(paper: PaperIds): string[] {
  const others = new Set<string>();
  for (const scheme of ID_SCHEMES) {
    const id = canonicalIdOf(scheme, paper[ID_FIELDS[scheme]]);
    if (id) others.add(id);
  }
  for (const alias of paper.aliases ?? []) if (isPaperId(alias)) others.add(alias);
  others.delete(paper.id);
  const own = isPaperId(paper.id) ? [paper.id] : [];
  return [...own, ...[...others].sort()].slice(0, MAX_ALIASES);
}

/** The stored URLs of a paper: the abstract or landing page, the PDF and the Hugging Face page. */
export interface PaperUrls {
  abs: string;
  /** arXiv papers only. */
  pdf?: string;
  /** arXiv papers only (for old-style ids the URL is well-formed but leads nowhere). */
  huggingface?: string;
}

/**
 * The URLs stored with a record, built from its ids alone (never from a page): the arXiv pages
 * when it has an arXiv id (exactly as schema v1 stored them), else the landing page of its id.
 */
export function paperUrls(paper: PaperIds): PaperUrls {
  if (isBareArxivId(paper.arxivId ?? '')) return arxivUrls(paper.arxivId as string);
  return { abs: landingUrl(paper.id) ?? '' };
}

/** The links the popup shows for a record; each https and built from a validated id. */
export interface RecordLinks {
  /** The title's link: the arXiv abstract page, else the landing page of the id. */
  abs?: string;
  /** arXiv PDF. */
  pdf?: string;
  /** https://doi.org/… when the record has a DOI. */
  doi?: string;
}

/**
 * Links to a record's pages, rebuilt from its id fields by `landingUrl` / `arxivUrls` (never
 * from stored or page-supplied URLs, docs/SECURITY.md "Links"). A field that is not a valid id
 * gives no link.
 */
export function recordLinks(paper: PaperIds): RecordLinks {
  const links: RecordLinks = {};
  const arxiv =
    canonicalIdOf('arxiv', paper.arxivId) ?? (paper.id.startsWith('arxiv:') ? paper.id : undefined);
  const arxivPages =
    arxiv && isPaperId(arxiv) ? arxivUrls(arxiv.slice('arxiv:'.length)) : undefined;
  const abs = arxivPages?.abs ?? landingUrl(paper.id);
  if (abs) links.abs = abs;
  if (arxivPages) links.pdf = arxivPages.pdf;
  const doi =
    canonicalIdOf('doi', paper.doi) ?? (paper.id.startsWith('doi:') ? paper.id : undefined);
  const doiUrl = doi ? landingUrl(doi) : undefined;
  if (doiUrl) links.doi = doiUrl;
  return links;
}

/** A short label of a canonical id for people: `arXiv:2406.12345`, `DOI 10.1/x`, `ACL …`. */
export function idLabel(id: string): string {
  const parsed = parsePaperId(id);
  if (!parsed) return id;
  switch (parsed.scheme) {
    case 'arxiv':
      return `arXiv:${parsed.value}`;
    case 'doi':
      return `DOI ${parsed.value}`;
    case 'acl':
      return `ACL Anthology ${parsed.value}`;
    case 'openreview':
      return `OpenReview ${parsed.value}`;
    case 'neurips':
      return `NeurIPS ${parsed.value}`;
    case 'pmlr':
      return `PMLR ${parsed.value}`;
  }
}
