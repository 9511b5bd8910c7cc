/**
 * Where the classifier's errors on labelled papers come from, by the evidence the cues had for
 * each topic it got wrong: what `npm run eval:learned -- --misses` and `eval:topics -- --misses`
 * print. A topic missed with no evidence at all needs a new cue, one under the bar needs the
 * model, one found only by a candidate phrase needs the candidate bar; work goes where the counts
 * are. Never bundled.
 */
import { TOPIC_IDS, type TopicId } from '../paper';
import { candidatePhrases, classify } from './classify';
import type { TopicModel } from './learned';
import { evaluateTopics, type TopicReport } from './metrics';
import type { ClassifyInput } from './types';

/** Why a topic of the labels was not shown. */
export const MISS_REASONS = [
  'no evidence',
  'candidate only',
  'under the model floor',
  'not promoted',
  'vetoed',
] as const;
export type MissReason = (typeof MISS_REASONS)[number];

/** Why a topic shown is not one of the labels. */
export const WRONG_REASONS = ['candidate', 'promoted', 'cue over the bar', 'strong cue'] as const;
export type WrongReason = (typeof WRONG_REASONS)[number];

/** One labelled paper: its labels, the topics shown, and the evidence the cues had. */
export interface PaperEvidence {
  gold: readonly TopicId[];
  shown: readonly TopicId[];
  /** Cue score (0–1, the bar at 0.5) of every topic with evidence, under the bar too. */
  cueScores: ReadonlyMap<TopicId, number>;
  /** Topics a candidate phrase of the model names. */
  candidates: ReadonlySet<TopicId>;
}

/**
 * A labelled paper's evidence, as classify weighs it: the cue scores of every topic with some
 * (under the bar too), and the topics the model's candidate phrases name (none without a model).
 */
export function paperEvidence(
  paper: ClassifyInput & { topics: readonly TopicId[] },
  shown: readonly TopicId[],
  model: TopicModel | undefined,
): PaperEvidence {
  return {
    gold: paper.topics,
    shown,
    cueScores: new Map(classify(paper, { minScore: 0.001 }).map((t) => [t.id, t.score])),
    candidates: new Set(
      candidatePhrases(model?.candidates ?? [], paper.title, paper.abstract ?? '').keys(),
    ),
  };
}

/** The model's settings that draw the lines. */
export type MissThresholds = Pick<TopicModel, 'askFrom' | 'vetoBelow'>;

export interface MissBreakdown {
  /** Per reason, the missed topics by topic. */
  missed: Record<MissReason, Record<TopicId, number>>;
  /** Per reason, the wrong badges by topic. */
  wrong: Record<WrongReason, Record<TopicId, number>>;
  /**
   * The scores if every topic the cues or a candidate had evidence for were decided right: the
   * most that a better judge of the evidence (the model's job) could reach without new cues.
   */
  evidenceCeiling: TopicReport;
}

/** The reason a labelled topic was not shown. */
export function missReason(
  cueScore: number | undefined,
  hasCandidate: boolean,
  { askFrom }: MissThresholds,
): MissReason {
  if (cueScore === undefined) return hasCandidate ? 'candidate only' : 'no evidence';
  if (cueScore < askFrom) return 'under the model floor';
  return cueScore < 0.5 ? 'not promoted' : 'vetoed';
}

/** The reason a topic was shown that the labels do not have. */
export function wrongReason(
  cueScore: number | undefined,
  { vetoBelow }: MissThresholds,
): WrongReason {
  if (cueScore === undefined) return 'candidate';
  if (cueScore < 0.5) return 'promoted';
  return cueScore < vetoBelow ? 'cue over the bar' : 'strong cue';
}

const zeroes = () => Object.fromEntries(TOPIC_IDS.map((id) => [id, 0])) as Record<TopicId, number>;

export function missBreakdown(
  papers: readonly PaperEvidence[],
  thresholds: MissThresholds,
): MissBreakdown {
  const missed = Object.fromEntries(MISS_REASONS.map((r) => [r, zeroes()])) as Record<
    MissReason,
    Record<TopicId, number>
  >;
  const wrong = Object.fromEntries(WRONG_REASONS.map((r) => [r, zeroes()])) as Record<
    WrongReason,
    Record<TopicId, number>
  >;
  const ceiling = papers.map((paper) => {
    const shown = new Set(paper.shown);
    const gold = new Set(paper.gold);
    const hasEvidence = (id: TopicId) => paper.cueScores.has(id) || paper.candidates.has(id);
    for (const id of gold) {
      if (shown.has(id)) continue;
      const reason = missReason(paper.cueScores.get(id), paper.candidates.has(id), thresholds);
      missed[reason][id]++;
    }
    for (const id of shown) {
      if (!gold.has(id)) wrong[wrongReason(paper.cueScores.get(id), thresholds)][id]++;
    }
    // The classifier shows no topic without evidence, so this is every labelled topic with some.
    const predicted = TOPIC_IDS.filter((id) => gold.has(id) && hasEvidence(id));
    return { gold: paper.gold, predicted };
  });
  return { missed, wrong, evidenceCeiling: evaluateTopics(ceiling) };
}

/** The breakdown as lines of text: per reason its count, and its topics from the most. */
export function formatMissBreakdown(breakdown: MissBreakdown): string {
  const line = (reason: string, byTopic: Record<TopicId, number>) => {
    const total = TOPIC_IDS.reduce((sum, id) => sum + byTopic[id], 0);
    const topics = TOPIC_IDS.filter((id) => byTopic[id] > 0)
      .sort((a, b) => byTopic[b] - byTopic[a])
      .map((id) => `${id} ${byTopic[id]}`);
    return `    ${`${reason}:`.padEnd(24)}${String(total).padStart(4)}${topics.length ? `  (${topics.join(', ')})` : ''}`;
  };
  const { micro, noTopic } = breakdown.evidenceCeiling;
  const f = (x: number) => x.toFixed(3);
  return [
    '  topics missed, by the evidence the cues had for them',
    ...MISS_REASONS.map((r) => line(r, breakdown.missed[r])),
    '  wrong badges, by what showed them',
    ...WRONG_REASONS.map((r) => line(r, breakdown.wrong[r])),
    `  every topic with evidence decided right: micro-F1 ${f(micro.f1)} (precision ${f(micro.precision)}, recall ${f(micro.recall)}), "no topic" ${f(noTopic.precision)}`,
  ].join('\n');
}
