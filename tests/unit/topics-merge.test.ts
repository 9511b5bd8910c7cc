import { describe, expect, it } from 'vitest';
import {
  builtInTopicIds,
  isEmptyCorrection,
  mergeTopics,
  toggleCorrection,
} from '../../lib/topics/merge';
import type { TopicMatch } from '../../lib/topics/types';

const social: TopicMatch = { id: 'social', score: 0.9, evidence: ['gender bias'] };
const data: TopicMatch = { id: 'data', score: 0.7, evidence: ['label noise'] };
const custom = { id: 'custom:audits', evidence: ['audit'] };
const ids = (topics: { id: string }[]) => topics.map((topic) => topic.id);

describe('mergeTopics', () => {
  it.each([
    ['the classifier alone', {}, ['social', 'data']],
    ['a removed topic', { correction: { added: [], removed: ['social'] } }, ['data']],
    [
      'an added topic, in taxonomy order',
      { correction: { added: ['cultural'], removed: [] } },
      ['social', 'cultural', 'data'],
    ],
    ['a disabled topic', { disabled: new Set(['data']) }, ['social']],
    [
      'a disabled topic the user added (disabled wins)',
      { correction: { added: ['ranking'], removed: [] }, disabled: new Set(['ranking']) },
      ['social', 'data'],
    ],
    [
      'a custom topic after the built-in ones',
      { custom: [custom] },
      ['social', 'data', 'custom:audits'],
    ],
    [
      'a removed custom topic',
      { custom: [custom], correction: { added: [], removed: ['custom:audits'] } },
      ['social', 'data'],
    ],
    [
      'an added custom topic that exists',
      { customIds: ['custom:audits'], correction: { added: ['custom:audits'], removed: [] } },
      ['social', 'data', 'custom:audits'],
    ],
    [
      'an added custom topic that was deleted',
      { customIds: [], correction: { added: ['custom:gone'], removed: [] } },
      ['social', 'data'],
    ],
    ['everything removed', { correction: { added: [], removed: ['social', 'data'] } }, []],
  ] as const)('applies %s', (_name, extra, expected) => {
    expect(ids(mergeTopics({ classified: [data, social], ...extra }))).toEqual(expected);
  });

  it('keeps evidence and says where each topic comes from', () => {
    const topics = mergeTopics({
      classified: [social],
      custom: [custom],
      correction: { added: ['evaluation'], removed: [] },
    });
    expect(topics).toEqual([
      { id: 'social', evidence: ['gender bias'], source: 'classifier' },
      { id: 'evaluation', evidence: [], source: 'user' },
      { id: 'custom:audits', evidence: ['audit'], source: 'custom' },
    ]);
    // A topic the model inferred from words of its field stays marked as such.
    const inferred = mergeTopics({ classified: [{ ...social, inferred: true }] });
    expect(inferred).toEqual([
      { id: 'social', evidence: ['gender bias'], source: 'classifier', inferred: true },
    ]);
    expect(mergeTopics({ classified: [social] })[0]).not.toHaveProperty('inferred');
  });

  it('orders custom topics as configured and never repeats a topic', () => {
    const topics = mergeTopics({
      classified: [social],
      custom: [
        { id: 'custom:b', evidence: ['b'] },
        { id: 'custom:a', evidence: ['a'] },
      ],
      customIds: ['custom:a', 'custom:b'],
      correction: { added: ['social', 'custom:a'], removed: [] },
    });
    expect(ids(topics)).toEqual(['social', 'custom:a', 'custom:b']);
    expect(topics[0]?.source).toBe('classifier');
  });
});

describe('toggleCorrection', () => {
  it('records checks as added and unchecks as removed, sorted', () => {
    let correction = toggleCorrection(undefined, 'social', false);
    expect(correction).toEqual({ added: [], removed: ['social'] });
    correction = toggleCorrection(correction, 'data', true);
    correction = toggleCorrection(correction, 'cultural', true);
    expect(correction).toEqual({ added: ['cultural', 'data'], removed: ['social'] });
    correction = toggleCorrection(correction, 'social', true);
    expect(correction).toEqual({ added: ['cultural', 'data', 'social'], removed: [] });
    correction = toggleCorrection(correction, 'data', false);
    expect(correction).toEqual({ added: ['cultural', 'social'], removed: ['data'] });
  });

  it('wins over the classifier wherever the paper appears', () => {
    // Corrected on a page where the classifier saw only the title ...
    const correction = toggleCorrection(toggleCorrection(undefined, 'data', true), 'social', false);
    // ... and applied on a page where it also saw the abstract.
    const elsewhere = mergeTopics({ classified: [social, data], correction });
    expect(ids(elsewhere)).toEqual(['data']);
    expect(ids(mergeTopics({ classified: [], correction }))).toEqual(['data']);
  });

  it('tells empty corrections', () => {
    expect(isEmptyCorrection(undefined)).toBe(true);
    expect(isEmptyCorrection({ added: [], removed: [] })).toBe(true);
    expect(isEmptyCorrection({ added: ['data'], removed: [] })).toBe(false);
  });
});

describe('builtInTopicIds', () => {
  it('keeps built-in ids in taxonomy order, dropping custom ones', () => {
    expect(builtInTopicIds(['statistical', 'custom:x', 'social', 'nope'])).toEqual([
      'social',
      'statistical',
    ]);
  });
});
