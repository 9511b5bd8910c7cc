import { isGenericOrigin, MAX_GENERIC_ORIGINS } from '../sites/optional-sites';
import type { BiasLensDB } from './schema';

/** Settings key of the origins generic mode is switched on for (value: `https://host`[]). */
export const GENERIC_SITES_KEY = 'genericSites';

/** Valid origins, each once, sorted (unknown stored values are ignored). */
function normalizeOrigins(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [];
  return [...new Set(list.filter(isGenericOrigin))].sort();
}

/** The origins generic mode is on for, sorted. */
export async function getGenericOrigins(db: BiasLensDB): Promise<string[]> {
  return normalizeOrigins((await db.settings.get(GENERIC_SITES_KEY))?.value);
}

/**
 * Switches generic mode on or off for `origin` (already normalized, see normalizeGenericOrigin);
 * resolves to the origins it is then on for. Rejects past MAX_GENERIC_ORIGINS.
 */
export async function setGenericOrigin(
  db: BiasLensDB,
  origin: string,
  enabled: boolean,
): Promise<string[]> {
  if (!isGenericOrigin(origin)) throw new RangeError(`not a site for generic mode: ${origin}`);
  return db.transaction('rw', db.settings, async () => {
    const origins = new Set(await getGenericOrigins(db));
    if (enabled) origins.add(origin);
    else origins.delete(origin);
    if (origins.size > MAX_GENERIC_ORIGINS) {
      throw new RangeError(`generic mode can be on for at most ${MAX_GENERIC_ORIGINS} sites`);
    }
    const value = [...origins].sort();
    await db.settings.put({ key: GENERIC_SITES_KEY, value });
    return value;
  });
}
