import { useState } from 'preact/hooks';
import type { ImportSummary } from '../lib/db/import';
import { LIMITS, sendRequest } from '../lib/messages';

type ImportState =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string }
  | { step: 'preview'; fileName: string; text: string; summary: ImportSummary }
  | { step: 'importing'; fileName: string }
  | { step: 'done'; fileName: string; summary: ImportSummary }
  | { step: 'failed'; fileName: string; error: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 new, 1 updated, 0 unchanged, 2 in conflict" for a summary. */
export function describeCounts(summary: ImportSummary): string {
  return [
    `${summary.new} new`,
    `${summary.updated} updated`,
    `${summary.unchanged} unchanged`,
    `${summary.conflicts} in conflict`,
  ].join(', ');
}

/**
 * The options page's import section: choose a JSON export, see what a dry run would change,
 * then import. The background validates, merges and writes in one transaction; on any error
 * nothing changes and the message names the paper and the reason.
 */
export function ImportPanel() {
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [inputKey, setInputKey] = useState(0);

  const reset = () => {
    setState({ step: 'idle' });
    setInputKey((key) => key + 1); // a fresh file input, so the same file can be chosen again
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const fileName = file.name;
    // Bytes ≥ characters: a file within the limit in bytes is within it in characters too.
    if (file.size > LIMITS.importText * 3) {
      setState({
        step: 'failed',
        fileName,
        error: `The file is too large (${(file.size / 1024 / 1024).toFixed(1)} MB); BiasLens imports files up to ${LIMITS.importText / 1024 / 1024} MB. Nothing was imported.`,
      });
      return;
    }
    setState({ step: 'reading', fileName });
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      setState({ step: 'failed', fileName, error: `Couldn't read the file: ${String(error)}` });
      return;
    }
    if (text.length > LIMITS.importText) {
      setState({
        step: 'failed',
        fileName,
        error: `The file is too large (${(text.length / 1024 / 1024).toFixed(1)} MB); BiasLens imports files up to ${LIMITS.importText / 1024 / 1024} MB. Nothing was imported.`,
      });
      return;
    }
    const response = await sendRequest({ type: 'import-papers', text, apply: false });
    if (!response.ok) setState({ step: 'failed', fileName, error: response.error });
    else setState({ step: 'preview', fileName, text, summary: response.summary });
  };

  const onImport = async () => {
    if (state.step !== 'preview') return;
    const { fileName, text } = state;
    setState({ step: 'importing', fileName });
    const response = await sendRequest({ type: 'import-papers', text, apply: true });
    if (!response.ok) setState({ step: 'failed', fileName, error: response.error });
    else setState({ step: 'done', fileName, summary: response.summary });
  };

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import</h2>
      <p class="hint">
        Import a BiasLens JSON export. Papers are matched by arXiv id: for each field the newer edit
        wins, and no note is ever dropped: when both notes were edited, both are kept, the older one
        below a “conflicting version” line. You see what will change before anything is written.
      </p>
      <label class="file-label" for="import-file">
        Choose a BiasLens JSON export
      </label>
      <input
        key={inputKey}
        id="import-file"
        type="file"
        accept="application/json,.json"
        disabled={state.step === 'reading' || state.step === 'importing'}
        onChange={(event) => void onFile(event.currentTarget.files?.[0])}
      />
      {state.step === 'reading' && <p role="status">Checking {state.fileName}…</p>}
      {state.step === 'preview' && (
        <div class="import-preview" role="status">
          <p>
            <strong>{state.fileName}</strong>: {plural(state.summary.total, 'paper', 'papers')}{' '}
            (format version {state.summary.version}). Importing would give{' '}
            {describeCounts(state.summary)}.
          </p>
          {state.summary.conflicts > 0 && (
            <p>
              Papers in conflict keep both notes, marked “BiasLens: conflicting version of this
              note”: {state.summary.conflictIds.join(', ')}
              {state.summary.conflicts > state.summary.conflictIds.length ? ', …' : ''}
            </p>
          )}
          {state.summary.new + state.summary.updated + state.summary.conflicts === 0 && (
            <p>Nothing to import: every paper in the file is already here, unchanged.</p>
          )}
          {state.summary.warnings.map((warning) => (
            <p key={warning} class="warning">
              {warning}
            </p>
          ))}
          <div class="button-row">
            <button
              type="button"
              class="primary"
              disabled={state.summary.new + state.summary.updated + state.summary.conflicts === 0}
              onClick={() => void onImport()}
            >
              Import {plural(state.summary.total, 'paper', 'papers')}
            </button>
            <button type="button" onClick={reset}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {state.step === 'importing' && <p role="status">Importing {state.fileName}…</p>}
      {state.step === 'done' && (
        <p class="status" role="status">
          Imported {state.fileName}: {describeCounts(state.summary)}.{' '}
          <button type="button" class="link-button" onClick={reset}>
            Import another file
          </button>
        </p>
      )}
      {state.step === 'failed' && (
        <div class="error" role="alert">
          <p>
            Couldn't import {state.fileName}: {state.error}
          </p>
          <button type="button" onClick={reset}>
            Choose another file
          </button>
        </div>
      )}
    </section>
  );
}
