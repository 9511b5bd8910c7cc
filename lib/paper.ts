/** Stable ids for the sites BiasLens reads; stored with each record as its source. */
export type SiteId =
  | 'arxiv'
  | 'huggingface'
  | 'scholar'
  | 'semanticscholar'
  | 'openreview'
  | 'acl'
  | 'neurips'
  | 'pmlr'
  | 'dblp'
  | 'generic';

/** Stable ids of the built-in bias topics (../data/TAXONOMY.md); never rename one. */
export const TOPIC_IDS = [
  'social',
  'cultural',
  'data',
  'inductive',
  'evaluation',
  'cognitive',
  'modality',
  'ranking',
  'statistical',
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

/**
 * One paper as a site adapter reads it from a card. `id` is canonical and of the most stable
 * scheme the card reveals (lib/paper-id.ts): `arxiv:2406.12345` (no version) when there is an
 * arXiv id, else `doi:…`, `acl:…` or `openreview:…`, so the same paper on two sites is one
 * record; the version is kept as data. The other ids the card reveals are kept too, so records
 * can be linked (a DOI seen with an arXiv id on one page matches a DOI alone on another).
 */
export interface ExtractedPaper {
  id: string;
  /** The bare arXiv id, e.g. `2406.12345` or `hep-th/9901001`, when known. */
  arxivId?: string;
  /** The DOI, lowercased, when known. */
  doi?: string;
  /** The ACL Anthology id (`2023.acl-long.1`), when known. */
  aclId?: string;
  /** The OpenReview forum id, when known. */
  openreviewId?: string;
  /** The version the page showed (`2` for `2406.12345v2`), when it showed one. */
  version?: number;
  title: string;
  authors: string[];
  /** The abstract, when the card or the page's embedded data has it. */
  abstract?: string;
  /** The page on the source site this card links to (built from the id, never taken raw). */
  url: string;
  site: SiteId;
}
