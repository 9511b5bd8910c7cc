import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { describeStorageError } from '../lib/db/errors';
import { exportPaper } from '../lib/db/export';
import { countPapers, getAllPapers, listNewest, listPapers } from '../lib/db/papers';
import type { BiasLensDB } from '../lib/db/schema';
import type { PaperRecord } from '../lib/db/types';
import { sendRequest } from '../lib/messages';
import { buildExportFile, EXPORT_FORMATS, type ExportFormat } from '../lib/notebook/export-formats';
import {
  countFilterParts,
  EMPTY_FILTER,
  filterPapers,
  isFilterActive,
  type NotebookFilter,
  SearchIndex,
  type SortOrder,
  sortPapers,
} from '../lib/notebook/filter';
import { canonicalTag, countTags } from '../lib/notebook/tags';
import type { TopicId } from '../lib/paper';
import { downloadText } from './download';
import { FilterBar } from './filter-bar';
import { topicDisplay } from './format';
import { NoteSaver } from './note-saver';
import { PaperItem } from './paper-item';
import { readSortPreference, storeSortPreference } from './sort-preference';
import { useDatabaseProblem } from './use-database-problem';
import { useLiveQuery } from './use-live-query';

/** Papers rendered at first and added by each "Show more" (the list is paged, never all 10,000). */
export const PAGE_SIZE = 25;
/** How long Undo stays offered after a delete. */
export const UNDO_MS = 10_000;

const TAG_LIST_ID = 'biaslens-tags';
const FILTERS_ID = 'biaslens-filters';

export interface PopupAppProps {
  /** Read directly (live); every write goes through the background. */
  db: BiasLensDB;
  /** Clock for export timestamps, note times and edit times (tests pin it). */
  now?: () => number;
  /** Quiet time before a note edit is saved. */
  noteDelayMs?: number;
}

/** A topic's display name (ids unknown to this build show as they are). */
const topicLabel = (id: string) => topicDisplay(id as TopicId).label;

/**
 * The popup: saved papers (newest first by default), search as you type, filters and sort,
 * notes, tags, delete with undo, and exports of everything or of what is shown.
 *
 * Fast at 10,000 papers: the first paint needs only the newest page and the count; every paper
 * is loaded just after, for search and filters; only one page of results is rendered at a time.
 */
