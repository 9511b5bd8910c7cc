import type { SiteId } from '../paper';

/** Each site's name for people (the popup's site filter, the options page). */
export const SITE_NAMES: Record<SiteId, string> = {
  arxiv: 'arXiv',
  huggingface: 'Hugging Face',
  scholar: 'Google Scholar',
  semanticscholar: 'Semantic Scholar',
  openreview: 'OpenReview',
  acl: 'ACL Anthology',
  neurips: 'NeurIPS Proceedings',
  pmlr: 'PMLR',
  dblp: 'dblp',
  generic: 'Other sites (generic mode)',
};

/** Every site id, in the order the site filter lists them. */
export const SITE_IDS = Object.keys(SITE_NAMES) as SiteId[];
