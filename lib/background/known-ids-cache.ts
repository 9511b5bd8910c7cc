import { listKnownIds } from '../db/papers';
import type { BiasLensDB } from '../db/schema';
import { digestOf } from '../known-ids';

/**
 * The known-ids digest (../known-ids.ts), computed once and kept until the next write. Every
 * listing page asks for it on load; at 10,000 saved papers reading the keys each time would delay
 * the reply the page's first pass waits for.
 */
export interface KnownIdsCache {
  get(): Promise<number[]>;
  /**
   * Called before and after every write, so a digest read while a write ran is never kept. (A
   * page that got such a digest is still right: the write's broadcast reaches it afterwards.)
   */
  invalidate(): void;
}

export function createKnownIdsCache(db: BiasLensDB): KnownIdsCache {
  let digest: Promise<number[]> | undefined;
  return {
    get() {
      if (digest) return digest;
      const reading = listKnownIds(db).then(digestOf);
      digest = reading;
      reading.catch(() => {
        if (digest === reading) digest = undefined;
      });
      return reading;
    },
    invalidate() {
      digest = undefined;
    },
  };
}
