import { useEffect, useState } from 'preact/hooks';
import type { PaperRecord } from '../lib/db/types';
import { formatAgo, formatDay } from '../lib/notebook/time';
import { recordLinks } from '../lib/paper-identity';
import { formatAuthors, topicDisplay } from './format';
import type { NoteSaver } from './note-saver';
import { TagEditor } from './tag-editor';

export interface PaperItemProps {
  record: PaperRecord;
  saver: NoteSaver;
  /** Id of the datalist of tags in use. */
  tagListId: string;
  /** The current time, for "edited 5 minutes ago". */
  now: number;
  onDelete: (record: PaperRecord) => void;
  onTags: (record: PaperRecord, change: { add: string[]; remove: string[] }) => void;
}

/**
 * One saved paper: linked title, byline, topic chips, tags, its note (saved as you type, with
 * when it was last edited), Delete.
 */
export function PaperItem({ record, saver, tagListId, now, onDelete, onTags }: PaperItemProps) {
  // Built from the ids (landingUrl / arxivUrls), never from the stored URLs: https only, on the
  // paper's own site (arXiv, doi.org, ACL Anthology, OpenReview, NeurIPS, PMLR).
  const links = recordLinks(record);
  const href = links.abs;
  const pdf = links.pdf;
  const doi = links.doi;
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
      <p class="paper-meta">
        Saved {formatDay(record.savedAt)}
        {pdf && (
          <>
            {' · '}
            <a
              href={pdf}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={`PDF of ${record.title}`}
            >
              PDF
            </a>
          </>
        )}
        {doi && (
          <>
            {' · '}
            <a
              href={doi}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={`DOI of ${record.title}`}
            >
              DOI
            </a>
          </>
        )}
      </p>
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
      <TagEditor
        tags={record.tags}
        listId={tagListId}
        onAdd={(tag) => onTags(record, { add: [tag], remove: [] })}
        onRemove={(tag) => onTags(record, { add: [], remove: [tag] })}
      />
      <NoteField record={record} saver={saver} />
      <div class="paper-actions">
        {record.noteUpdatedAt !== undefined && record.note !== '' && (
          <span class="note-meta">Note edited {formatAgo(record.noteUpdatedAt, now)}</span>
        )}
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
  // Our edit lost to a later one (a card's editor): show what is stored.
  useEffect(() => saver.onStale(id, setDraft), [saver, id]);
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
