import { useEffect, useState } from 'preact/hooks';
import type { PaperRecord } from '../lib/db/types';
import { formatAuthors, safeHttpsUrl, topicDisplay } from './format';
import type { NoteSaver } from './note-saver';

export interface PaperItemProps {
  record: PaperRecord;
  saver: NoteSaver;
  onDelete: (record: PaperRecord) => void;
}

/** One saved paper: linked title, byline, topic chips, its note (saved as you type), Delete. */
export function PaperItem({ record, saver, onDelete }: PaperItemProps) {
  const href = safeHttpsUrl(record.urls.abs);
  const authors = formatAuthors(record.authors);
  return (
    <li class="paper">
      <h2 class="paper-title">
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            {record.title}
          </a>
        ) : (
          record.title
        )}
      </h2>
      {authors && <p class="paper-authors">{authors}</p>}
      {record.topics.length > 0 && (
        <ul class="topics" aria-label="Topics">
          {record.topics.map((topic) => {
            const info = topicDisplay(topic);
            return (
              <li
                key={topic}
                class="topic"
                title={info.description}
                style={info.color ? { background: info.color, color: info.textColor } : undefined}
              >
                {info.label}
              </li>
            );
          })}
        </ul>
      )}
      <NoteField record={record} saver={saver} />
      <div class="paper-actions">
        <button
          type="button"
          class="delete"
          aria-label={`Delete ${record.title}`}
          onClick={() => onDelete(record)}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

/** The note textarea. It keeps its own draft while an edit is unsaved, so typing never jumps. */
function NoteField({ record, saver }: { record: PaperRecord; saver: NoteSaver }) {
  const [draft, setDraft] = useState(record.note);
  const { id, note } = record;
  // Follow the stored note (e.g. edited in another window) unless our own edit is in progress.
  useEffect(() => {
    if (!saver.isBusy(id)) setDraft(note);
  }, [saver, id, note]);
  return (
    <textarea
      class="note"
      aria-label="Note"
      placeholder="Add a note…"
      rows={2}
      maxLength={100_000}
      value={draft}
      onInput={(event) => {
        const value = event.currentTarget.value;
        setDraft(value);
        saver.schedule(id, value);
      }}
      onBlur={() => void saver.flush(id)}
    />
  );
}
