import { describe, expect, it } from 'vitest';
import type { TopicId } from '../../lib/paper';
import { classify } from '../../lib/topics/classify';
import {
  formatMissBreakdown,
  missBreakdown,
  missReason,
  type PaperEvidence,
  paperEvidence,
  wrongReason,
} from '../../lib/topics/misses';
import { shippedTopicModel } from '../../lib/topics/shipped-model';

const thresholds = { askFrom: 0.35, vetoBelow: 0.8 };

describe('missReason and wrongReason', () => {
  it.each([
    [undefined, false, 'no evidence'],
    [undefined, true, 'candidate only'],
    [0.2, true, 'under the model floor'],
    [0.35, false, 'not promoted'],
    [0.49, false, 'not promoted'],
    [0.5, false, 'vetoed'],
  ] as const)('a missed topic with cue score %s (candidate: %s) is "%s"', (score, cand, reason) => {
    expect(missReason(score, cand, thresholds)).toBe(reason);
  });

  it.each([
    [undefined, 'candidate'],
    [0.4, 'promoted'],
    [0.5, 'cue over the bar'],
    [0.79, 'cue over the bar'],
    [0.8, 'strong cue'],
  ] as const)('a wrong badge with cue score %s is "%s"', (score, reason) => {
    expect(wrongReason(score, thresholds)).toBe(reason);
  });
});

describe('missBreakdown', () => {
  const paper = (
    gold: TopicId[],
    shown: TopicId[],
    cues: [TopicId, number][],
    candidates: TopicId[] = [],
  ): PaperEvidence => ({ gold, shown, cueScores: new Map(cues), candidates: new Set(candidates) });

  const breakdown = missBreakdown(
    [
      // Right: nothing to count.
      paper(['social'], ['social'], [['social', 0.9]]),
      // Evaluation missed with no evidence; data shown on a moderate cue, wrongly.
      paper(['evaluation'], ['data'], [['data', 0.6]]),
      // Evaluation named only by a candidate; cognitive under the bar and not promoted.
      paper(['evaluation', 'cognitive'], [], [['cognitive', 0.4]], ['evaluation']),
      // No topic, but one promoted from under the bar.
      paper([], ['inductive'], [['inductive', 0.45]]),
    ],
    thresholds,
  );

  it('counts each missed topic under its reason and topic', () => {
    expect(breakdown.missed['no evidence'].evaluation).toBe(1);
    expect(breakdown.missed['candidate only'].evaluation).toBe(1);
    expect(breakdown.missed['not promoted'].cognitive).toBe(1);
    expect(breakdown.missed.vetoed.social).toBe(0);
  });

  it('counts each wrong badge under what showed it', () => {
    expect(breakdown.wrong['cue over the bar'].data).toBe(1);
    expect(breakdown.wrong.promoted.inductive).toBe(1);
    expect(breakdown.wrong['strong cue'].social).toBe(0);
  });

  it('scores the ceiling of a perfect judge of the evidence', () => {
    // Social, candidate-named evaluation and cognitive are found; the evaluation with no
    // evidence is not, and nothing wrong is shown.
    expect(breakdown.evidenceCeiling.micro).toMatchObject({ tp: 3, fp: 0, fn: 1 });
    // Papers 2 and 4 are left with no topic; only paper 4 truly has none.
    expect(breakdown.evidenceCeiling.noTopic).toMatchObject({ predicted: 2, correct: 1 });
  });

  it('formats counts with their topics, the largest first', () => {
    const text = formatMissBreakdown(breakdown);
    expect(text).toMatch(/no evidence:\s+1 {2}\(evaluation 1\)/);
    expect(text).toMatch(/under the model floor:\s+0\n/);
    expect(text).toContain('micro-F1 0.857 (precision 1.000, recall 0.750)');
  });

  it('reads the real classifier: a bias parameter is no evidence, a gender bias is', () => {
    const evidenceOf = (title: string, abstract: string, topics: TopicId[]): PaperEvidence => {
      const paper = { title, abstract, topics };
      return paperEvidence(
        paper,
        classify(paper).map((t) => t.id),
        undefined,
      );
    };
    const real = missBreakdown(
      [
        evidenceOf(
          'Pruning weights and biases of small networks',
          'We prune the weights and biases of convolutional networks.',
          ['evaluation'],
        ),
        evidenceOf(
          'Measuring gender bias in machine translation',
          'We measure gender bias in the output of machine translation systems.',
          ['social'],
        ),
      ],
      thresholds,
    );
    expect(real.missed['no evidence'].evaluation).toBe(1);
    expect(real.missed['no evidence'].social).toBe(0);
    expect(real.evidenceCeiling.micro).toMatchObject({ tp: 1, fn: 1 });
  });

  it("takes candidate phrases from the model's list, and none without a model", () => {
    const model = shippedTopicModel();
    const paper = {
      title: 'When LLM Judges Disagree',
      abstract: 'We compare how LLM judges and human raters score the same answers.',
      topics: ['evaluation' as const],
    };
    expect(paperEvidence(paper, [], model).candidates.has('evaluation')).toBe(true);
    expect(paperEvidence(paper, [], undefined).candidates.size).toBe(0);
    const missed = missBreakdown([paperEvidence(paper, [], model)], model).missed;
    expect(missed['candidate only'].evaluation).toBe(1);
  });
});