export function PopupApp({ db, now = Date.now, noteDelayMs = 400 }: PopupAppProps) {
  const newest = useLiveQuery(() => listNewest(db, PAGE_SIZE), [db]);
  // Separate from the newest page, which then paints without waiting for the count.
  const count = useLiveQuery(() => countPapers(db), [db]);
  const [loadAll, setLoadAll] = useState(false);
  useEffect(() => {
    if (newest.status === 'loading' || loadAll) return;
    // After the first paint, so the newest page shows without waiting for every paper.
    const timer = setTimeout(() => setLoadAll(true), 0);
    return () => clearTimeout(timer);
  }, [newest.status, loadAll]);
  const all = useLiveQuery(
    () => (loadAll ? listPapers(db) : Promise.resolve(undefined)),
    [db, loadAll],
  );
  const problem = useDatabaseProblem(db);

  const [filter, setFilter] = useState<NotebookFilter>(EMPTY_FILTER);
  const [sort, setSortState] = useState<SortOrder>(readSortPreference);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [paging, setPaging] = useState({ key: '', count: PAGE_SIZE });
  const [error, setError] = useState<string | undefined>();
  const [undo, setUndo] = useState<{ records: PaperRecord[] } | undefined>();
  const searchRef = useRef<HTMLInputElement>(null);

  const saver = useMemo(
    () =>
      new NoteSaver(
        async (id, note, editedAt) => {
          const response = await sendRequest({ type: 'update-note', id, note, editedAt });
          if (!response.ok) {
            setError(`Couldn't save the note: ${response.error}`);
            return undefined;
          }
          return response.stale ? response.record.note : undefined;
        },
        noteDelayMs,
        now,
      ),
    [noteDelayMs, now],
  );

  // The popup can close at any moment: send unsaved notes as soon as it starts going away.
  useEffect(() => {
    const flush = () => void saver.flush();
    const onVisibilityChange = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibilityChange);
      flush();
    };
  }, [saver]);

  // "/" jumps to the search box, as on many sites.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable]');
      if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  useEffect(() => {
    if (!undo) return;
    const timer = setTimeout(() => setUndo(undefined), UNDO_MS);
    return () => clearTimeout(timer);
  }, [undo]);

  const setSort = (next: SortOrder) => {
    setSortState(next);
    storeSortPreference(next);
  };

  const records = all.status === 'ready' ? all.value : undefined;
  const index = useMemo(() => new SearchIndex(), []);
  const sorted = useMemo(() => {
    if (!records) return undefined;
    index.prune(records);
    // listPapers already returns newest saved first.
    return sort === 'saved-desc' ? records : sortPapers(records, sort);
  }, [records, sort, index]);
  // Build the search text of every paper just after they load, not on the first keystroke.
  useEffect(() => {
    if (!records) return;
    const timer = setTimeout(() => {
      for (const record of records) index.textOf(record);
    }, 0);
    return () => clearTimeout(timer);
  }, [records, index]);
  const narrowed = isFilterActive(filter);
  const matches = useMemo(
    () => (sorted && narrowed ? filterPapers(sorted, filter, index) : sorted),
    [sorted, filter, narrowed, index],
  );
  const tagCounts = useMemo(
    () => countTags((records ?? []).map((record) => record.tags)),
    [records],
  );
  const knownTags = useMemo(() => tagCounts.map((entry) => entry.tag), [tagCounts]);

  const newestPage = newest.status === 'ready' ? newest.value : undefined;
  const total =
    records?.length ?? (count.status === 'ready' ? count.value : (newestPage?.length ?? 0));
  const empty = newestPage !== undefined && newestPage.length === 0;
  // Until every paper is loaded, only the default view can be shown (the newest page).
  const shown = matches ?? (!narrowed && sort === 'saved-desc' ? newestPage : undefined);
  const shownCount = matches?.length ?? total;
  const pageKey = `${sort}\u0000${JSON.stringify(filter)}`;
  const visible = paging.key === pageKey ? paging.count : PAGE_SIZE;
  const page = shown?.slice(0, visible);
  const remaining = shownCount - (page?.length ?? 0);

  const showMore = useCallback(
    () => setPaging({ key: pageKey, count: visible + PAGE_SIZE }),
    [pageKey, visible],
  );

  const onDelete = async (record: PaperRecord) => {
    // The note being typed goes with the paper, and comes back with Undo.
    await saver.flush(record.id);
    const response = await sendRequest({ type: 'unsave-paper', id: record.id });
    if (!response.ok) {
      setError(`Couldn't delete the paper: ${response.error}`);
      return;
    }
    const removed = response.record;
    if (removed) {
      // A new object each time, so the Undo timer restarts.
      setUndo((previous) => ({ records: [...(previous?.records ?? []), removed] }));
    }
  };

  const onUndo = async () => {
    if (!undo) return;
    setUndo(undefined);
    const response = await sendRequest({
      type: 'restore-papers',
      papers: undo.records.map(exportPaper),
    });
    if (!response.ok) setError(`Couldn't undo the delete: ${response.error}`);
  };

  const onTags = async (record: PaperRecord, change: { add: string[]; remove: string[] }) => {
    const add = change.add.map((tag) => canonicalTag(tag, knownTags));
    const response = await sendRequest({
      type: 'update-tags',
      id: record.id,
      add,
      remove: change.remove,
    });
    if (!response.ok) setError(`Couldn't change the tags: ${response.error}`);
  };

  const onExport = async (format: ExportFormat, which: 'all' | 'shown') => {
    try {
      await saver.flush(); // the export must include the note being typed
      const time = now();
      const chosen =
        which === 'shown' && narrowed
          ? filterPapers(await getAllPapers(db), filter, index)
          : await getAllPapers(db);
      const file = buildExportFile(format, chosen, time, topicLabel);
      downloadText(document, file.fileName, file.text, file.type);
    } catch (exportError) {
      console.error('[BiasLens] export failed', exportError);
      setError(`Couldn't export the saved papers: ${describeStorageError(exportError)}`);
    }
  };

  const openOptions = () => {
    void browser.runtime
      .openOptionsPage()
      .then(() => window.close())
      .catch((openError: unknown) => setError(`Couldn't open the options: ${String(openError)}`));
  };

  const filterParts = countFilterParts(filter);
  const time = now();
  const readError =
    newest.status === 'error' ? newest.error : all.status === 'error' ? all.error : undefined;

  return (
    <main class="popup">
      <header class="popup-header">
        <h1>BiasLens</h1>
        <div class="header-actions">
          <button
            type="button"
            class="export"
            onClick={() => void onExport('json', 'all')}
            disabled={total === 0}
          >
            Export JSON
          </button>
          <button
            type="button"
            class="options"
            aria-label="Options"
            title="Options: import, more exports, tags, topics, shortcuts"
            onClick={openOptions}
          >
            ⚙
          </button>
        </div>
      </header>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}{' '}
          <button type="button" class="dismiss" onClick={() => setError(undefined)}>
            Dismiss
          </button>
        </p>
      )}
      {readError !== undefined && (
        <p class="error" role="alert">
          Couldn't read the saved papers: {describeStorageError(readError)}
        </p>
      )}
      {empty && (
        <p class="empty">
          No saved papers yet. Use the Save button on arXiv or Hugging Face Papers.
        </p>
      )}
      {!empty && total > 0 && (
        <>
          <div class="toolbar">
            <input
              ref={searchRef}
              type="search"
              class="search"
              aria-label="Search saved papers"
              placeholder="Search titles, authors, abstracts, notes, tags…"
              value={filter.query}
              onInput={(event) => setFilter({ ...filter, query: event.currentTarget.value })}
            />
            <button
              type="button"
              class="filters-toggle"
              aria-expanded={filtersOpen}
              aria-controls={FILTERS_ID}
              onClick={() => setFiltersOpen(!filtersOpen)}
            >
              Filters{filterParts > 0 ? ` (${filterParts})` : ''}
            </button>
          </div>
          {filtersOpen && (
            <FilterBar
              id={FILTERS_ID}
              filter={filter}
              sort={sort}
              tags={knownTags}
              onFilter={setFilter}
              onSort={setSort}
            />
          )}
          <p class="count" aria-live="polite">
            {narrowed
              ? matches
                ? `${matches.length} of ${total} saved papers`
                : 'Searching…'
              : records || count.status === 'ready'
                ? `${total} saved ${total === 1 ? 'paper' : 'papers'}`
                : 'Counting…'}
          </p>
          <p class="export-line">
            {narrowed ? 'Export these:' : 'Export all:'}
            {EXPORT_FORMATS.filter((format) => narrowed || format.id !== 'json').map((format) => (
              <button
                key={format.id}
                type="button"
                class="link-button"
                disabled={narrowed && shownCount === 0}
                aria-label={
                  narrowed
                    ? `Export the ${shownCount} shown papers as ${format.label}`
                    : `Export all papers as ${format.label}`
                }
                onClick={() => void onExport(format.id, narrowed ? 'shown' : 'all')}
              >
                {format.label}
              </button>
            ))}
          </p>
          {page === undefined ? (
            <p class="empty">Loading…</p>
          ) : page.length === 0 ? (
            <p class="empty">No saved papers match your search.</p>
          ) : (
            <ul class="papers">
              {page.map((record) => (
                <PaperItem
                  key={record.id}
                  record={record}
                  saver={saver}
                  tagListId={TAG_LIST_ID}
                  now={time}
                  onDelete={onDelete}
                  onTags={onTags}
                />
              ))}
            </ul>
          )}
          {page !== undefined && remaining > 0 && (
            <ShowMore remaining={remaining} ready={matches !== undefined} onMore={showMore} />
          )}
        </>
      )}
      {undo && (
        <div class="undo-bar" role="status">
          <span>
            {undo.records.length === 1
              ? `Deleted “${undo.records[0]?.title ?? ''}”.`
              : `Deleted ${undo.records.length} papers.`}
          </span>
          <button type="button" class="undo" onClick={() => void onUndo()}>
            Undo
          </button>
        </div>
      )}
      <datalist id={TAG_LIST_ID}>
        {knownTags.map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
    </main>
  );
}

/** "Show more", also triggered by scrolling near the end of the list. */
function ShowMore({
  remaining,
  ready,
  onMore,
}: {
  remaining: number;
  ready: boolean;
  onMore: () => void;
}) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const button = ref.current;
    if (!button || !ready || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) onMore();
      },
      { rootMargin: '300px' },
    );
    observer.observe(button);
    return () => observer.disconnect();
  }, [ready, onMore]);
  return (
    <button ref={ref} type="button" class="show-more" disabled={!ready} onClick={onMore}>
      {ready ? `Show more (${remaining} more)` : 'Loading the rest…'}
    </button>
  );
}
