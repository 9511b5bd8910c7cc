import { useState } from 'preact/hooks';
import { listTagCounts } from '../lib/db/papers';
import type { BiasLensDB } from '../lib/db/schema';
import { sendRequest } from '../lib/messages';
import { normalizeTag, TAG_LIMITS } from '../lib/notebook/tags';
import { useLiveQuery } from './use-live-query';

/** The options page's tags section: every tag with its count; rename or merge one everywhere. */
export function TagManager({ db }: { db: BiasLensDB }) {
  const tags = useLiveQuery(() => listTagCounts(db), [db]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const list = tags.status === 'ready' ? tags.value : [];
  const source = from || list[0]?.tag || '';
  const target = normalizeTag(to);
  const existing = list.find(
    (entry) =>
      entry.tag.toLocaleLowerCase() === target.toLocaleLowerCase() &&
      entry.tag.toLocaleLowerCase() !== source.toLocaleLowerCase(),
  );
  const count = list.find((entry) => entry.tag === source)?.count ?? 0;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!source || !target) return;
    const response = await sendRequest({ type: 'rename-tag', from: source, to: target });
    if (!response.ok) {
      setMessage({ text: `Couldn't rename the tag: ${response.error}`, error: true });
      return;
    }
    const verb = existing
      ? `Merged “${source}” into “${existing.tag}”`
      : `Renamed “${source}” to “${target}”`;
    setMessage({ text: `${verb} on ${response.changed} papers.`, error: false });
    setFrom('');
    setTo('');
  };

  return (
    <section aria-labelledby="tags-heading">
      <h2 id="tags-heading">Tags</h2>
      {tags.status === 'ready' && list.length === 0 && (
        <p class="hint">No tags yet. Add tags to papers in the popup.</p>
      )}
      {list.length > 0 && (
        <>
          <ul class="tag-counts" aria-label="Tags in use">
            {list.map((entry) => (
              <li key={entry.tag}>
                {entry.tag} <span class="muted">({entry.count})</span>
              </li>
            ))}
          </ul>
          <form class="rename-form" onSubmit={(event) => void onSubmit(event)}>
            <label>
              Tag
              <select value={source} onChange={(event) => setFrom(event.currentTarget.value)}>
                {list.map((entry) => (
                  <option key={entry.tag} value={entry.tag}>
                    {entry.tag} ({entry.count})
                  </option>
                ))}
              </select>
            </label>
            <label>
              New name
              <input
                type="text"
                list="biaslens-all-tags"
                maxLength={TAG_LIMITS.length}
                value={to}
                onInput={(event) => setTo(event.currentTarget.value)}
              />
            </label>
            <datalist id="biaslens-all-tags">
              {list.map((entry) => (
                <option key={entry.tag} value={entry.tag} />
              ))}
            </datalist>
            <button type="submit" disabled={!target || target === source}>
              {existing ? `Merge into “${existing.tag}”` : 'Rename'}
            </button>
          </form>
          {target && target !== source && (
            <p class="hint">
              {existing
                ? `The ${count} papers tagged “${source}” will be tagged “${existing.tag}” instead.`
                : `The ${count} papers tagged “${source}” will be tagged “${target}”.`}
            </p>
          )}
        </>
      )}
      {message && (
        <p class={message.error ? 'error' : 'status'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
