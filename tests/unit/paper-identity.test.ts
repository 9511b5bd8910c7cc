import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { landingUrl, parsePaperId } from '../../lib/paper-id';
import {
  canonicalIdOf,
  idFieldsProblem,
  idLabel,
  isPaperId,
  MAX_ALIASES,
  paperAliases,
  paperUrls,
  recordLinks,
  withIdField,
} from '../../lib/paper-identity';

describe('canonical ids of every scheme', () => {
  it.each([
    ['arxiv:2406.12345', 'https://arxiv.org/abs/2406.12345'],
    ['arxiv:hep-th/9901001', 'https://arxiv.org/abs/hep-th/9901001'],
    ['doi:10.1145/3442188.3445922', 'https://doi.org/10.1145/3442188.3445922'],
    ['doi:10.1002/(sici)1097-4571', 'https://doi.org/10.1002/(sici)1097-4571'],
    ['acl:2024.acl-long.1', 'https://aclanthology.org/2024.acl-long.1/'],
    ['acl:P19-1001', 'https://aclanthology.org/P19-1001/'],
    ['openreview:aBcD3fGh1j', 'https://openreview.net/forum?id=aBcD3fGh1j'],
    [
      'neurips:2023/0001ca33ba34ce0351e4612b744b3936-Conference',
      'https://proceedings.neurips.cc/paper_files/paper/2023/hash/0001ca33ba34ce0351e4612b744b3936-Abstract-Conference.html',
    ],
    [
      'neurips:2019/9015b7d1a1a0b0b4c5e6f7a8b9c0d1e2',
      'https://proceedings.neurips.cc/paper_files/paper/2019/hash/9015b7d1a1a0b0b4c5e6f7a8b9c0d1e2-Abstract.html',
    ],
    ['pmlr:v202/aamand23a', 'https://proceedings.mlr.press/v202/aamand23a.html'],
  ])('%s is canonical and lands on %s', (id, url) => {
    expect(isPaperId(id)).toBe(true);
    expect(landingUrl(id)).toBe(url);
  });

  it.each([
    'arxiv:2406.12345v2',
    'arxiv:2406.1234',
    'ARXIV:2406.12345',
    'doi:10.1145/ABC',
    'doi:10.1145/abc.',
    'doi:https://doi.org/10.1145/abc',
    'acl:2024.acl-long',
    'openreview:short',
    'openreview:a:b:c:d:e:f',
    'neurips:2023/xyz',
    'pmlr:202/aamand23a',
    'pmlr:v202/../../etc',
    'isbn:978-3-16-148410-0',
    `doi:10.1145/${'x'.repeat(400)}`,
    '',
  ])('%j is not', (id) => {
    expect(isPaperId(id)).toBe(false);
    expect(landingUrl(id)).toBeUndefined();
  });

  it('landing pages are https, on the scheme’s own site, for any id that parses', () => {
    const hosts: Record<string, string> = {
      arxiv: 'arxiv.org',
      doi: 'doi.org',
      acl: 'aclanthology.org',
      openreview: 'openreview.net',
      neurips: 'proceedings.neurips.cc',
      pmlr: 'proceedings.mlr.press',
    };
    fc.assert(
      fc.property(
        fc.constantFrom('arxiv', 'doi', 'acl', 'openreview', 'neurips', 'pmlr'),
        fc.string({ maxLength: 60 }),
        (scheme, value) => {
          const id = `${scheme}:${value}`;
          const url = landingUrl(id);
          if (url === undefined) return;
          const parsed = new URL(url);
          expect(parsed.protocol).toBe('https:');
          expect(parsed.hostname).toBe(hosts[parsePaperId(id)?.scheme ?? '']);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('id fields', () => {
  it('canonicalIdOf accepts valid values only', () => {
    expect(canonicalIdOf('doi', '10.1145/3442188.3445922')).toBe('doi:10.1145/3442188.3445922');
    expect(canonicalIdOf('doi', '10.1145/ABC')).toBeUndefined();
    expect(canonicalIdOf('arxiv', '2406.12345v1')).toBeUndefined();
    expect(canonicalIdOf('acl', 42)).toBeUndefined();
  });

  it('the id must agree with the field of its scheme', () => {
    expect(idFieldsProblem({ id: 'arxiv:2406.12345', arxivId: '2406.12345' })).toBeUndefined();
    expect(idFieldsProblem({ id: 'arxiv:2406.12345' })).toBeUndefined();
    expect(idFieldsProblem({ id: 'arxiv:2406.12345', arxivId: '2406.99999' })).toBe(
      'must be "arxiv:" followed by arxivId',
    );
    expect(
      idFieldsProblem({ id: 'doi:10.1145/xyz', doi: '10.1145/other', arxivId: '2406.12345' }),
    ).toBe('must be "doi:" followed by doi');
    // A record keyed by its DOI may know its arXiv id too.
    expect(
      idFieldsProblem({ id: 'doi:10.1145/xyz', doi: '10.1145/xyz', arxivId: '2406.12345' }),
    ).toBeUndefined();
    expect(idFieldsProblem({ id: 'pmlr:v202/aamand23a' })).toBeUndefined();
    expect(idFieldsProblem({ id: 'nope' })).toBe('is not a canonical paper id');
  });

  it('withIdField fills the field of the id’s scheme', () => {
    expect(withIdField({ id: 'doi:10.1145/xyz' })).toEqual({
      id: 'doi:10.1145/xyz',
      doi: '10.1145/xyz',
    });
    expect(withIdField({ id: 'acl:2024.acl-long.1' })).toEqual({
      id: 'acl:2024.acl-long.1',
      aclId: '2024.acl-long.1',
    });
    expect(withIdField({ id: 'pmlr:v202/aamand23a' })).toEqual({ id: 'pmlr:v202/aamand23a' });
  });
});

describe('paperAliases', () => {
  it('lists every valid id once, its own first, the rest sorted', () => {
    expect(
      paperAliases({
        id: 'doi:10.1145/xyz',
        doi: '10.1145/xyz',
        arxivId: '2406.12345',
        aclId: '2024.acl-long.1',
        openreviewId: 'aBcD3fGh1j',
        aliases: ['arxiv:2406.12345', 'doi:10.1145/old', 'not an id', 'doi:10.1145/xyz'],
      }),
    ).toEqual([
      'doi:10.1145/xyz',
      'acl:2024.acl-long.1',
      'arxiv:2406.12345',
      'doi:10.1145/old',
      'openreview:aBcD3fGh1j',
    ]);
    expect(paperAliases({ id: 'arxiv:2406.12345', arxivId: '2406.12345' })).toEqual([
      'arxiv:2406.12345',
    ]);
  });

  it('keeps at most MAX_ALIASES', () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `doi:10.1145/${i}`);
    expect(paperAliases({ id: 'doi:10.1145/xyz', aliases })).toHaveLength(MAX_ALIASES);
  });
});

describe('URLs and links from ids only', () => {
  it('arXiv papers keep the three URLs of schema v1; others have their landing page', () => {
    expect(paperUrls({ id: 'arxiv:2406.12345', arxivId: '2406.12345' })).toEqual({
      abs: 'https://arxiv.org/abs/2406.12345',
      pdf: 'https://arxiv.org/pdf/2406.12345',
      huggingface: 'https://huggingface.co/papers/2406.12345',
    });
    expect(paperUrls({ id: 'doi:10.1145/xyz', doi: '10.1145/xyz' })).toEqual({
      abs: 'https://doi.org/10.1145/xyz',
    });
    // A DOI-keyed record linked to an arXiv id: the arXiv pages (free to read, and a PDF).
    expect(
      paperUrls({ id: 'doi:10.1145/xyz', doi: '10.1145/xyz', arxivId: '2406.12345' }).pdf,
    ).toBe('https://arxiv.org/pdf/2406.12345');
  });

  it('recordLinks gives https links of the paper’s own sites, and none for hostile fields', () => {
    expect(
      recordLinks({ id: 'doi:10.1145/xyz', doi: '10.1145/xyz', arxivId: '2406.12345' }),
    ).toEqual({
      abs: 'https://arxiv.org/abs/2406.12345',
      pdf: 'https://arxiv.org/pdf/2406.12345',
      doi: 'https://doi.org/10.1145/xyz',
    });
    expect(recordLinks({ id: 'acl:2024.acl-long.1', aclId: '2024.acl-long.1' })).toEqual({
      abs: 'https://aclanthology.org/2024.acl-long.1/',
    });
    expect(
      recordLinks({
        id: 'javascript:alert(1)',
        arxivId: 'javascript:alert(1)',
        doi: 'javascript:alert(1)//10.1145/xyz',
      }),
    ).toEqual({});
    expect(recordLinks({ id: 'openreview:aBcD3fGh1j', doi: '<img src=x>' })).toEqual({
      abs: 'https://openreview.net/forum?id=aBcD3fGh1j',
    });
  });

  it('idLabel names each scheme', () => {
    expect(idLabel('arxiv:2406.12345')).toBe('arXiv:2406.12345');
    expect(idLabel('doi:10.1145/xyz')).toBe('DOI 10.1145/xyz');
    expect(idLabel('pmlr:v202/aamand23a')).toBe('PMLR v202/aamand23a');
  });
});
