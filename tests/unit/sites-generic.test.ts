import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedPaper } from '../../lib/paper';
import { landingUrl } from '../../lib/paper-id';
import { isPaperId } from '../../lib/paper-identity';
import {
  createGenericAdapter,
  genericAdapter,
  isTitleLike,
  MIN_GROUP,
  paperIdsOfLink,
} from '../../lib/sites/generic';
import { parseHtml } from './sites-fixtures';

/** A hand-made page of tests/fixtures/generic/. */
function page(name: string): Document {
  return parseHtml(readFileSync(resolve(import.meta.dirname, '../fixtures/generic', name), 'utf8'));
}

const adapter = createGenericAdapter(['https://www.cs.example.edu']);

function papersOf(doc: Document): ExtractedPaper[] {
  return adapter.findCards(doc).map((card) => adapter.extractPaper(card));
}

describe('generic mode on a publication list (hand-made)', () => {
  const doc = page('publications.html');

  it('finds one card per paper, in both years, and nothing in the nav or footer', () => {
    const papers = papersOf(doc);
    expect(papers.map((paper) => paper.id)).toEqual([
      'arxiv:2406.12345',
      'doi:10.1038/s42256-024-00001-2',
      'arxiv:2405.54321',
      'doi:10.1145/3610000.3610001',
      // arXiv's own DOI is the arXiv id.
      'arxiv:2301.00042',
    ]);
    for (const card of adapter.findCards(doc)) {
      expect(card.closest('nav, header, footer')).toBeNull();
      expect(card.localName).toBe('li');
    }
  });

  it('reads the title from the bold text and keeps the DOI of an arXiv paper', () => {
    const [first, second] = papersOf(doc);
    expect(first).toEqual({
      id: 'arxiv:2406.12345',
      arxivId: '2406.12345',
      // The PDF link showed v2.
      version: 2,
      doi: '10.18653/v1/2024.acl-long.1',
      title: 'Measuring Social Bias in Large Language Models with Counterfactual Prompts',
      authors: [],
      url: 'https://arxiv.org/abs/2406.12345',
      site: 'generic',
    } satisfies ExtractedPaper);
    expect(second).toMatchObject({
      id: 'doi:10.1038/s42256-024-00001-2',
      doi: '10.1038/s42256-024-00001-2',
      title: 'Dataset Bias in Medical Imaging: A Survey',
      url: 'https://doi.org/10.1038/s42256-024-00001-2',
    });
    expect(second?.arxivId).toBeUndefined();
    for (const paper of papersOf(doc)) {
      expect(isPaperId(paper.id)).toBe(true);
      expect(paper.url).toBe(landingUrl(paper.id));
    }
  });

  it('mounts after the title, never inside a link', () => {
    for (const card of adapter.findCards(doc)) {
      const mount = adapter.mountPoint(card);
      expect(mount).toMatchObject({ position: 'after' });
      expect(mount.anchor.localName).toBe('b');
      expect(mount.anchor.closest('a')).toBeNull();
      expect(card.contains(mount.anchor)).toBe(true);
    }
  });

  it('reads the id cheaply, as extractPaper does', () => {
    for (const card of adapter.findCards(doc)) {
      expect(adapter.paperIdOf?.(card)).toBe(adapter.extractPaper(card).id);
    }
  });

  it('finds the cards of a re-rendered list from the list, or an item from a few levels up', () => {
    const list = doc.querySelector('ul.pubs') as Element;
    expect(adapter.findCards(list)).toHaveLength(3);
    // A lone item has no group of its own: the annotator looks again from its ancestors.
    const item = list.querySelector('li') as Element;
    expect(adapter.findCards(item)).toEqual([]);
    expect(adapter.findCards(list).filter((card) => card.contains(item))).toEqual([item]);
  });
});

describe('generic mode on a reading list (hand-made)', () => {
  const doc = page('reading-list.html');

  it('finds the table rows and the cards, and not the bare ids or two-paper lines', () => {
    const papers = papersOf(doc);
    expect(papers.map((paper) => [paper.id, paper.title])).toEqual([
      ['arxiv:1908.09635', 'A Survey on Bias and Fairness in Machine Learning'],
      [
        'doi:10.1145/3442188.3445922',
        'On the Dangers of Stochastic Parrots: Can Language Models Be Too Big?',
      ],
      ['arxiv:2005.14050', 'Language (Technology) is Power: A Critical Survey of Bias in NLP'],
      ['arxiv:1607.06520', 'Man is to Computer Programmer as Woman is to Homemaker?'],
      [
        'doi:10.1126/science.aal4230',
        'Semantics Derived Automatically from Language Corpora Contain Human-like Biases',
      ],
      ['arxiv:1803.09010', 'Datasheets for Datasets'],
    ]);
  });

  it('mounts a table row’s UI in the title cell, after the link', () => {
    const row = adapter.findCards(doc)[0] as Element;
    expect(row.localName).toBe('tr');
    const mount = adapter.mountPoint(row);
    expect(mount.anchor.localName).toBe('a');
    expect(mount.position).toBe('after');
    expect(mount.anchor.parentElement?.localName).toBe('td');
  });
});

