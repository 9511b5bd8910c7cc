import { describe, expect, it } from 'vitest';
import {
  countFilterParts,
  EMPTY_FILTER,
  filterPapers,
  isFilterActive,
  SearchIndex,
  sortPapers,
} from '../../lib/notebook/filter';
import {
  applyTagChanges,
  canonicalTag,
  countTags,
  normalizeTag,
  renameTagIn,
  tagProblem,
} from '../../lib/notebook/tags';
import { formatAgo, localDate } from '../../lib/notebook/time';
import { makeRecord } from './notebook-helpers';

const day = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();

const records = [
  makeRecord(1, {
    title: 'Gender Bias in Language Models',
    authors: ['Jane Doe'],
    abstract: 'We measure stereotypes.',
    topics: ['social'],
    tags: ['to-read'],
    source: 'arxiv',
    savedAt: day(2025, 1, 10),
    updatedAt: day(2025, 3, 1),
  }),
  makeRecord(2, {
    title: 'Fair Ranking',
    authors: ['John Roe'],
    note: 'Compare with the GENDER paper',
    topics: ['ranking', 'evaluation'],
    tags: ['Exposure', 'To-Read'],
    source: 'huggingface',
    savedAt: day(2025, 2, 1),
    updatedAt: day(2025, 2, 1),
  }),
  makeRecord(3, {
    title: 'vision transformers',
    authors: ['Jane Roe'],
    topics: [],
    tags: [],
    source: 'arxiv',
    savedAt: day(2025, 2, 20),
    updatedAt: day(2025, 2, 25),
  }),
];
const ids = (list: { id: string }[]) => list.map((record) => Number(record.id.slice(-5)));

describe('filterPapers', () => {
  it.each([
    [{}, [1, 2, 3]],
    [{ query: 'gender' }, [1, 2]],
    [{ query: 'GENDER bias' }, [1]],
    [{ query: 'stereotypes' }, [1]],
    [{ query: 'exposure' }, [2]],
    [{ query: '2406.00003' }, [3]],
    [{ topic: 'ranking' }, [2]],
    [{ tag: 'to-read' }, [1, 2]],
    [{ tag: 'exposure' }, [2]],
    [{ site: 'huggingface' }, [2]],
    [{ savedFrom: '2025-02-01' }, [2, 3]],
    [{ savedTo: '2025-02-01' }, [1, 2]],
    [{ savedFrom: '2025-02-02', savedTo: '2025-02-20' }, [3]],
    [{ query: 'jane', site: 'arxiv', tag: 'to-read' }, [1]],
    [{ savedFrom: 'garbage' }, [1, 2, 3]],
  ] as const)('%j → %j', (parts, expected) => {
    expect(ids(filterPapers(records, { ...EMPTY_FILTER, ...parts }))).toEqual(expected);
  });

  it('reuses the search text of unchanged records, and recomputes a changed one', () => {
    const index = new SearchIndex();
    expect(ids(filterPapers(records, { ...EMPTY_FILTER, query: 'quantum' }, index))).toEqual([]);
    const edited = { ...records[2], note: 'quantum', updatedAt: 1 } as (typeof records)[number];
    expect(
      ids(
        filterPapers(
          [records[0], records[1], edited] as typeof records,
          { ...EMPTY_FILTER, query: 'quantum' },
          index,
        ),
      ),
    ).toEqual([3]);
  });

  it('knows when a filter is active and counts its parts', () => {
    expect(isFilterActive(EMPTY_FILTER)).toBe(false);
    expect(isFilterActive({ ...EMPTY_FILTER, query: '  ' })).toBe(false);
    expect(isFilterActive({ ...EMPTY_FILTER, tag: 'x' })).toBe(true);
    expect(countFilterParts({ ...EMPTY_FILTER, query: 'q', tag: 'x', savedTo: '2025-01-01' })).toBe(
      2,
    );
  });
});

describe('sortPapers', () => {
  it.each([
    ['saved-desc', [3, 2, 1]],
    ['saved-asc', [1, 2, 3]],
    ['edited-desc', [1, 3, 2]],
    ['title-asc', [2, 1, 3]],
  ] as const)('%s', (order, expected) => {
    expect(ids(sortPapers(records, order))).toEqual(expected);
  });
});

describe('tags', () => {
  it.each([
    ['  to   read ', 'to read'],
    ['tab\tand\nnewline', 'tab and newline'],
    ['zero\u200bwidth', 'zero width'],
    ['bidi\u202eover', 'bidi over'],
    ['', ''],
  ])('normalizeTag(%j) → %j', (raw, expected) => {
    expect(normalizeTag(raw)).toBe(expected);
  });

  it('checks length', () => {
    expect(tagProblem('')).toBe('must not be empty');
    expect(tagProblem('x'.repeat(51))).toBe('must be at most 50 characters');
    expect(tagProblem('ok')).toBeUndefined();
  });

  it('adds and removes ignoring case, keeping the first spelling', () => {
    expect(applyTagChanges(['LLM', 'b'], ['llm', ' c '], ['B'])).toEqual(['LLM', 'c']);
    expect(applyTagChanges(['a'], ['a'], ['a'])).toEqual(['a']);
  });

  it('renames and merges', () => {
    expect(renameTagIn(['ml', 'x', 'Machine Learning'], 'ML', 'machine learning')).toEqual([
      'machine learning',
      'x',
    ]);
  });

  it('counts tags ignoring case, most used first', () => {
    expect(countTags([['a', 'B'], ['b'], ['c', 'A'], ['b']])).toEqual([
      { tag: 'B', count: 3 },
      { tag: 'a', count: 2 },
      { tag: 'c', count: 1 },
    ]);
  });

  it('reuses the spelling already in use', () => {
    expect(canonicalTag(' llm ', ['LLM', 'other'])).toBe('LLM');
    expect(canonicalTag('new', ['LLM'])).toBe('new');
  });
});

describe('time', () => {
  const now = day(2025, 11, 26, 12);
  it.each([
    [now - 10_000, 'just now'],
    [now + 60_000, 'just now'],
    [now - 5 * 60_000, '5 minutes ago'],
    [now - 3 * 3_600_000, '3 hours ago'],
    [now - 26 * 3_600_000, 'yesterday'],
    [now - 4 * 86_400_000, '4 days ago'],
    [day(2025, 11, 1), '1 Nov 2025'],
  ])('formatAgo(%i) → %j', (time, expected) => {
    expect(formatAgo(time, now)).toBe(expected);
  });

  it('gives the local calendar date', () => {
    expect(localDate(day(2025, 1, 5, 0))).toBe('2025-01-05');
  });
});
