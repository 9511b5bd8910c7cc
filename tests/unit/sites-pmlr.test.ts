import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedPaper } from '../../lib/paper';
import { landingUrl, parsePaperId } from '../../lib/paper-id';
import { pmlrAdapter as adapter } from '../../lib/sites/pmlr';
import { CardExtractionError } from '../../lib/sites/types';
import { EXAMPLE_URLS } from './site-examples';
import { parseHtml } from './sites-fixtures';

const VOLUME_202 = 'pmlr-v202.html';

const loadFixture = (name: string) =>
  parseHtml(readFileSync(resolve(import.meta.dirname, '../fixtures/pmlr', name), 'utf8'));

function extractAll(doc: Document): ExtractedPaper[] {
  return adapter.findCards(doc).map((card) => adapter.extractPaper(card));
}

describe('PMLR volume page (hand-made: pmlr-v202.html)', () => {
  const doc = loadFixture(VOLUME_202);
  const papers = extractAll(doc);

  it('finds the 5 papers', () => {
    expect(papers).toHaveLength(5);
    expect(new Set(papers.map((paper) => paper.id)).size).toBe(5);
    for (const paper of papers) {
      expect(paper.site).toBe('pmlr');
      expect(paper.abstract).toBeUndefined();
      expect(paper.title).not.toMatch(/\s{2}|^\s|\s$/);
      expect(parsePaperId(paper.id)).toBeDefined();
      expect(paper.url).toBe(landingUrl(paper.id));
    }
  });

  it('keys a paper that shows no arXiv, DOI or OpenReview id by its PMLR key', () => {
    expect(papers[0]).toMatchObject({
      id: 'pmlr:v202/aamand23a',
      title: 'Data Structures for Density Estimation',
      authors: [
        'Anders Aamand',
        'Alexandr Andoni',
        'Justin Y. Chen',
        'Piotr Indyk',
        'Shyam Narayanan',
        'Sandeep Silwal',
      ],
      url: 'https://proceedings.mlr.press/v202/aamand23a.html',
    });
    expect(parsePaperId(papers[0]?.id ?? '')).toEqual({ scheme: 'pmlr', value: 'v202/aamand23a' });
    expect(papers[0]?.openreviewId ?? papers[0]?.arxivId ?? papers[0]?.doi).toBeUndefined();
  });

  it('makes a paper whose links show its OpenReview forum an openreview: record', () => {
    expect(papers[2]).toMatchObject({
      id: 'openreview:3dqwXb1te4',
      openreviewId: '3dqwXb1te4',
      title: 'Generalization on the Unseen, Logic Reasoning and Degree Curriculum',
      authors: ['Emmanuel Abbe', 'Samy Bengio', 'Aryo Lotfi', 'Kevin Rizk'],
      url: 'https://openreview.net/forum?id=3dqwXb1te4',
    });
    expect(parsePaperId(papers[2]?.id ?? '')).toEqual({
      scheme: 'openreview',
      value: '3dqwXb1te4',
    });
  });

  it('reads the last paper, splitting the &nbsp;-joined author list', () => {
    expect(papers[4]).toMatchObject({
      id: 'pmlr:v202/abels23a',
      title: 'Expertise Trees Resolve Knowledge Limitations in Collective Decision-Making',
      authors: ['Axel Abels', 'Tom Lenaerts', 'Vito Trianni', 'Ann Nowe'],
      url: 'https://proceedings.mlr.press/v202/abels23a.html',
    });
  });

  it('mounts after the title paragraph, inside the paper', () => {
    const card = adapter.findCards(doc)[0] as Element;
    const { anchor, position } = adapter.mountPoint(card);
    expect(anchor.matches('p.title')).toBe(true);
    expect(position).toBe('after');
    expect(card.contains(anchor)).toBe(true);
  });
});

