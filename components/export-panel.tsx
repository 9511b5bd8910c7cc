import { useState } from 'preact/hooks';
import { describeStorageError } from '../lib/db/errors';
import { getAllPapers } from '../lib/db/papers';
import type { BiasLensDB } from '../lib/db/schema';
import { buildExportFile, EXPORT_FORMATS, type ExportFormat } from '../lib/notebook/export-formats';
import type { TopicId } from '../lib/paper';
import { downloadText } from './download';
import { topicDisplay } from './format';

/** The options page's export section: every saved paper, in any format. */
export function ExportPanel({ db, now = Date.now }: { db: BiasLensDB; now?: () => number }) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const onExport = async (format: ExportFormat) => {
    try {
      const records = await getAllPapers(db);
      const file = buildExportFile(
        format,
        records,
        now(),
        (id) => topicDisplay(id as TopicId).label,
      );
      downloadText(document, file.fileName, file.text, file.type);
      setMessage({ text: `Exported ${records.length} papers to ${file.fileName}.`, error: false });
    } catch (error) {
      console.error('[BiasLens] export failed', error);
      setMessage({ text: `Couldn't export: ${describeStorageError(error)}`, error: true });
    }
  };
  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <p class="hint">
        JSON keeps everything and can be imported again (here or in another browser). BibTeX is for
        reference managers and LaTeX, CSV for spreadsheets, Markdown is a reading list. To export
        only some papers, search or filter in the popup and use “Export these”.
      </p>
      <div class="button-row">
        {EXPORT_FORMATS.map((format) => (
          <button
            key={format.id}
            type="button"
            aria-label={`Export all papers as ${format.label}`}
            onClick={() => void onExport(format.id)}
          >
            {format.label}
          </button>
        ))}
      </div>
      {message && (
        <p class={message.error ? 'error' : 'status'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
