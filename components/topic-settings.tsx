import { useState } from 'preact/hooks';
import type { BiasLensDB } from '../lib/db/schema';
import { getDisabledTopics, listCustomTopics } from '../lib/db/topic-settings';
import type { CustomTopicRecord } from '../lib/db/types';
import { LIMITS, sendRequest } from '../lib/messages';
import type { TopicId } from '../lib/paper';
import { customTopicId, parsePhrases } from '../lib/topics/custom';
import { contrastRatio, pickTextColor, TOPICS } from '../lib/topics/taxonomy';
import { useLiveQuery } from './use-live-query';

/** Colour a new topic starts with: a cyan no built-in topic uses. */
const DEFAULT_COLOR = '#0e7490';
/** Page backgrounds a badge must stand out on (white, and a dark page like GitHub's). */
const LIGHT_PAGE = '#ffffff';
const DARK_PAGE = '#0d1117';

interface Draft {
  /** The topic being edited, or undefined for a new one. */
  id?: string;
  label: string;
  color: string;
  phrases: string;
}

const emptyDraft = (): Draft => ({ label: '', color: DEFAULT_COLOR, phrases: '' });

/**
 * The options page's Topics section: switch built-in topics off, and add, edit or delete the
 * user's own topics (a name, a badge colour and trigger phrases). Reads the database live; every
 * write goes through the background, which tells open listing pages to re-apply the topics.
 */