describe('PMLR identity', () => {
  const paper = (links: string, title = 'T') =>
    parseHtml(
      `<div class="paper"><p class="title">${title}</p><p class="details"><span class="authors">A B,&nbsp;C D</span></p><p class="links">${links}</p></div>`,
    ).body.firstElementChild as Element;
  const abs = '[<a href="https://proceedings.mlr.press/v235/smith24b.html">abs</a>]';

  it('prefers arXiv, then DOI, then OpenReview over the PMLR key', () => {
    const all = paper(
      `${abs}[<a href="https://openreview.net/forum?id=AbCdEf1234">OpenReview</a>][<a href="https://doi.org/10.5555/ABC.1">doi</a>][<a href="https://arxiv.org/abs/2402.01234v3">arXiv</a>]`,
    );
    expect(adapter.extractPaper(all)).toMatchObject({
      id: 'arxiv:2402.01234',
      arxivId: '2402.01234',
      doi: '10.5555/abc.1',
      openreviewId: 'AbCdEf1234',
      url: 'https://arxiv.org/abs/2402.01234',
      authors: ['A B', 'C D'],
    });
    const doi = paper(`${abs}[<a href="https://doi.org/10.5555/ABC.1">doi</a>]`);
    expect(adapter.paperIdOf?.(doi)).toBe('doi:10.5555/abc.1');
    expect(adapter.extractPaper(doi).url).toBe('https://doi.org/10.5555/abc.1');
  });

  it('reads the key from the PDF link when the abs link is missing, relative links too', () => {
    expect(
      adapter.paperIdOf?.(paper('[<a href="/v235/smith24b/smith24b.pdf">Download PDF</a>]')),
    ).toBe('pmlr:v235/smith24b');
    expect(adapter.paperIdOf?.(paper(abs))).toBe('pmlr:v235/smith24b');
  });

  it('ignores supplementary files and other hosts', () => {
    for (const links of [
      '[<a href="https://proceedings.mlr.press/v235/smith24b/smith24b-supp.pdf">Supplementary PDF</a>]',
      '[<a href="https://evil.example/v235/smith24b.html">abs</a>]',
      '[<a href="https://github.com/smith/code.html">Software</a>]',
    ]) {
      const card = paper(links);
      expect(adapter.findCards(card)).toEqual([]);
      expect(adapter.paperIdOf?.(card)).toBeUndefined();
    }
  });

  it('gives the same id from paperIdOf as from extractPaper on every fixture paper', () => {
    for (const card of adapter.findCards(loadFixture(VOLUME_202))) {
      expect(adapter.paperIdOf?.(card)).toBe(adapter.extractPaper(card).id);
    }
  });
});

describe('PMLR broken papers', () => {
  it('skips a paper without abs and PDF links and extracts the others', () => {
    const doc = loadFixture(VOLUME_202);
    const broken = adapter.findCards(doc)[3] as Element;
    broken.querySelector('p.links')?.remove();
    expect(() => adapter.extractPaper(broken)).toThrow(CardExtractionError);
    expect(() => adapter.extractPaper(broken)).toThrow(
      expect.objectContaining({ adapterId: 'pmlr', field: 'id' }),
    );
    const found = adapter.findCards(doc);
    expect(found).toHaveLength(4);
    expect(found).not.toContain(broken);
    expect(found.map((card) => adapter.extractPaper(card).id)).toHaveLength(4);
  });

  it('throws CardExtractionError for a paper without a title', () => {
    const doc = loadFixture(VOLUME_202);
    const card = adapter.findCards(doc)[1] as Element;
    card.querySelector('p.title')?.remove();
    expect(() => adapter.extractPaper(card)).toThrow(
      expect.objectContaining({ name: 'CardExtractionError', field: 'title', selector: 'p.title' }),
    );
    expect(adapter.mountPoint(card)).toEqual({ anchor: card, position: 'prepend' });
  });

  it('never throws from findCards; a paper root finds itself', () => {
    expect(adapter.findCards(parseHtml(''))).toEqual([]);
    expect(adapter.findCards(parseHtml('<div class="paper"><a href="x">y</a></div>'))).toEqual([]);
    const card = adapter.findCards(loadFixture(VOLUME_202))[1] as Element;
    expect(adapter.findCards(card)).toEqual([card]);
  });

  it('reads no authors when asked not to', () => {
    const card = adapter.findCards(loadFixture(VOLUME_202))[0] as Element;
    expect(adapter.extractPaper(card, undefined, { authors: false }).authors).toEqual([]);
  });
});

describe('PMLR text handling', () => {
  it('returns hostile markup in the text as plain text', () => {
    const doc = parseHtml(
      '<div class="paper"><p class="title">&lt;img src=x onerror=alert(1)&gt;</p><span class="authors">&lt;script&gt;x&lt;/script&gt;,&nbsp;B</span><p class="links"><a href="https://proceedings.mlr.press/v1/x09a.html">abs</a></p></div>',
    );
    const paper = adapter.extractPaper(adapter.findCards(doc)[0] as Element);
    expect(paper.title).toBe('<img src=x onerror=alert(1)>');
    expect(paper.authors).toEqual(['<script>x</script>', 'B']);
    expect(doc.querySelector('img, script')).toBeNull();
  });
});

describe('PMLR URLs', () => {
  it.each(EXAMPLE_URLS.pmlr)('matches its example %s', (url) => {
    expect(adapter.matches(new URL(url))).toBe(true);
  });

  it.each([
    'https://proceedings.mlr.press/',
    'https://proceedings.mlr.press/v202/aamand23a.html',
    'https://proceedings.mlr.press/v202/aamand23a/aamand23a.pdf',
    'https://proceedings.mlr.press/faq.html',
    'https://proceedings.mlr.press/spotlight.html',
    'http://proceedings.mlr.press/v202/',
    'https://mlr.press/v202/',
    'https://proceedings.mlr.press.evil.example/v202/',
  ])('does not match %s', (url) => {
    expect(adapter.matches(new URL(url))).toBe(false);
  });
});
