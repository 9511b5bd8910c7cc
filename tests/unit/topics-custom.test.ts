import { describe, expect, it } from 'vitest';
import {
  type CustomTopicDef,
  compileCustomTopics,
  customTopicId,
  isCustomTopicId,
  matchCustomTopics,
  parsePhrases,
  slugify,
} from '../../lib/topics/custom';

const fairness: CustomTopicDef = {
  id: 'custom:fairness-audits',
  label: 'Fairness audits',
  color: '#0055aa',
  phrases: ['audit', 'algorithmic audit', 'fairness  audit'],
};
const medical: CustomTopicDef = {
  id: 'custom:medical',
  label: 'Medical',
  color: '#aa2200',
  phrases: ['clinical', 'EHR', 'C++ model', 'audit'],
};

describe('custom topic ids', () => {
  it.each([
    ['Fairness audits', 'fairness-audits'],
    ['  Élan vital!  ', 'elan-vital'],
    ['LLM-as-a-judge (v2)', 'llm-as-a-judge-v2'],
    ['a'.repeat(60), 'a'.repeat(40)],
    ['--x--', 'x'],
  ])('slugifies %j as %j', (label, slug) => {
    expect(slugify(label)).toBe(slug);
    expect(customTopicId(label)).toBe(`custom:${slug}`);
    expect(isCustomTopicId(customTopicId(label))).toBe(true);
  });

  it('gives names without Latin letters a stable, valid slug', () => {
    expect(slugify('偏见')).toBe(slugify('偏见'));
    expect(slugify('偏见')).not.toBe(slugify('偏差'));
    expect(isCustomTopicId(customTopicId('偏见'))).toBe(true);
  });

  it('tells custom ids from others', () => {
    expect(isCustomTopicId('social')).toBe(false);
    expect(isCustomTopicId('custom:')).toBe(false);
    expect(isCustomTopicId('custom:Upper')).toBe(false);
    expect(isCustomTopicId('custom:a--b')).toBe(false);
  });

  it('splits typed phrases on lines, commas and semicolons, without blanks or duplicates', () => {
    expect(parsePhrases('audit,  Algorithmic   audit\n\nAUDIT; clinical ,')).toEqual([
      'audit',
      'Algorithmic audit',
      'clinical',
    ]);
  });
});

describe('matchCustomTopics', () => {
  const compiled = compileCustomTopics([fairness, medical]);

  it('finds phrases case-insensitively, with the evidence as written in the paper', () => {
    const matches = matchCustomTopics(compiled, {
      title: 'An Algorithmic AUDIT of hiring tools',
      abstract: 'We run a fairness\n audit on clinical EHR data.',
    });
    expect(matches).toEqual([
      {
        id: 'custom:fairness-audits',
        // One spelling per phrase ("AUDIT" and "audit" are the same), whitespace collapsed.
        evidence: ['Algorithmic AUDIT', 'AUDIT', 'fairness audit'],
      },
      { id: 'custom:medical', evidence: ['AUDIT', 'clinical', 'EHR'] },
    ]);
  });

  it('matches on word boundaries only', () => {
    expect(
      matchCustomTopics(compiled, { title: 'Auditory scene analysis', abstract: 'preclinical' }),
    ).toEqual([]);
    expect(matchCustomTopics(compiled, { title: 'audit_log and audits' })).toEqual([]);
  });

  it('escapes regex characters in phrases', () => {
    expect(matchCustomTopics(compiled, { title: 'A C++ model of bias' })).toEqual([
      { id: 'custom:medical', evidence: ['C++ model'] },
    ]);
    expect(matchCustomTopics(compiled, { title: 'A Cxx model' })).toEqual([]);
  });

  it('finds overlapping phrases of different topics', () => {
    const a: CustomTopicDef = {
      id: 'custom:a',
      label: 'A',
      color: '#000000',
      phrases: ['gender bias'],
    };
    const b: CustomTopicDef = {
      id: 'custom:b',
      label: 'B',
      color: '#000000',
      phrases: ['bias in hiring'],
    };
    const result = matchCustomTopics(compileCustomTopics([a, b]), {
      title: 'Gender bias in hiring',
    });
    expect(result.map((m) => m.id)).toEqual(['custom:a', 'custom:b']);
  });

  it('returns topics in definition order, deterministically', () => {
    const input = { title: 'clinical audit' };
    const once = matchCustomTopics(compiled, input);
    expect(once.map((m) => m.id)).toEqual(['custom:fairness-audits', 'custom:medical']);
    expect(matchCustomTopics(compiled, input)).toEqual(once);
    const reversed = compileCustomTopics([medical, fairness]);
    expect(matchCustomTopics(reversed, input).map((m) => m.id)).toEqual([
      'custom:medical',
      'custom:fairness-audits',
    ]);
  });

  it('keeps at most six evidence phrases per topic', () => {
    const many: CustomTopicDef = {
      id: 'custom:many',
      label: 'Many',
      color: '#000000',
      phrases: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'],
    };
    const [match] = matchCustomTopics(compileCustomTopics([many]), {
      title: 'p1 p2 p3 p4 p5 p6 p7 p8',
    });
    expect(match?.evidence).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
  });

  it('costs nothing without phrases', () => {
    const empty = compileCustomTopics([{ ...fairness, phrases: ['  '] }]);
    expect(empty.re).toBeUndefined();
    expect(matchCustomTopics(empty, { title: 'audit' })).toEqual([]);
  });

  it('scans 2,000 cards with 20 topics quickly', () => {
    const topics = Array.from({ length: 20 }, (_, i) => ({
      id: `custom:t${i}`,
      label: `T${i}`,
      color: '#000000',
      phrases: Array.from({ length: 10 }, (_, j) => `phrase ${i} ${j}`),
    }));
    const many = compileCustomTopics(topics);
    const abstract = 'We study a model. '.repeat(80);
    const start = performance.now();
    for (let i = 0; i < 2000; i++) matchCustomTopics(many, { title: `Paper ${i}`, abstract });
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
