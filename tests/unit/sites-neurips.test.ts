import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedPaper } from '../../lib/paper';
import { landingUrl, parsePaperId } from '../../lib/paper-id';
import { neuripsAdapter as adapter } from '../../lib/sites/neurips';
import { CardExtractionError } from '../../lib/sites/types';
import { EXAMPLE_URLS } from './site-examples';
import { parseHtml } from './sites-fixtures';

const LISTING_2023 = 'neurips-2023.html';
const LISTING_2019_OLDER = 'neurips-2019-older-layout.html';

const loadFixture = (name: string) =>
  parseHtml(readFileSync(resolve(import.meta.dirname, '../fixtures/neurips', name), 'utf8'));

function extractAll(doc: Document): ExtractedPaper[] {
  return adapter.findCards(doc).map((card) => adapter.extractPaper(card));
}

/** The key format: `neurips:<year>/<32 hex hash>[-<Track>]`. */
const KEY = /^neurips:(\d{4})\/([0-9a-f]{32})(?:-([A-Za-z][A-Za-z_]*))?$/;

/**
 * Every id the proceedings key, a canonical id of the `neurips` key scheme; unique; every url the
 * abstract page rebuilt from the key (`landingUrl`).
 */
function expectWellFormed(papers: ExtractedPaper[]): void {
  for (const paper of papers) {
    const key = KEY.exec(paper.id);
    expect(key).not.toBeNull();
    expect(parsePaperId(paper.id)).toEqual({ scheme: 'neurips', value: paper.id.slice(8) });
    expect(paper.url).toBe(landingUrl(paper.id));
    const [, year, hash, track] = key as RegExpExecArray;
    expect(paper.url).toBe(
      `https://proceedings.neurips.cc/paper_files/paper/${year}/hash/${hash}-Abstract${track ? `-${track}` : ''}.html`,
    );
    expect(paper.site).toBe('neurips');
    expect(paper.abstract).toBeUndefined();
    expect(paper.arxivId ?? paper.doi ?? paper.aclId ?? paper.openreviewId).toBeUndefined();
    expect(paper.title).not.toMatch(/\s{2}|^\s|\s$/);
  }
  expect(new Set(papers.map((paper) => paper.id)).size).toBe(papers.length);
}

describe('NeurIPS year listing (hand-made: neurips-2023.html)', () => {
  const doc = loadFixture(LISTING_2023);
  const papers = extractAll(doc);

  it('finds the 4 entries of both tracks, not the navigation or track filter', () => {
    expect(papers).toHaveLength(4);
    expectWellFormed(papers);
  });

  it('reads the first entry: key with its track, title, authors', () => {
    expect(papers[0]).toMatchObject({
      id: 'neurips:2023/ac662d74829e4407ce1d126477f4a03a-Conference',
      title: 'LIMA: Less Is More for Alignment',
      url: 'https://proceedings.neurips.cc/paper_files/paper/2023/hash/ac662d74829e4407ce1d126477f4a03a-Abstract-Conference.html',
    });
    expect(papers[0]?.authors).toHaveLength(15);
    expect(papers[0]?.authors.slice(0, 2)).toEqual(['Chunting Zhou', 'Pengfei Liu']);
    expect(papers[0]?.authors.at(-1)).toBe('Omer Levy');
    expect(papers[1]?.authors).toContain('Timothée Masquelier');
  });

  it('reads the last entry, in the Datasets and Benchmarks track', () => {
    expect(papers[3]).toMatchObject({
      id: 'neurips:2023/9b2e4d6f8a0c1e3f5a7b9c1d3e5f7a9b-Datasets_and_Benchmarks',
      title: 'A Benchmark of Annotation Artifacts in Vision-Language Datasets',
      authors: ['Robin Sample', 'Kim Illustration', 'Jo Fixture'],
    });
  });

  it('mounts after the title link, before the authors', () => {
    const card = adapter.findCards(doc)[0] as Element;
    const { anchor, position } = adapter.mountPoint(card);
    expect(anchor.getAttribute('title')).toBe('paper title');
    expect(position).toBe('after');
    expect(card.localName).toBe('li');
    expect(card.contains(anchor)).toBe(true);
  });
});

