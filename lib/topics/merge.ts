/**
 * The topics a card finally shows: the classifier's, plus custom topics whose phrases match,
 * minus topics the user switched off, with the user's correction of that paper applied last.
 * Pure and deterministic; the content script and tests share it.
 */
import { TOPIC_IDS, type TopicId } from '../paper';
import type { CustomMatch } from './custom';
import type { TopicMatch } from './types';

/** A user's correction of one paper's topics (ids built-in or `custom:<slug>`). */
export interface TopicCorrection {
  added: readonly string[];
  removed: readonly string[];
}

/** Where a shown topic comes from. */
export type TopicSource = 'classifier' | 'custom' | 'user';

/** One topic a card shows, with the phrases that triggered it (none when the user added it). */
export interface FinalTopic {
  id: string;
  evidence: readonly string[];
  source: TopicSource;
  /** The classifier's topic rests on the learned model's judgement alone (TopicMatch.inferred). */
  inferred?: true;
}

export interface MergeInput {
  /** The built-in classifier's topics for the paper. */
  classified: readonly TopicMatch[];
  /** Custom topics whose phrases match the paper. */
  custom?: readonly CustomMatch[];
  /** The user's correction of this paper, if any. */
  correction?: TopicCorrection | undefined;
  /** Topic ids switched off on the options page: never shown, whatever the other inputs say. */
  disabled?: ReadonlySet<string>;
  /**
   * Ids of every custom topic that exists, in display order; an id the user added that is
   * neither built-in nor listed here (a deleted custom topic) is dropped. Default: the ids of
   * `custom`.
   */
  customIds?: readonly string[];
}

const BUILT_IN = new Set<string>(TOPIC_IDS);

/**
 * Final topics of a paper, built-in topics first in taxonomy order, then custom topics in their
 * display order. A correction wins over the classifier and custom phrases (removed topics go,
 * added topics come with no evidence); disabled topics never show.
 */
export function mergeTopics(input: MergeInput): FinalTopic[] {
  const custom = input.custom ?? [];
  const order = [...TOPIC_IDS, ...(input.customIds ?? custom.map((match) => match.id))];
  const byId = new Map<string, FinalTopic>();
  for (const match of input.classified) {
    const topic: FinalTopic = { id: match.id, evidence: match.evidence, source: 'classifier' };
    if (match.inferred) topic.inferred = true;
    byId.set(match.id, topic);
  }
  for (const match of custom)
    byId.set(match.id, { id: match.id, evidence: match.evidence, source: 'custom' });
  for (const id of input.correction?.added ?? [])
    if (!byId.has(id)) byId.set(id, { id, evidence: [], source: 'user' });
  const removed = new Set(input.correction?.removed ?? []);
  const disabled = input.disabled ?? new Set<string>();
  const topics: FinalTopic[] = [];
  for (const id of new Set(order)) {
    const topic = byId.get(id);
    if (topic && !removed.has(id) && !disabled.has(id)) topics.push(topic);
  }
  return topics;
}

/** The built-in topic ids among `ids` (what a saved record stores), in taxonomy order. */
export function builtInTopicIds(ids: Iterable<string>): TopicId[] {
  const wanted = new Set(ids);
  return TOPIC_IDS.filter((id) => wanted.has(id) && BUILT_IN.has(id));
}

/**
 * The correction after the user checks (`include: true`) or unchecks a topic on a card. A checked
 * box is the user's word that the paper is about the topic, everywhere it appears; an unchecked
 * one that it is not. Ids come back sorted, so equal corrections compare equal.
 */
export function toggleCorrection(
  correction: TopicCorrection | undefined,
  id: string,
  include: boolean,
): TopicCorrection {
  const added = new Set(correction?.added ?? []);
  const removed = new Set(correction?.removed ?? []);
  if (include) {
    removed.delete(id);
    added.add(id);
  } else {
    added.delete(id);
    removed.add(id);
  }
  return { added: [...added].sort(), removed: [...removed].sort() };
}

/** True when a correction changes nothing (it can be deleted). */
export function isEmptyCorrection(correction: TopicCorrection | undefined): boolean {
  return !correction || (correction.added.length === 0 && correction.removed.length === 0);
}
