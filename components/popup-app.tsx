import { useEffect, useMemo, useState } from 'preact/hooks';
import { buildExport, exportFileName, serializeExport } from '../lib/db/export';
import { getAllPapers, listPapers, searchPapers } from '../lib/db/papers';
import type { BiasLensDB } from '../lib/db/schema';
import type { PaperRecord } from '../lib/db/types';
import { sendRequest } from '../lib/messages';
import { downloadText } from './download';
import { NoteSaver } from './note-saver';
import { PaperItem } from './paper-item';
import { useLiveQuery } from './use-live-query';

export interface PopupAppProps {
  /** Read directly (live); every write goes through the background. */
  db: BiasLensDB;
  /** Clock for export timestamps (tests pin it). */
  now?: () => number;
  /** Quiet time before a note edit is saved. */
  noteDelayMs?: number;
}

/** The popup: saved papers newest first, search, notes, delete, and Export JSON. */
export function PopupApp({ db, now = Date.now, noteDelayMs = 400 }: PopupAppProps) {
  const papers = useLiveQuery(() => listPapers(db), [db]);
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | undefined>();

  const saver = useMemo(
    () =>
      new NoteSaver(async (id, note) => {
        const response = await sendRequest({ type: 'update-note', id, note });
        if (!response.ok) setError(`Couldn't save the note: ${response.error}`);
      }, noteDelayMs),
    [noteDelayMs],
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

  const onDelete = async (record: PaperRecord) => {
    saver.cancel(record.id);
    const response = await sendRequest({ type: 'unsave-paper', id: record.id });
    if (!response.ok) setError(`Couldn't delete the paper: ${response.error}`);
  };

  const onExport = async () => {
    try {
      await saver.flush(); // the export must include the note being typed
      const time = now();
      const doc = buildExport(await getAllPapers(db), time);
      downloadText(document, exportFileName(time), serializeExport(doc), 'application/json');
    } catch (exportError) {
      console.error('[BiasLens] export failed', exportError);
      setError("Couldn't export the saved papers.");
    }
  };

  const all = papers.status === 'ready' ? papers.value : [];
  const shown = useMemo(() => searchPapers(all, query), [all, query]);

  return (
    <main class="popup">
      <header class="popup-header">
        <h1>BiasLens</h1>
        <button type="button" class="export" onClick={onExport} disabled={all.length === 0}>
          Export JSON
        </button>
      </header>
      {error && (
        <p class="error" role="alert">
          {error}{' '}
          <button type="button" class="dismiss" onClick={() => setError(undefined)}>
            Dismiss
          </button>
        </p>
      )}
      {papers.status === 'error' && (
        <p class="error" role="alert">
          Couldn't read the saved papers.
        </p>
      )}
      {papers.status === 'ready' && all.length === 0 && (
        <p class="empty">
          No saved papers yet. Use the Save button on arXiv or Hugging Face Papers.
        </p>
      )}
      {all.length > 0 && (
        <>
          <input
            type="search"
            class="search"
            aria-label="Search saved papers"
            placeholder="Search titles, authors, notes…"
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
          <p class="count" aria-live="polite">
            {query.trim()
              ? `${shown.length} of ${all.length} saved papers`
              : `${all.length} saved ${all.length === 1 ? 'paper' : 'papers'}`}
          </p>
          {shown.length === 0 ? (
            <p class="empty">No saved papers match your search.</p>
          ) : (
            <ul class="papers">
              {shown.map((record) => (
                <PaperItem key={record.id} record={record} saver={saver} onDelete={onDelete} />
              ))}
            </ul>
          )}
        </>
      )}
    </main>
  );
}
