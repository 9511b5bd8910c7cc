import type { SiteId } from '../paper';
import { TOPIC_IDS, type TopicId } from '../paper';
import {
  type CustomPattern,
  customPattern,
  customTopicId,
  normalizePhrase,
  type ShownCustomTopic,
} from '../topics/custom';
import { TOPIC_DESCRIPTIONS, withTextColor } from '../topics/taxonomy';
import type { BiasLensDB } from './schema';
import type { CustomTopicRecord } from './types';

/** Settings key of the built-in topics the user switched off (value: TopicId[]). */
export const DISABLED_TOPICS_KEY = 'disabledTopics';
/** Most custom topics a user can define (each adds phrases to every card's scan). */
export const MAX_CUSTOM_TOPICS = 50;

/** Settings key of the page-summary filter remembered for a site (value: topic id). */
export function summaryFilterKey(site: SiteId): string {
  return `summaryFilter:${site}`;
}

/** What a content script needs to apply topics: custom topics, disabled ones, its site's filter. */
export interface TopicConfig {
  /** With their badges' text colours, worked out here so content scripts need not. */
  customTopics: ShownCustomTopic[];
  /** Their phrases as one regex source (customPattern), likewise. */
  customPattern: CustomPattern | null;
  /**
   * The built-in topics' descriptions, shown on hover or focus: sent rather than bundled, which
   * keeps them out of the content script (its badges need only topic-styles.ts).
   */
  descriptions: Record<TopicId, string>;
  disabled: TopicId[];
  /** The page-summary filter remembered for the requesting site, or null. */
  summaryFilter: string | null;
}

/** Every custom topic, oldest first (then by id, so the order is stable). */
export async function listCustomTopics(db: BiasLensDB): Promise<CustomTopicRecord[]> {
  const records = await db.customTopics.toArray();
  return records.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** A custom topic as the user typed it; `id` names an existing topic to edit. */
export interface CustomTopicInput {
  id?: string;
  label: string;
  color: string;
  phrases: string[];
}

/**
 * Adds a custom topic (its id is `custom:` + a slug of its name) or edits the one named by
 * `input.id` (which keeps its id). Rejects when a new topic's id is taken, an edited one does
 * not exist, or the topic limit is reached.
 */
export async function saveCustomTopic(
  db: BiasLensDB,
  input: CustomTopicInput,
  now: number,
): Promise<CustomTopicRecord> {
  const label = input.label.trim().replace(/\s+/g, ' ');
  const phrases = [...new Set(input.phrases.map(normalizePhrase).filter(Boolean))];
  if (!label) throw new Error('a topic needs a name');
  if (phrases.length === 0) throw new Error('a topic needs at least one phrase');
  return db.transaction('rw', db.customTopics, async () => {
    if (input.id !== undefined) {
      const existing = await db.customTopics.get(input.id);
      if (!existing) throw new Error(`no custom topic ${input.id}`);
      const record: CustomTopicRecord = {
        ...existing,
        label,
        color: input.color,
        phrases,
        updatedAt: now,
      };
      await db.customTopics.put(record);
      return record;
    }
    const id = customTopicId(label);
    if (await db.customTopics.get(id)) throw new Error(`a topic named like “${label}” exists`);
    if ((await db.customTopics.count()) >= MAX_CUSTOM_TOPICS)
      throw new Error(`at most ${MAX_CUSTOM_TOPICS} custom topics`);
    const record: CustomTopicRecord = {
      id,
      label,
      color: input.color,
      phrases,
      createdAt: now,
      updatedAt: now,
    };
    await db.customTopics.add(record);
    return record;
  });
}

/** Deletes a custom topic; resolves to whether it existed. */
export async function deleteCustomTopic(db: BiasLensDB, id: string): Promise<boolean> {
  return db.transaction('rw', db.customTopics, async () => {
    const existed = (await db.customTopics.where('id').equals(id).count()) > 0;
    if (existed) await db.customTopics.delete(id);
    return existed;
  });
}

/** The built-in topics switched off, in taxonomy order (unknown stored values are ignored). */
export async function getDisabledTopics(db: BiasLensDB): Promise<TopicId[]> {
  const value = (await db.settings.get(DISABLED_TOPICS_KEY))?.value;
  const stored = new Set(Array.isArray(value) ? value : []);
  return TOPIC_IDS.filter((id) => stored.has(id));
}

/** Replaces the set of switched-off built-in topics; resolves to it, normalized. */
export async function setDisabledTopics(
  db: BiasLensDB,
  ids: readonly TopicId[],
): Promise<TopicId[]> {
  const wanted = new Set(ids);
  const disabled = TOPIC_IDS.filter((id) => wanted.has(id));
  await db.settings.put({ key: DISABLED_TOPICS_KEY, value: disabled });
  return disabled;
}

/** The page-summary filter remembered for `site`, or null. */
export async function getSummaryFilter(db: BiasLensDB, site: SiteId): Promise<string | null> {
  const value = (await db.settings.get(summaryFilterKey(site)))?.value;
  return typeof value === 'string' ? value : null;
}

/** Remembers (or, with null, forgets) the page-summary filter of `site`. */
export async function setSummaryFilter(
  db: BiasLensDB,
  site: SiteId,
  topic: string | null,
): Promise<void> {
  if (topic === null) await db.settings.delete(summaryFilterKey(site));
  else await db.settings.put({ key: summaryFilterKey(site), value: topic });
}

/** Everything a content script needs to apply topics, read in one transaction. */
export async function getTopicConfig(db: BiasLensDB, site?: SiteId): Promise<TopicConfig> {
  return db.transaction('r', db.customTopics, db.settings, async () => {
    const customTopics = (await listCustomTopics(db)).map(({ id, label, color, phrases }) =>
      withTextColor({ id, label, color, phrases }),
    );
    const disabled = await getDisabledTopics(db);
    const summaryFilter = site ? await getSummaryFilter(db, site) : null;
    return {
      customTopics,
      customPattern: customPattern(customTopics),
      descriptions: TOPIC_DESCRIPTIONS,
      disabled,
      summaryFilter,
    };
  });
}
