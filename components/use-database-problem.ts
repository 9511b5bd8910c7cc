import type Dexie from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { describeStorageError, whenDatabaseReady } from '../lib/db/errors';

/**
 * A message while the database cannot be used from this page: its upgrade is blocked by an
 * older BiasLens page, it was opened by a newer build, or another page upgraded it. Clears itself
 * when a blocked open completes.
 */
export function useDatabaseProblem(db: Dexie): string | undefined {
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    let active = true;
    whenDatabaseReady(db).catch((error: unknown) => {
      if (!active) return;
      setProblem(describeStorageError(error));
      // A blocked open carries on: once the other page closes, the database is usable.
      db.open().then(
        () => active && setProblem(undefined),
        () => {},
      );
    });
    const onVersionChange = () => {
      if (active) setProblem('BiasLens was updated in another window. Reopen this page to go on.');
    };
    db.on('versionchange', onVersionChange);
    return () => {
      active = false;
      db.on('versionchange').unsubscribe(onVersionChange);
    };
  }, [db]);
  return problem;
}
