import type { SiteId } from '../../lib/paper';
import { exampleUrls as acl } from '../../lib/sites/acl';
import { exampleUrls as arxiv } from '../../lib/sites/arxiv';
import { exampleUrls as dblp } from '../../lib/sites/dblp';
import { exampleUrls as generic } from '../../lib/sites/generic';
import { exampleUrls as huggingface } from '../../lib/sites/huggingface';
import { exampleUrls as neurips } from '../../lib/sites/neurips';
import { exampleUrls as openreview } from '../../lib/sites/openreview';
import { exampleUrls as pmlr } from '../../lib/sites/pmlr';
import { exampleUrls as scholar } from '../../lib/sites/scholar';
import { exampleUrls as semanticscholar } from '../../lib/sites/semanticscholar';

/**
 * Each adapter's example URLs (exported beside the adapter, outside its object, so that bundles
 * leave them out), by adapter id.
 */
export const EXAMPLE_URLS: Readonly<Record<SiteId, readonly string[]>> = {
  acl,
  arxiv,
  dblp,
  generic,
  huggingface,
  neurips,
  openreview,
  pmlr,
  scholar,
  semanticscholar,
};
