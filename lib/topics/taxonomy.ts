import { TOPIC_IDS, type TopicId } from '../paper';

/** How one bias topic is shown: badge text, colours and a one-line description. */
export interface TopicInfo {
  id: TopicId;
  /** Short badge text. */
  label: string;
  /** Badge background, `#rrggbb`. */
  color: string;
  /** Badge text colour picked for contrast against `color` (white or near-black). */
  textColor: string;
  /** One line saying what the topic covers (TAXONOMY.md v1). */
  description: string;
}

/** Near-black used for text on light badges; readable in light and dark page themes. */
export const DARK_TEXT = '#111827';
export const LIGHT_TEXT = '#ffffff';

/**
 * Badge colours: nine hues spread around the wheel (red, orange, teal, green, yellow, magenta,
 * blue, violet, brown) at a mid lightness, so each badge stands out on both a white and a dark
 * page. The text colour is derived from the background with `pickTextColor`, never hand-set.
 */
const BASE: Record<TopicId, Omit<TopicInfo, 'id' | 'textColor'>> = {
  social: {
    label: 'Social',
    color: '#dc2626',
    description:
      'Social and demographic bias: fairness, stereotypes, discrimination against groups.',
  },
  cultural: {
    label: 'Cultural',
    color: '#f97316',
    description:
      'Cultural, regional and linguistic bias: English- or Western-centric models and data.',
  },
  data: {
    label: 'Data',
    color: '#0f766e',
    description:
      'Dataset and sampling bias: label noise, imbalance, spurious correlations, shortcuts.',
  },
  inductive: {
    label: 'Inductive',
    color: '#22a355',
    description: 'Inductive and learning biases of models and optimizers, studied or engineered.',
  },
  evaluation: {
    label: 'Evaluation',
    color: '#d9a200',
    description:
      'Bias in evaluation and judgement: LLM judges, metrics, benchmarks, reward models.',
  },
  cognitive: {
    label: 'Cognitive',
    color: '#c026d3',
    description:
      'Human-like cognitive and reasoning biases: anchoring, framing, sycophancy, order effects.',
  },
  modality: {
    label: 'Modality',
    color: '#2563eb',
    description:
      'Modality and prior bias in multimodal models: language priors, text-image misalignment.',
  },
  ranking: {
    label: 'Ranking',
    color: '#7c3aed',
    description:
      'Bias in retrieval, ranking and recommendation: position, popularity, exposure bias.',
  },
  statistical: {
    label: 'Statistical',
    color: '#8a6a4f',
    description: 'Statistical and estimation bias: biased estimators or gradients, bias-variance.',
  },
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

/** The nine topics in TOPIC_IDS order, as data. */
export const TOPICS: readonly TopicInfo[] = TOPIC_IDS.map((id) => {
  const base = BASE[id];
  return { id, ...base, textColor: pickTextColor(base.color) };
});

const BY_ID = new Map<TopicId, TopicInfo>(TOPICS.map((t) => [t.id, t]));

/** The display data of one topic. */
export function getTopicInfo(id: TopicId): TopicInfo {
  const info = BY_ID.get(id);
  if (!info) throw new Error(`unknown topic id: ${id}`);
  return info;
}