export function TopicSettings({ db }: { db: BiasLensDB }) {
  const custom = useLiveQuery(() => listCustomTopics(db), [db]);
  const disabledState = useLiveQuery(() => getDisabledTopics(db), [db]);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  const disabled = new Set<TopicId>(disabledState.status === 'ready' ? disabledState.value : []);
  const topics = custom.status === 'ready' ? custom.value : [];

  const report = (ok: boolean, message: string) => {
    setStatus(ok ? message : '');
    setError(ok ? '' : message);
  };

  const onToggleBuiltIn = async (id: TopicId, shown: boolean) => {
    const next = new Set(disabled);
    if (shown) next.delete(id);
    else next.add(id);
    const response = await sendRequest({ type: 'set-disabled-topics', ids: [...next] });
    if (!response.ok) report(false, `Couldn't change the topics: ${response.error}`);
  };

  const phrases = parsePhrases(draft.phrases);
  const label = draft.label.trim();
  const problem = !label
    ? 'Give the topic a name.'
    : phrases.length === 0
      ? 'Give at least one phrase.'
      : phrases.length > LIMITS.topicPhrases
        ? `At most ${LIMITS.topicPhrases} phrases.`
        : phrases.some((phrase) => phrase.length > LIMITS.topicPhrase)
          ? `A phrase can have at most ${LIMITS.topicPhrase} characters.`
          : !draft.id && topics.some((topic) => topic.id === customTopicId(label))
            ? `You already have a topic named like “${label}”.`
            : undefined;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (problem) {
      report(false, problem);
      return;
    }
    const topic = { label, color: draft.color, phrases };
    const response = await sendRequest({
      type: 'save-custom-topic',
      topic: draft.id ? { id: draft.id, ...topic } : topic,
    });
    if (!response.ok) {
      report(false, `Couldn't save the topic: ${response.error}`);
      return;
    }
    report(true, draft.id ? `Saved “${label}”.` : `Added “${label}”.`);
    setDraft(emptyDraft());
  };

  const onEdit = (topic: CustomTopicRecord) => {
    setDraft({
      id: topic.id,
      label: topic.label,
      color: topic.color,
      phrases: topic.phrases.join('\n'),
    });
    report(true, '');
  };

  const onDelete = async (topic: CustomTopicRecord) => {
    const response = await sendRequest({ type: 'delete-custom-topic', id: topic.id });
    if (!response.ok) report(false, `Couldn't delete the topic: ${response.error}`);
    else report(true, `Deleted “${topic.label}”.`);
    if (draft.id === topic.id) setDraft(emptyDraft());
  };

  const weak =
    contrastRatio(draft.color, LIGHT_PAGE) < 2 || contrastRatio(draft.color, DARK_PAGE) < 2;

  return (
    <section aria-labelledby="topic-settings-heading" class="topic-settings">
      <h2 id="topic-settings-heading">Topics</h2>
      <p class="hint">
        BiasLens shows a badge per topic on arXiv and Hugging Face cards. Switch off topics you do
        not want to see, and add your own: a topic shows when one of its phrases is in a paper's
        title or abstract. To fix one paper's topics, use “Edit topics” on its card.
      </p>

      <fieldset style={{ border: 'none', padding: 0, margin: '8px 0' }}>
        <legend style={{ fontWeight: 600, padding: 0 }}>Built-in topics</legend>
        {TOPICS.map((topic) => (
          <label
            key={topic.id}
            style={{ display: 'flex', gap: '8px', alignItems: 'baseline', margin: '4px 0' }}
          >
            <input
              type="checkbox"
              checked={!disabled.has(topic.id)}
              disabled={disabledState.status !== 'ready'}
              onChange={(event) => void onToggleBuiltIn(topic.id, event.currentTarget.checked)}
            />
            <Badge label={topic.label} color={topic.color} />
            <span class="hint">{topic.description}</span>
          </label>
        ))}
      </fieldset>

      <h3>Your topics</h3>
      {custom.status === 'ready' && topics.length === 0 && (
        <p class="hint">No topics of your own yet.</p>
      )}
      {topics.length > 0 && (
        <ul style={{ listStyle: 'none', padding: 0, margin: '4px 0' }}>
          {topics.map((topic) => (
            <li
              key={topic.id}
              style={{ display: 'flex', gap: '8px', alignItems: 'center', margin: '4px 0' }}
            >
              <Badge label={topic.label} color={topic.color} />
              <span class="hint" style={{ flex: 1 }}>
                {topic.phrases.map((phrase) => `“${phrase}”`).join(', ')}
              </span>
              <button
                type="button"
                aria-label={`Edit ${topic.label}`}
                onClick={() => onEdit(topic)}
              >
                Edit
              </button>
              <button
                type="button"
                aria-label={`Delete ${topic.label}`}
                onClick={() => void onDelete(topic)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}

      <form onSubmit={onSubmit} aria-labelledby="topic-form-heading">
        <h3 id="topic-form-heading">{draft.id ? `Edit “${draft.label}”` : 'Add a topic'}</h3>
        <div class="rename-form">
          <label>
            Name
            <input
              type="text"
              maxLength={LIMITS.topicLabel}
              value={draft.label}
              onInput={(event) => setDraft({ ...draft, label: event.currentTarget.value })}
            />
          </label>
          <label>
            Colour
            <input
              type="color"
              value={draft.color}
              onInput={(event) => setDraft({ ...draft, color: event.currentTarget.value })}
            />
          </label>
          <span aria-hidden="true" style={{ display: 'flex', gap: '4px' }}>
            <span style={{ background: LIGHT_PAGE, padding: '4px 8px', borderRadius: '6px' }}>
              <Badge label={label || 'Preview'} color={draft.color} />
            </span>
            <span style={{ background: DARK_PAGE, padding: '4px 8px', borderRadius: '6px' }}>
              <Badge label={label || 'Preview'} color={draft.color} />
            </span>
          </span>
        </div>
        {weak && <p class="warning">This colour is hard to see on a light or a dark page.</p>}
        <label class="setting" style={{ marginTop: '8px' }}>
          Phrases (one per line, or separated by commas)
          <textarea
            rows={4}
            value={draft.phrases}
            onInput={(event) => setDraft({ ...draft, phrases: event.currentTarget.value })}
            style={{ font: 'inherit', width: '100%' }}
          />
        </label>
        <p class="hint">
          Matched as whole words, ignoring case, in titles and abstracts.
          {phrases.length > 0 &&
            ` ${phrases.length} ${phrases.length === 1 ? 'phrase' : 'phrases'}.`}
        </p>
        <div class="button-row">
          <button type="submit" class="primary">
            {draft.id ? 'Save topic' : 'Add topic'}
          </button>
          {draft.id && (
            <button type="button" onClick={() => setDraft(emptyDraft())}>
              Cancel
            </button>
          )}
        </div>
      </form>
      <p class="status" role="status">
        {status}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** A badge as cards show it: the topic colour with a readable text colour. */
function Badge({ label, color }: { label: string; color: string }) {
  return (
    <span
      style={{
        background: color,
        color: pickTextColor(color),
        borderRadius: '999px',
        padding: '1px 8px',
        fontSize: '12px',
        fontWeight: 600,
        whiteSpace: 'nowrap',
      }}
    >
      {label}
    </span>
  );
}
