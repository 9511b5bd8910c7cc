import { isSortOrder, type SortOrder } from '../lib/notebook/filter';

/** Where the popup's sort order is remembered (this extension's localStorage; not a record). */
export const SORT_STORAGE_KEY = 'biaslens.popup.sort';

/** The remembered sort order, or newest saved first. */
export function readSortPreference(): SortOrder {
  try {
    const stored = globalThis.localStorage?.getItem(SORT_STORAGE_KEY);
    return isSortOrder(stored) ? stored : 'saved-desc';
  } catch {
    return 'saved-desc'; // storage disabled: the default order
  }
}

/** Remembers the sort order (silently not, when storage is disabled). */
export function storeSortPreference(sort: SortOrder): void {
  try {
    globalThis.localStorage?.setItem(SORT_STORAGE_KEY, sort);
  } catch {
    // Not remembered; the popup still sorts.
  }
}