describe('NeurIPS older listing layout (hand-made: neurips-2019-older-layout.html)', () => {
  const papers = extractAll(loadFixture(LISTING_2019_OLDER));

  it('finds the 3 entries; keys have no track before 2022', () => {
    expect(papers).toHaveLength(3);
    expectWellFormed(papers);
    expect(papers.map((paper) => paper.id)).toEqual([
      'neurips:2019/bdbca288fee7f92f2bfa9f7012727740',
      'neurips:2019/dc6a7e655d7e5840e66733e9ee67cc69',
      'neurips:2019/5e1b18c4c6a6d31695acbae3fd70ecc6',
    ]);
  });

  it('reads authors from the <i> after the link, first and last entry', () => {
    expect(papers[0]).toMatchObject({
      title: 'PyTorch: An Imperative Style, High-Performance Deep Learning Library',
      url: 'https://proceedings.neurips.cc/paper_files/paper/2019/hash/bdbca288fee7f92f2bfa9f7012727740-Abstract.html',
    });
    expect(papers[0]?.authors).toHaveLength(21);
    expect(papers[0]?.authors[0]).toBe('Adam Paszke');
    expect(papers[2]).toMatchObject({
      title: 'Learning Fair Representations with Group Constraints',
      authors: ['Taylor Example', 'Casey Placeholder'],
    });
  });
});

describe('NeurIPS identity', () => {
  const item = (inner: string) =>
    parseHtml(`<ul><li>${inner}</li></ul>`).body.querySelector('li') as Element;

  it('reads the same key from every host and path form of the abstract link', () => {
    const hash = '0123456789abcdef0123456789abcdef';
    for (const href of [
      `/paper_files/paper/2021/hash/${hash}-Abstract.html`,
      `/paper/2021/hash/${hash}-Abstract.html`,
      `https://papers.nips.cc/paper_files/paper/2021/hash/${hash}-Abstract.html`,
      `https://proceedings.neurips.cc/paper/2021/hash/${hash}-Abstract.html`,
    ]) {
      expect(adapter.paperIdOf?.(item(`<a href="${href}">T</a>`))).toBe(`neurips:2021/${hash}`);
    }
  });

  it('ignores links that are not abstract pages', () => {
    for (const href of [
      '/paper_files/paper/2023/file/0123456789abcdef0123456789abcdef-Paper-Conference.pdf',
      '/paper_files/paper/2023/hash/0123-Abstract-Conference.html',
      'https://evil.example/paper_files/paper/2023/hash/0123456789abcdef0123456789abcdef-Abstract-Conference.html',
      '/paper_files/paper/2023',
    ]) {
      const card = item(`<a href="${href}">T</a>`);
      expect(adapter.findCards(card)).toEqual([]);
      expect(adapter.paperIdOf?.(card)).toBeUndefined();
    }
  });

  it('does not read italics inside the title as authors', () => {
    const card = item(
      '<a href="/paper/2019/hash/0123456789abcdef0123456789abcdef-Abstract.html">On <i>k</i>-means</a>',
    );
    expect(adapter.extractPaper(card)).toMatchObject({ title: 'On k-means', authors: [] });
  });

  it('gives the same id from paperIdOf as from extractPaper on every fixture entry', () => {
    for (const name of [LISTING_2023, LISTING_2019_OLDER]) {
      for (const card of adapter.findCards(loadFixture(name))) {
        expect(adapter.paperIdOf?.(card)).toBe(adapter.extractPaper(card).id);
      }
    }
  });
});

