import { describe, expect, it } from 'vitest';
import { evaluateTopics, formatReport, prf } from '../../lib/topics/metrics';

describe('prf', () => {
  it.each([
    [3, 1, 2, { precision: 0.75, recall: 0.6, f1: 6 / 9 }],
    [0, 0, 0, { precision: 1, recall: 1, f1: 1 }],
    [0, 2, 0, { precision: 0, recall: 1, f1: 0 }],
    [0, 0, 4, { precision: 1, recall: 0, f1: 0 }],
  ])('tp=%i fp=%i fn=%i', (tp, fp, fn, expected) => {
    const s = prf(tp, fp, fn);
    expect(s.precision).toBeCloseTo(expected.precision);
    expect(s.recall).toBeCloseTo(expected.recall);
    expect(s.f1).toBeCloseTo(expected.f1);
    expect(s.support).toBe(tp + fn);
  });
});

describe('evaluateTopics', () => {
  const report = evaluateTopics([
    { gold: ['social'], predicted: ['social'] },
    { gold: ['social', 'cultural'], predicted: ['social'] },
    { gold: [], predicted: ['data'] },
    { gold: [], predicted: [] },
    { gold: ['data'], predicted: [] },
  ]);

  it('counts per topic', () => {
    expect(report.perTopic.social).toMatchObject({ tp: 2, fp: 0, fn: 0, support: 2, f1: 1 });
    expect(report.perTopic.cultural).toMatchObject({ tp: 0, fp: 0, fn: 1, recall: 0 });
    expect(report.perTopic.data).toMatchObject({ tp: 0, fp: 1, fn: 1, f1: 0 });
    expect(report.perTopic.ranking).toMatchObject({ tp: 0, fp: 0, fn: 0, support: 0 });
  });

  it('pools counts for micro scores', () => {
    expect(report.micro).toMatchObject({ tp: 2, fp: 1, fn: 2 });
    expect(report.micro.f1).toBeCloseTo(4 / 7);
    expect(report.macroF1).toBeCloseTo((1 + 0 + 0) / 3);
  });

  it('measures exact matches and the precision of "no topic"', () => {
    expect(report.exactMatch).toBe(2);
    expect(report.noTopic).toEqual({ predicted: 2, correct: 1, precision: 0.5 });
  });

  it('treats an empty set of "no topic" answers as precision 1', () => {
    expect(evaluateTopics([{ gold: ['data'], predicted: ['data'] }]).noTopic.precision).toBe(1);
  });

  it('formats a table with every topic and the summary lines', () => {
    const text = formatReport(report, 'demo');
    for (const word of ['demo', 'social', 'statistical', 'micro', 'macro-F1', 'no topic']) {
      expect(text).toContain(word);
    }
  });
});
