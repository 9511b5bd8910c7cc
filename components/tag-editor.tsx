import { useState } from 'preact/hooks';
import { normalizeTag, TAG_LIMITS } from '../lib/notebook/tags';

export interface TagEditorProps {
  tags: readonly string[];
  /** Id of the `<datalist>` of every tag in use (autocomplete). */
  listId: string;
  onAdd: (tag: string) => void;
  onRemove: (tag: string) => void;
}

/**
 * A paper's tags as removable chips, and a field that adds one on Enter, comma or leaving it;
 * the browser suggests tags already in use from the shared datalist.
 */
export function TagEditor({ tags, listId, onAdd, onRemove }: TagEditorProps) {
  const [text, setText] = useState('');
  const submit = () => {
    const tag = normalizeTag(text);
    setText('');
    if (tag !== '') onAdd(tag);
  };
  return (
    <div class="tags">
      {tags.length > 0 && (
        <ul class="tag-list" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag} class="tag">
              <span class="tag-text">{tag}</span>
              <button
                type="button"
                class="tag-remove"
                aria-label={`Remove tag ${tag}`}
                title={`Remove tag ${tag}`}
                onClick={() => onRemove(tag)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        type="text"
        class="tag-input"
        list={listId}
        aria-label="Add tag"
        placeholder="+ tag"
        maxLength={TAG_LIMITS.length}
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ',') {
            event.preventDefault();
            submit();
          }
        }}
        onBlur={submit}
      />
    </div>
  );
}
