import { describe, expect, it } from 'vitest';
import {
  arxivUrls,
  canonicalArxivId,
  isBareArxivId,
  type ParsedArxivId,
  parseArxivId,
  parseCanonicalId,
} from '../../lib/paper-id';

describe('parseArxivId', () => {
  const accepted: [string, ParsedArxivId][] = [
    // New style, 5 digits (from 2015) and 4 digits (2007–2014).
    ['2406.12345', { arxivId: '2406.12345' }],
    ['2406.12345v3', { arxivId: '2406.12345', version: 3 }],
    ['0704.0001', { arxivId: '0704.0001' }],
    ['1412.9999v12', { arxivId: '1412.9999', version: 12 }],
    ['1501.00001', { arxivId: '1501.00001' }],
    // Old style, with and without subject class.
    ['hep-th/9901001', { arxivId: 'hep-th/9901001' }],
    ['hep-th/9901001v2', { arxivId: 'hep-th/9901001', version: 2 }],
    ['math.GT/0309136', { arxivId: 'math.GT/0309136' }],
    ['cond-mat/0102536v1', { arxivId: 'cond-mat/0102536', version: 1 }],
    // Citation prefix, any case, and surrounding whitespace.
    ['arXiv:2406.12345', { arxivId: '2406.12345' }],
    ['arxiv:2406.12345v2', { arxivId: '2406.12345', version: 2 }],
    ['ARXIV: hep-th/9901001', { arxivId: 'hep-th/9901001' }],
    ['  2406.12345\n', { arxivId: '2406.12345' }],
    // Paths and URLs of pages about one paper.
    ['/abs/2406.12345v2', { arxivId: '2406.12345', version: 2 }],
    ['/abs/hep-th/9901001', { arxivId: 'hep-th/9901001' }],
    ['/abs/math.GT/0309136v1', { arxivId: 'math.GT/0309136', version: 1 }],
    ['https://arxiv.org/abs/2406.12345', { arxivId: '2406.12345' }],
    ['https://arxiv.org/pdf/2406.12345v1', { arxivId: '2406.12345', version: 1 }],
    ['https://arxiv.org/pdf/2406.12345v1.pdf', { arxivId: '2406.12345', version: 1 }],
    ['http://export.arxiv.org/abs/0704.0001', { arxivId: '0704.0001' }],
    ['https://www.arxiv.org/html/2406.12345v2/', { arxivId: '2406.12345', version: 2 }],
    ['/papers/2406.12345', { arxivId: '2406.12345' }],
    ['https://huggingface.co/papers/2609.31620', { arxivId: '2609.31620' }],
    ['/papers/2609.31620#community', { arxivId: '2609.31620' }],
    ['https://arxiv.org/abs/2406.12345?context=cs', { arxivId: '2406.12345' }],
  ];
  it.each(accepted)('reads %j', (raw, expected) => {
    expect(parseArxivId(raw)).toEqual(expected);
  });

  const rejected: string[] = [
    '',
    '   ',
    'hello',
    '2406',
    '2406.123', // too short
    '2406.1234', // 4 digits after 2015
    '1412.12345', // 5 digits before 2015
    '0612.0001', // new style before April 2007
    '2413.12345', // month 13
    '2400.12345', // month 00
    '2406.123456',
    '2406.12345v', // version without number
    '2406.12345v0', // versions start at 1
    '2406.12345v1000', // beyond the message schema's cap
    'x2406.12345',
    '2406.12345 and more',
    'arXiv 2406.12345', // prefix needs its colon
    'HEP-TH/9901001', // archive is lowercase
    'math.gt/0309136', // subject class is uppercase
    'hep-th/990100', // 6 digits
    'hep-th/9913001', // month 13
    'abs/2406.12345', // relative path, no leading slash
    '/list/cs/new',
    '/papers/date/2026-09-28',
    '/papers/trending',
    '/abs/2406.12345/extra',
    'https://evil.example/abs/2406.12345',
    '//evil.example/abs/2406.12345',
    'javascript:alert(1)//2406.12345',
    'https://arxiv.org/list/2406.12345',
    `/abs/${'1'.repeat(5000)}`,
  ];
  it.each(rejected)('rejects %j', (raw) => {
    expect(parseArxivId(raw)).toBeUndefined();
  });

  it('rejects values that are not strings', () => {
    expect(parseArxivId(undefined as unknown as string)).toBeUndefined();
    expect(parseArxivId(2406.12345 as unknown as string)).toBeUndefined();
  });
});

describe('isBareArxivId', () => {
  it.each([
    ['2406.12345', true],
    ['hep-th/9901001', true],
    ['2406.12345v2', false],
    ['arxiv:2406.12345', false],
    ['/abs/2406.12345', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isBareArxivId(value)).toBe(expected);
  });
});

describe('canonicalArxivId', () => {
  it.each([
    ['2406.12345', 'arxiv:2406.12345'],
    ['2406.12345v3', 'arxiv:2406.12345'],
    ['arXiv:0704.0001', 'arxiv:0704.0001'],
    ['hep-th/9901001v2', 'arxiv:hep-th/9901001'],
    ['math.GT/0309136', 'arxiv:math.GT/0309136'],
  ])('%j → %j', (arxivId, expected) => {
    expect(canonicalArxivId(arxivId)).toBe(expected);
  });

  it.each(['', 'junk', 'https://arxiv.org/abs/2406.12345', '2406.1234'])(
    'throws on %j, so a bad id never becomes a key',
    (arxivId) => {
      expect(() => canonicalArxivId(arxivId)).toThrow(RangeError);
    },
  );
});

describe('parseCanonicalId', () => {
  it.each([
    ['arxiv:2406.12345', '2406.12345'],
    ['arxiv:hep-th/9901001', 'hep-th/9901001'],
    ['arxiv:math.GT/0309136', 'math.GT/0309136'],
  ])('%j → %j', (id, expected) => {
    expect(parseCanonicalId(id)).toBe(expected);
  });

  it.each([
    '2406.12345',
    'arXiv:2406.12345', // the canonical prefix is lowercase
    'arxiv:2406.12345v2', // canonical ids carry no version
    'arxiv:',
    'arxiv: 2406.12345',
    'arxiv:/abs/2406.12345',
    'doi:10.1000/xyz',
  ])('rejects %j', (id) => {
    expect(parseCanonicalId(id)).toBeUndefined();
  });

  it('round-trips with canonicalArxivId', () => {
    for (const raw of ['2406.12345v2', 'hep-th/9901001', '0704.0001']) {
      const id = canonicalArxivId(raw);
      expect(canonicalArxivId(parseCanonicalId(id) as string)).toBe(id);
    }
  });
});

describe('arxivUrls', () => {
  it('builds the pages of a new-style id', () => {
    expect(arxivUrls('2406.12345')).toEqual({
      abs: 'https://arxiv.org/abs/2406.12345',
      pdf: 'https://arxiv.org/pdf/2406.12345',
      huggingface: 'https://huggingface.co/papers/2406.12345',
    });
  });

  it('keeps the slash of an old-style id and drops a version', () => {
    expect(arxivUrls('hep-th/9901001v2')).toEqual({
      abs: 'https://arxiv.org/abs/hep-th/9901001',
      pdf: 'https://arxiv.org/pdf/hep-th/9901001',
      huggingface: 'https://huggingface.co/papers/hep-th/9901001',
    });
  });

  it('throws on a non-id', () => {
    expect(() => arxivUrls('../../etc/passwd')).toThrow(RangeError);
  });
});