describe('generic mode: what is not a card', () => {
  it('a page with one paper link', () => {
    const doc = parseHtml(
      '<main><h1>My thesis</h1><p><b>A Thesis About Bias in Machine Learning</b> <a href="https://arxiv.org/abs/2406.12345">arXiv</a></p><p>Other text.</p><p>More text.</p></main>',
    );
    expect(adapter.findCards(doc)).toEqual([]);
  });

  it('a navigation menu, even one linking papers', () => {
    const items = ['2406.00001', '2406.00002', '2406.00003', '2406.00004']
      .map(
        (id) =>
          `<li class="menu-item"><a href="https://arxiv.org/abs/${id}">Our latest paper on dataset bias ${id}</a></li>`,
      )
      .join('');
    for (const wrapper of ['nav', 'header', 'footer', 'div role="navigation"']) {
      const tag = wrapper.split(' ')[0];
      const doc = parseHtml(`<${wrapper}><ul class="menu">${items}</ul></${tag}>`);
      expect(adapter.findCards(doc), wrapper).toEqual([]);
    }
    // The same list outside navigation is a list of papers.
    expect(
      adapter.findCards(parseHtml(`<main><ul class="menu">${items}</ul></main>`)),
    ).toHaveLength(4);
  });

  it('a menu of ordinary links', () => {
    const doc = parseHtml(
      '<ul><li><a href="/">Home</a></li><li><a href="/teaching">Teaching</a></li><li><a href="https://arxiv.org/">arXiv</a></li><li><a href="https://doi.org/">DOI resolver</a></li></ul>',
    );
    expect(adapter.findCards(doc)).toEqual([]);
  });

  it('fewer than MIN_GROUP papers in repeated blocks', () => {
    const item = (id: string) =>
      `<li><b>A Paper About Measuring Bias ${id}</b> <a href="https://arxiv.org/abs/${id}">arXiv</a></li>`;
    const two = parseHtml(`<ul>${item('2406.00001')}${item('2406.00002')}</ul>`);
    expect(MIN_GROUP).toBe(3);
    expect(adapter.findCards(two)).toEqual([]);
    const three = parseHtml(
      `<ul>${item('2406.00001')}${item('2406.00002')}${item('2406.00003')}</ul>`,
    );
    expect(adapter.findCards(three)).toHaveLength(3);
  });

  it('javascript:, off-site look-alikes and relative links are no paper links', () => {
    const link = (href: string) =>
      parseHtml(`<a href="${href}">x</a>`).querySelector('a') as Element;
    for (const href of [
      'javascript:alert(1)//arxiv.org/abs/2406.12345',
      'https://arxiv.org.evil.example/abs/2406.12345',
      'https://evil.example/arxiv.org/abs/2406.12345',
      '/abs/2406.12345',
      'https://arxiv.org/list/cs.LG/new',
      'https://doi.org/',
      'https://doi.org/not-a-doi',
    ]) {
      expect(paperIdsOfLink(link(href)), href).toBeUndefined();
    }
    expect(paperIdsOfLink(link('https://export.arxiv.org/pdf/2406.12345v3.pdf'))).toEqual({
      arxiv: { arxivId: '2406.12345', version: 3 },
    });
    expect(paperIdsOfLink(link('https://dx.doi.org/10.1145/3442188.3445922'))).toEqual({
      doi: '10.1145/3442188.3445922',
    });
    expect(paperIdsOfLink(link('https://onlinelibrary.wiley.com/doi/abs/10.1002/ABC.123'))).toEqual(
      {
        doi: '10.1002/abc.123',
      },
    );
  });

  it('titles: words, not labels, ids or addresses', () => {
    for (const text of [
      'arXiv',
      '[PDF]',
      'DOI',
      '(code)',
      'arXiv:2406.12345',
      '10.1145/3442188.3445922',
      'https://arxiv.org/abs/2406.12345',
      '2024',
      'Ada Lovelace',
    ]) {
      expect(isTitleLike(text), text).toBe(false);
    }
    for (const text of [
      'Datasheets for Datasets',
      'On the Dangers of Stochastic Parrots',
      'Gender Shades: Intersectional Accuracy Disparities',
    ]) {
      expect(isTitleLike(text), text).toBe(true);
    }
  });
});

describe('generic mode is off unless switched on for the origin', () => {
  it('the default adapter claims nothing', () => {
    expect(
      genericAdapter.matches(new URL('https://www.cs.example.edu/~lovelace/publications.html')),
    ).toBe(false);
  });

  it('claims the enabled https origins only, never a site with its own adapter', () => {
    const on = createGenericAdapter(['https://www.cs.example.edu', 'https://dblp.org']);
    expect(on.matches(new URL('https://www.cs.example.edu/~lovelace/publications.html'))).toBe(
      true,
    );
    expect(on.matches(new URL('http://www.cs.example.edu/~lovelace/publications.html'))).toBe(
      false,
    );
    expect(on.matches(new URL('https://cs.example.edu/'))).toBe(false);
    expect(on.matches(new URL('https://dblp.org/pid/56/953.html'))).toBe(false);
  });

  it('never throws on odd roots', () => {
    expect(adapter.findCards(parseHtml(''))).toEqual([]);
    expect(adapter.findCards(document.createDocumentFragment())).toEqual([]);
  });
});
