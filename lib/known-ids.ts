/**
 * A compact digest of every paper id the database holds state for (saved papers, their aliases,
 * topic corrections), so a content script can tell at once that a card it has just found needs no
 * round trip to the background: an id whose hash is not in the digest is certainly neither saved
 * nor corrected. A hash that is in it only means "ask" (hashes collide; a paper may have been
 * unsaved since), so the digest decides when to ask, never what a card shows.
 */

/** 32-bit FNV-1a over UTF-16 code units: fast, and spreads the near-identical arXiv ids well. */
export function hashPaperId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The digest as it travels in a message: distinct hashes, ascending. */
export function digestOf(ids: Iterable<string>): number[] {
  const hashes = new Set<number>();
  for (const id of ids) hashes.add(hashPaperId(id));
  return [...hashes].sort((a, b) => a - b);
}

/**
 * The content script's view of the digest: the background's snapshot plus every id this tab has
 * heard of since (saves and corrections broadcast while the snapshot travelled or later).
 */
export class KnownIds {
  private snapshot: Uint32Array | undefined;
  private readonly heardOf = new Set<number>();

  /** Whether a snapshot has arrived; before that every id must be asked about. */
  get ready(): boolean {
    return this.snapshot !== undefined;
  }

  /** Installs the background's digest (ascending hashes); ids heard of meanwhile are kept. */
  setSnapshot(sortedHashes: readonly number[]): void {
    const snapshot = Uint32Array.from(sortedHashes);
    // A malformed digest would make lookups miss saved papers: ask about everything instead.
    for (let i = 1; i < snapshot.length; i++) {
      if ((snapshot[i - 1] as number) >= (snapshot[i] as number)) {
        this.snapshot = undefined;
        return;
      }
    }
    this.snapshot = snapshot;
  }

  /** Forgets the snapshot (its tab may have missed broadcasts, e.g. while frozen). */
  clearSnapshot(): void {
    this.snapshot = undefined;
  }

  /** Records ids that now have state (saved or corrected) somewhere. */
  add(ids: Iterable<string>): void {
    for (const id of ids) this.heardOf.add(hashPaperId(id));
  }

  /** False only when `id` certainly has no saved state and no correction. */
  mayKnow(id: string): boolean {
    const snapshot = this.snapshot;
    if (!snapshot) return true;
    const hash = hashPaperId(id);
    if (this.heardOf.has(hash)) return true;
    let low = 0;
    let high = snapshot.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const value = snapshot[mid] as number;
      if (value === hash) return true;
      if (value < hash) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  }
}
