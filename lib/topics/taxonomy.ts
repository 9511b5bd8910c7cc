import { TOPIC_IDS, type TopicId } from '../paper';
import type { CustomTopicDef, ShownCustomTopic } from './custom';
import { DARK_TEXT, getTopicStyle, LIGHT_TEXT, type TopicStyle } from './topic-styles';

export { DARK_TEXT, LIGHT_TEXT } from './topic-styles';

/** How one bias topic is shown: badge text, colours and a one-line description. */
export interface TopicInfo extends TopicStyle {
  /** One line saying what the topic covers (TAXONOMY.md v1). */
  description: string;
}

/** One line per topic saying what it covers (TAXONOMY.md v1). */
export const TOPIC_DESCRIPTIONS: Record<TopicId, string> = {
  social: 'Social and demographic bias: fairness, stereotypes, discrimination against groups.',
  cultural: 'Cultural, regional and linguistic bias: English- or Western-centric models and data.',
  data: 'Dataset and sampling bias: label noise, imbalance, spurious correlations, shortcuts.',
  inductive: 'Inductive and learning biases of models and optimizers, studied or engineered.',
  evaluation: 'Bias in evaluation and judgement: LLM judges, metrics, benchmarks, reward models.',
  cognitive:
    'Human-like cognitive and reasoning biases: anchoring, framing, sycophancy, order effects.',
  modality:
    'Modality and prior bias in multimodal models: language priors, text-image misalignment.',
  ranking: 'Bias in retrieval, ranking and recommendation: position, popularity, exposure bias.',
  statistical: 'Statistical and estimation bias: biased estimators or gradients, bias-variance.',
};

/** WCAG relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((part) => {
    const c = Number.parseInt(part as string, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio (1 to 21) between two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The text colour (white or near-black) with the higher contrast on `background`. */
export function pickTextColor(background: string): string {
  return contrastRatio(background, LIGHT_TEXT) >= contrastRatio(background, DARK_TEXT)
    ? LIGHT_TEXT
    : DARK_TEXT;
}

/** A custom topic with its badge's text colour, as content scripts get it (getTopicConfig). */
export function withTextColor(topic: CustomTopicDef): ShownCustomTopic {
  return { ...topic, textColor: pickTextColor(topic.color) };
}

/** The nine topics in TOPIC_IDS order, as data. */
export const TOPICS: readonly TopicInfo[] = TOPIC_IDS.map((id) => ({
  ...getTopicStyle(id),
  description: TOPIC_DESCRIPTIONS[id],
}));

const BY_ID = new Map<TopicId, TopicInfo>(TOPICS.map((t) => [t.id, t]));

/** The display data of one topic. */
export function getTopicInfo(id: TopicId): TopicInfo {
  const info = BY_ID.get(id);
  if (!info) throw new Error(`unknown topic id: ${id}`);
  return info;
}
