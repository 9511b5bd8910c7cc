import { liveQuery } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';

/** The state of a live query: loading until the first result, then its latest value or error. */
export type LiveQueryState<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: unknown };

/**
 * Subscribes to a Dexie `liveQuery` while the component is mounted; re-runs whenever any
 * same-origin context (the background included) writes what the query read. `deps` restart it.
 */
export function useLiveQuery<T>(
  query: () => Promise<T>,
  deps: readonly unknown[],
): LiveQueryState<T> {
  const [state, setState] = useState<LiveQueryState<T>>({ status: 'loading' });
  // The caller lists the query's inputs in deps (like React's hooks); `query` itself may change.
  // A layout effect starts the query right after the first render, not a frame later (useEffect
  // waits for a paint): the popup's first list shows sooner.
  useLayoutEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ status: 'ready', value }),
      error: (error: unknown) => {
        console.error('[BiasLens] live query failed', error);
        setState({ status: 'error', error });
      },
    });
    return () => subscription.unsubscribe();
  }, deps);
  return state;
}
