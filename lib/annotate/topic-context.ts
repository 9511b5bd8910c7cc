import type { TopicConfig } from '../db/topic-settings';
import type { ExtractedPaper, TopicId } from '../paper';
import { TOPIC_IDS } from '../paper';
import {
  type CompiledCustomTopics,
  type CustomMatch,
  compilePattern,
  customTopicInfo,
  matchCustomTopics,
} from '../topics/custom';
import { type FinalTopic, mergeTopics, type TopicCorrection } from '../topics/merge';
import { getTopicStyle } from '../topics/topic-styles';
import type { TopicMatch } from '../topics/types';
import type { CardTopic } from './card-ui';

/** How a topic is drawn, built-in or custom. */
export interface TopicDisplay {
  id: string;
  label: string;
  color: string;
  textColor: string;
  description: string;
}

/**
 * The topic configuration of one page (custom topics, topics switched off), compiled once per
 * change: one regex for every custom phrase, and display data for every topic that can show.
 */
export class TopicContext {
  readonly disabled: ReadonlySet<string>;
  private readonly compiled: CompiledCustomTopics;
  private readonly customIds: readonly string[];
  /** Every topic that can show (built-in and not switched off, then custom), in display order. */
  readonly enabled: readonly TopicDisplay[];
  private readonly byId = new Map<string, TopicDisplay>();

  /** Before the settings come, topics show without descriptions (only on hover anyway). */
  constructor(config: ContextConfig = emptyConfig()) {
    this.disabled = new Set(config.disabled);
    this.compiled = compilePattern(config.customTopics, config.customPattern);
    this.customIds = config.customTopics.map((topic) => topic.id);
    for (const id of TOPIC_IDS)
      this.byId.set(id, { ...getTopicStyle(id), description: config.descriptions[id] ?? '' });
    for (const topic of config.customTopics) this.byId.set(topic.id, customTopicInfo(topic));
    this.enabled = [...this.byId.values()].filter((topic) => !this.disabled.has(topic.id));
  }

  /** Whether there are custom topics to match at all. */
  get hasCustom(): boolean {
    return this.customIds.length > 0;
  }

  /** The custom topics whose phrases occur in the paper's title or abstract. */
  matchCustom(paper: ExtractedPaper): CustomMatch[] {
    return matchCustomTopics(this.compiled, paper);
  }

  /** The paper's final topics: classifier and custom matches, switched-off topics, correction. */
  merge(
    classified: readonly TopicMatch[],
    custom: readonly CustomMatch[],
    correction: TopicCorrection | undefined,
  ): FinalTopic[] {
    return mergeTopics({
      classified,
      custom,
      correction,
      disabled: this.disabled,
      customIds: this.customIds,
    });
  }

  /** Final topics with their display data, as the card UI draws them. */
  toCardTopics(topics: readonly FinalTopic[]): CardTopic[] {
    const shown: CardTopic[] = [];
    for (const topic of topics) {
      const display = this.byId.get(topic.id);
      if (display) {
        const { evidence, source, inferred } = topic;
        shown.push(
          inferred ? { ...display, evidence, source, inferred } : { ...display, evidence, source },
        );
      }
    }
    return shown;
  }
}

type ContextConfig = Pick<TopicConfig, 'customTopics' | 'customPattern' | 'disabled'> & {
  descriptions: Partial<TopicConfig['descriptions']>;
};

function emptyConfig(): ContextConfig {
  return { customTopics: [], customPattern: null, descriptions: {}, disabled: [] as TopicId[] };
}
