/**
 * Paper ids from the links on a card, shared by the adapters of sites that link out to arXiv,
 * doi.org, the ACL Anthology or OpenReview (Google Scholar, Semantic Scholar, dblp). Links are
 * parsed as URLs, never followed.
 */
import {
  canonicalAclId,
  canonicalArxivId,
  canonicalDoi,
  canonicalOpenReviewId,
  parseAclId,
  parseArxivId,
  parseDoi,
  parseOpenReviewId,
} from '../paper-id';

/** The ids a card's links reveal, each scheme at most once (the first link wins). */
export interface LinkIds {
  arxivId?: string;
  doi?: string;
  aclId?: string;
  openreviewId?: string;
}

const DOI_HOST = /^(?:dx\.)?(?:www\.)?doi\.org$/;
/** arXiv's own DOIs (`10.48550/arXiv.2406.12345`) name the arXiv paper: they count as its id. */
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/;

/** An http(s) URL from an href, relative ones resolved against `base`; undefined otherwise. */
export function resolveHref(href: string | null, base: string): URL | undefined {
  if (!href || href.length > 2048) return undefined;
  try {
    const url = new URL(href, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The DOI of a doi.org / dx.doi.org link, or undefined. */
export function doiOfDoiOrgUrl(url: URL): string | undefined {
  return DOI_HOST.test(url.hostname) ? parseDoi(url.pathname.slice(1)) : undefined;
}

/**
 * Adds the ids `url` reveals to `ids`, keeping ids already found. `doiOf` reads a DOI from a
 * link (default: doi.org links only; Scholar also trusts some publishers' URL patterns).
 */
export function addIdsFromUrl(
  url: URL,
  ids: LinkIds,
  doiOf: (url: URL) => string | undefined = doiOfDoiOrgUrl,
): void {
  const arxiv = parseArxivId(url.href);
  if (arxiv) {
    ids.arxivId ??= arxiv.arxivId;
    return;
  }
  const doi = doiOf(url);
  // Only a DOI that stays itself when parsed again becomes an id (canonicalDoi re-parses it).
  if (doi !== undefined && parseDoi(doi) === doi) {
    const arxivDoi = ARXIV_DOI.exec(doi)?.[1];
    const fromDoi = arxivDoi === undefined ? undefined : parseArxivId(arxivDoi);
    if (fromDoi) ids.arxivId ??= fromDoi.arxivId;
    else ids.doi ??= doi;
    return;
  }
  const acl = parseAclId(url.href);
  if (acl) {
    ids.aclId ??= acl;
    return;
  }
  const openreview = parseOpenReviewId(url.href);
  if (openreview) ids.openreviewId ??= openreview;
}

/** The canonical id of the most stable scheme in `ids` (arXiv, DOI, ACL, OpenReview), or undefined. */
export function canonicalIdOf(ids: LinkIds): string | undefined {
  if (ids.arxivId) return canonicalArxivId(ids.arxivId);
  if (ids.doi) return canonicalDoi(ids.doi);
  if (ids.aclId) return canonicalAclId(ids.aclId);
  if (ids.openreviewId) return canonicalOpenReviewId(ids.openreviewId);
  return undefined;
}