describe('NeurIPS broken entries', () => {
  it('skips an entry whose link is gone and extracts the others', () => {
    const doc = loadFixture(LISTING_2023);
    const broken = adapter.findCards(doc)[1] as Element;
    broken.querySelector('a')?.removeAttribute('href');
    expect(() => adapter.extractPaper(broken)).toThrow(CardExtractionError);
    expect(() => adapter.extractPaper(broken)).toThrow(
      expect.objectContaining({ adapterId: 'neurips', field: 'id' }),
    );
    const found = adapter.findCards(doc);
    expect(found).toHaveLength(3);
    expect(found).not.toContain(broken);
    expect(found.map((card) => adapter.extractPaper(card).id)).toHaveLength(3);
  });

  it('throws CardExtractionError for an entry with an empty title', () => {
    const doc = loadFixture(LISTING_2019_OLDER);
    const card = adapter.findCards(doc)[0] as Element;
    (card.querySelector('a') as Element).textContent = ' ';
    expect(() => adapter.extractPaper(card)).toThrow(
      expect.objectContaining({ name: 'CardExtractionError', field: 'title' }),
    );
  });

  it('never throws from findCards; an entry root finds itself', () => {
    expect(adapter.findCards(parseHtml(''))).toEqual([]);
    expect(adapter.findCards(parseHtml('<ul><li><a>x</a></li><li></li></ul>'))).toEqual([]);
    const card = adapter.findCards(loadFixture(LISTING_2023))[2] as Element;
    expect(adapter.findCards(card)).toEqual([card]);
  });

  it('reads no authors when asked not to', () => {
    const card = adapter.findCards(loadFixture(LISTING_2023))[0] as Element;
    expect(adapter.extractPaper(card, undefined, { authors: false }).authors).toEqual([]);
  });
});

describe('NeurIPS text handling', () => {
  it('returns hostile markup in the text as plain text', () => {
    const doc = parseHtml(
      '<ul class="paper-list"><li data-track="conference"><div class="paper-content"><a title="paper title" href="/paper_files/paper/2023/hash/0123456789abcdef0123456789abcdef-Abstract-Conference.html">&lt;img src=x onerror=alert(1)&gt;</a><span class="paper-authors">&lt;script&gt;x&lt;/script&gt;, B</span></div></li></ul>',
    );
    const paper = adapter.extractPaper(adapter.findCards(doc)[0] as Element);
    expect(paper.title).toBe('<img src=x onerror=alert(1)>');
    expect(paper.authors).toEqual(['<script>x</script>', 'B']);
    expect(doc.querySelector('img, script')).toBeNull();
  });
});

describe('NeurIPS URLs', () => {
  it.each(EXAMPLE_URLS.neurips)('matches its example %s', (url) => {
    expect(adapter.matches(new URL(url))).toBe(true);
  });

  it.each([
    'https://proceedings.neurips.cc/',
    'https://proceedings.neurips.cc/paper_files/paper',
    'https://proceedings.neurips.cc/paper_files/paper/2023/hash/ac662d74829e4407ce1d126477f4a03a-Abstract-Conference.html',
    'https://proceedings.neurips.cc/paper_files/paper/2023/file/ac662d74829e4407ce1d126477f4a03a-Paper-Conference.pdf',
    'https://proceedings.neurips.cc/papers/search?q=bias',
    'https://neurips.cc/virtual/2023/papers.html',
    'http://proceedings.neurips.cc/paper_files/paper/2023',
    'https://proceedings.neurips.cc.evil.example/paper_files/paper/2023',
  ])('does not match %s', (url) => {
    expect(adapter.matches(new URL(url))).toBe(false);
  });
});

describe('NeurIPS performance', () => {
  it('handles a 4,000-entry year listing in linear time', () => {
    const items = Array.from({ length: 4000 }, (_, index) => {
      const hash = index.toString(16).padStart(32, '0');
      return `<li class="conference" data-track="conference"><div class="paper-content"><a title="paper title" href="/paper_files/paper/2024/hash/${hash}-Abstract-Conference.html">Paper ${index}</a><span class="paper-authors">A ${index}, B ${index}</span></div><span class="paper-track-badge">Main Conference Track</span></li>`;
    });
    const doc = parseHtml(`<ul class="paper-list">${items.join('')}</ul>`);
    const started = performance.now();
    const papers = extractAll(doc);
    const elapsed = performance.now() - started;
    expect(papers).toHaveLength(4000);
    expect(papers[3999]).toMatchObject({ title: 'Paper 3999', authors: ['A 3999', 'B 3999'] });
    // Generous bound for slow CI; a quadratic scan takes far longer.
    expect(elapsed).toBeLessThan(5000);
  });
});
