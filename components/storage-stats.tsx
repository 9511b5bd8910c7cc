import { useEffect, useState } from 'preact/hooks';
import { listTagCounts } from '../lib/db/papers';
import type { BiasLensDB } from '../lib/db/schema';
import { useLiveQuery } from './use-live-query';

/** What the database holds, counted live. */
export async function readStorageCounts(db: BiasLensDB) {
  return db.transaction('r', [db.papers, db.corrections, db.customTopics], async () => {
    const [papers, notes, tags, corrections, customTopics] = await Promise.all([
      db.papers.count(),
      db.papers.filter((record) => record.note.trim() !== '').count(),
      listTagCounts(db),
      db.corrections.count(),
      db.customTopics.count(),
    ]);
    return { papers, notes, tags: tags.length, corrections, customTopics };
  });
}

/** `bytes` as "12.3 MB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/** The options page's storage section: counts, and the space the browser reports in use. */
export function StorageStats({ db }: { db: BiasLensDB }) {
  const counts = useLiveQuery(() => readStorageCounts(db), [db]);
  const [estimate, setEstimate] = useState<{ usage?: number; quota?: number } | undefined>();
  useEffect(() => {
    // Needs no permission; covers everything the extension stores in this browser profile.
    navigator.storage
      ?.estimate?.()
      .then(setEstimate)
      .catch(() => setEstimate(undefined));
  }, []);
  return (
    <section aria-labelledby="storage-heading">
      <h2 id="storage-heading">Storage</h2>
      {counts.status === 'loading' && <p>Counting…</p>}
      {counts.status === 'error' && <p role="alert">Couldn't read the database.</p>}
      {counts.status === 'ready' && (
        <dl class="stats">
          <dt>Saved papers</dt>
          <dd>{counts.value.papers}</dd>
          <dt>Papers with a note</dt>
          <dd>{counts.value.notes}</dd>
          <dt>Tags in use</dt>
          <dd>{counts.value.tags}</dd>
          <dt>Topic corrections</dt>
          <dd>{counts.value.corrections}</dd>
          <dt>Custom topics</dt>
          <dd>{counts.value.customTopics}</dd>
          {estimate?.usage !== undefined && (
            <>
              <dt>Space used</dt>
              <dd>
                {formatBytes(estimate.usage)}
                {estimate.quota !== undefined && ` of ${formatBytes(estimate.quota)} available`}
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
