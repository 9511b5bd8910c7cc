/** Stable ids for the sites BiasLens reads; stored with each record as its source. */
export type SiteId = 'arxiv' | 'huggingface';

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
 * One paper as a site adapter reads it from a card. `id` is canonical (`arxiv:2406.12345`,
 * no version), so the same paper on two sites is one record; the version is kept as data.
 */
export interface ExtractedPaper {
  id: string;
  /** The bare arXiv id, e.g. `2406.12345` or `hep-th/9901001`. */
  arxivId: string;
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
