/**
 * Storage faults in words a user can act on: a full disk (quota), a database upgrade blocked by
 * an older BiasLens page, a database from a newer build. Dexie wraps the browser's DOMException
 * (sometimes several levels deep, e.g. an AbortError whose `inner` is the QuotaExceededError, or
 * a BulkError listing failures), so the name is searched for through every wrapper.
 */
import type Dexie from 'dexie';

/** Opening the database waits on another connection holding an older version open. */
export class DatabaseBlockedError extends Error {
  override name = 'DatabaseBlockedError';
  constructor() {
    super(BLOCKED_MESSAGE);
  }
}

export const QUOTA_MESSAGE =
  "The browser's storage for BiasLens is full (quota exceeded). Free some disk space or delete papers you no longer need, then try again.";
export const BLOCKED_MESSAGE =
  'The BiasLens database is being upgraded, but an older BiasLens page still holds it open. Close the other BiasLens tabs and windows (or restart the browser), then try again.';

/** True when `error` or anything it wraps has one of `names`. */
export function hasErrorNamed(error: unknown, names: readonly string[], depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  const { name, inner, cause, failures } = error as {
    name?: unknown;
    inner?: unknown;
    cause?: unknown;
    failures?: unknown;
  };
  if (typeof name === 'string' && names.includes(name)) return true;
  const nested: unknown[] = [inner, cause];
  if (Array.isArray(failures)) nested.push(...failures.slice(0, 20));
  return nested.some((each) => hasErrorNamed(each, names, depth + 1));
}

/** True for a storage-full error, however wrapped. */
export function isQuotaExceeded(error: unknown): boolean {
  return hasErrorNamed(error, ['QuotaExceededError']);
}

/** A message for a database failure, plain enough to show as is. */
export function describeStorageError(error: unknown): string {
  if (isQuotaExceeded(error)) return QUOTA_MESSAGE;
  if (hasErrorNamed(error, ['DatabaseBlockedError'])) return BLOCKED_MESSAGE;
  if (hasErrorNamed(error, ['VersionError'])) {
    return 'The BiasLens database was created by a newer version of BiasLens. Update BiasLens, then try again.';
  }
  if (hasErrorNamed(error, ['DatabaseClosedError'])) {
    return 'The BiasLens database was closed, probably by an update of BiasLens. Reopen this page, then try again.';
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 300 ? `${message.slice(0, 297)}...` : message;
}

/** The blocked state Dexie reports per database instance, kept from the `blocked` event on. */
const blockedDatabases = new WeakSet<Dexie>();
const watched = new WeakSet<Dexie>();

/** Starts following `db`'s blocked events (idempotent; call before the first open). */
export function watchBlocked(db: Dexie): void {
  if (watched.has(db)) return;
  watched.add(db);
  db.on('blocked', () => {
    if (!db.isOpen()) blockedDatabases.add(db);
  });
}

/** True while an open of `db` is waiting for an older connection to close. */
export function isBlocked(db: Dexie): boolean {
  return blockedDatabases.has(db) && !db.isOpen();
}

/**
 * Resolves once `db` is open. Rejects with DatabaseBlockedError as soon as the open is blocked by
 * another connection (instead of waiting forever; the open itself carries on and completes when
 * that connection closes), and with the open error when opening fails.
 */
export function whenDatabaseReady(db: Dexie): Promise<void> {
  watchBlocked(db);
  if (db.isOpen()) return Promise.resolve();
  if (isBlocked(db)) return Promise.reject(new DatabaseBlockedError());
  return new Promise<void>((resolve, reject) => {
    const onBlocked = () => reject(new DatabaseBlockedError());
    db.on('blocked', onBlocked);
    db.open()
      .then(() => {
        blockedDatabases.delete(db);
        resolve();
      }, reject)
      .finally(() => db.on('blocked').unsubscribe(onBlocked));
  });
}
