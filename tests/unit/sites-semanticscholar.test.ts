import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedPaper } from '../../lib/paper';
import { landingUrl, parsePaperId } from '../../lib/paper-id';
import { semanticScholarAdapter as s2 } from '../../lib/sites/semanticscholar';
import { CardExtractionError } from '../../lib/sites/types';
import { EXAMPLE_URLS } from './site-examples';
// Importing the helper also switches off happy-dom's subresource loading for these documents.
import { parseHtml as parse } from './sites-fixtures';

const SEARCH = 's2-search-dataset-bias.html';
const AUTHOR = 's2-author-timnit-gebru.html';
const SHA = '0123456789abcdef0123456789abcdef01234567';

const loadFixture = (name: string) =>
  parse(readFileSync(resolve(import.meta.dirname, '../fixtures/semanticscholar', name), 'utf8'));

/** extractPaper, or the CardExtractionError it threw. */
function tryExtract(card: Element): ExtractedPaper | CardExtractionError {
  try {
    return s2.extractPaper(card);
  } catch (error) {
    if (error instanceof CardExtractionError) return error;
    throw error;
  }
}

function idOrField(result: ExtractedPaper | CardExtractionError): string {
  return result instanceof CardExtractionError ? `<${result.field}>` : result.id;
}

function expectWellFormed(paper: ExtractedPaper): void {
  expect(parsePaperId(paper.id)).toBeDefined();
  expect(paper.url).toBe(landingUrl(paper.id));
  expect(paper.site).toBe('semanticscholar');
  expect(paper.title).not.toMatch(/\s{2}|^\s|\s$/);
}

/** One row in S2's markup with the given title HTML, links and abstract block. */
function row(options: { titleHtml?: string; links?: string[]; extra?: string; authors?: string }) {
  const links = (options.links ?? []).map(
    (href) =>
      `<div class="cl-paper-action__button-container"><a class="flex-row cl-paper-view-paper" data-heap-id="paper_link_target" data-heap-link-type="x" href="${href}"><span class="cl-button__label">View</span></a></div>`,
  );
  return `<div class="cl-paper-row serp-papers__paper-row paper-v2-cue paper-row-normal" data-paper-id="${SHA}">
    <a class="link-button--show-visited" data-test-id="title-link" href="/paper/Slug/${SHA}"><h2 class="cl-paper-title"><span><span>${options.titleHtml ?? 'T'}</span></span></h2></a>
    <ul class="cl-paper__bulleted-row"><span class="cl-paper-authors">${options.authors ?? '<span data-test-id="author-list"><a class="cl-paper-authors__author-box" href="/author/A-B/1"><span><span>Ada Byron</span></span></a></span>'}</span></ul>
    ${options.extra ?? ''}
    <div class="cl-paper__bulleted-row cl-paper-controls"><div class="cl-paper-controls__stats"><a class="cl-paper-stats__citation-pdp-link" href="/paper/Slug/${SHA}#citing-papers">3 Citations</a></div><div class="cl-paper-controls__actions">${links.join('')}</div></div>
  </div>`;
}

function onlyCard(html: string): Element {
  const cards = s2.findCards(parse(`<div class="result-page">${html}</div>`));
  expect(cards).toHaveLength(1);
  return cards[0] as Element;
}

describe('Semantic Scholar search results (hand-made fixture)', () => {
  const doc = loadFixture(SEARCH);
  const cards = s2.findCards(doc);
  const results = cards.map(tryExtract);

  it('finds the 7 rows in document order; 5 reveal a stable id', () => {
    expect(cards).toHaveLength(7);
    expect(cards.every((card) => card.classList.contains('cl-paper-row'))).toBe(true);
    expect(results.map(idOrField)).toEqual([
      'arxiv:1908.09635',
      'doi:10.1145/3442188.3445922',
      'arxiv:1607.06520',
      '<id>',
      'acl:2020.acl-main.485',
      '<id>',
      'doi:10.1126/science.aal4230',
    ]);
    for (const r of results) if (!(r instanceof CardExtractionError)) expectWellFormed(r);
  });

  it('reads the first row: arXiv id, title, authors, and the TLDR without its label and toggle', () => {
    expect(results[0]).toEqual({
      id: 'arxiv:1908.09635',
      arxivId: '1908.09635',
      title: 'A Survey on Bias and Fairness in Machine Learning',
      authors: [
        'Ninareh Mehrabi',
        'Fred Morstatter',
        'Nripsuta Saxena',
        'Kristina Lerman',
        'A. Galstyan',
      ],
      abstract:
        'This survey investigates different real-world applications that have shown biases in various ways, and creates a taxonomy for fairness definitions that machine learning researchers have defined to avoid the existing bias in AI systems.',
      url: 'https://arxiv.org/abs/1908.09635',
      site: 'semanticscholar',
    });
  });

  it('reads the last row, a DOI from "View via Publisher"', () => {
    expect(results[6]).toMatchObject({
      id: 'doi:10.1126/science.aal4230',
      doi: '10.1126/science.aal4230',
      title: 'Semantics derived automatically from language corpora contain human-like biases',
      authors: ['Aylin Caliskan', 'J. Bryson', 'Arvind Narayanan'],
      url: 'https://doi.org/10.1126/science.aal4230',
    });
  });

  it('reads unlinked authors and emoji', () => {
    expect(results[1]).toMatchObject({
      title: 'On the Dangers of Stochastic Parrots: Can Language Models Be Too Big? 🦜',
      authors: [
        'Emily M. Bender',
        'Timnit Gebru',
        'Angelina McMillan-Major',
        'Shmargaret Shmitchell',
      ],
    });
  });

  it('prefers the expanded abstract to the TLDR', () => {
    const paper = results[2] as ExtractedPaper;
    expect(paper.abstract).toMatch(/^The blind application of machine learning runs the risk/);
    expect(paper.abstract).toMatch(/to a disturbing extent\.$/);
    expect(paper.abstract).not.toContain('Collapse');
  });

  it('reads an ACL Anthology PDF link as the id', () => {
    expect(results[4]).toMatchObject({
      id: 'acl:2020.acl-main.485',
      aclId: '2020.acl-main.485',
      title: 'Language (Technology) is Power: A Critical Survey of “Bias” in NLP',
      authors: ['Su Lin Blodgett', 'Solon Barocas', 'Hal Daumé', 'Hanna M. Wallach'],
    });
  });

  it('skips rows whose only link is IEEE Xplore or S2’s PDF copy, with a CardExtractionError', () => {
    for (const index of [3, 5]) {
      expect(results[index]).toBeInstanceOf(CardExtractionError);
      expect(results[index]).toMatchObject({ adapterId: 'semanticscholar', field: 'id' });
      expect(s2.paperIdOf?.(cards[index] as Element)).toBeUndefined();
    }
  });

  it('skips reading authors when asked to', () => {
    expect(s2.extractPaper(cards[0] as Element, undefined, { authors: false }).authors).toEqual([]);
  });

  it('mounts after the title link, inside the row', () => {
    for (const card of cards) {
      const { anchor, position } = s2.mountPoint(card);
      expect(anchor.getAttribute('data-test-id')).toBe('title-link');
      expect(position).toBe('after');
      expect(card.contains(anchor)).toBe(true);
    }
  });
});

describe('Semantic Scholar author page (hand-made fixture)', () => {
  const doc = loadFixture(AUTHOR);
  const cards = s2.findCards(doc);
  const results = cards.map(tryExtract);

  it('finds the 5 paper rows, not the co-author links', () => {
    expect(cards).toHaveLength(5);
    expect(results.map(idOrField)).toEqual([
      'arxiv:1803.09010',
      'doi:10.1145/3442188.3445922',
      'arxiv:1810.03993',
      '<id>',
      'doi:10.1073/pnas.1700035114',
    ]);
    for (const r of results) if (!(r instanceof CardExtractionError)) expectWellFormed(r);
  });

  it("reads the first row, with the page's own author unlinked", () => {
    expect(results[0]).toMatchObject({
      title: 'Datasheets for datasets',
      authors: [
        'Timnit Gebru',
        'Jamie Morgenstern',
        'Briana Vecchione',
        'Jennifer Wortman Vaughan',
        'Hanna M. Wallach',
        'Hal Daumé',
        'Kate Crawford',
      ],
    });
    expect((results[0] as ExtractedPaper).abstract).toMatch(/^Documentation to facilitate/);
  });

  it('reads the last row', () => {
    expect(results[4]).toMatchObject({
      id: 'doi:10.1073/pnas.1700035114',
      title:
        'Using deep learning and Google Street View to estimate the demographic makeup of neighborhoods across the United States',
      authors: [
        'Timnit Gebru',
        'J. Krause',
        'Yilun Wang',
        'Duyun Chen',
        'Jia Deng',
        'E. Aiden',
        'Li Fei-Fei',
      ],
    });
  });

  it('paperIdOf agrees with extractPaper on every card of both fixtures', () => {
    for (const name of [SEARCH, AUTHOR]) {
      for (const card of s2.findCards(loadFixture(name))) {
        const extracted = tryExtract(card);
        expect(s2.paperIdOf?.(card)).toBe(
          extracted instanceof CardExtractionError ? undefined : extracted.id,
        );
      }
    }
  });
});

describe('Semantic Scholar identity', () => {
  it('prefers the arXiv id over the DOI and keeps both', () => {
    const card = onlyCard(
      row({ links: ['https://doi.org/10.1145/3457607', 'https://arxiv.org/pdf/1908.09635v3.pdf'] }),
    );
    expect(s2.extractPaper(card)).toMatchObject({
      id: 'arxiv:1908.09635',
      arxivId: '1908.09635',
      doi: '10.1145/3457607',
      url: 'https://arxiv.org/abs/1908.09635',
    });
  });

  it.each([
    ['https://arxiv.org/abs/2406.12345', 'arxiv:2406.12345'],
    ['https://doi.org/10.48550/arXiv.2406.12345', 'arxiv:2406.12345'],
    ['https://dx.doi.org/10.18653/v1/2020.acl-main.485', 'doi:10.18653/v1/2020.acl-main.485'],
    ['https://aclanthology.org/2020.acl-main.485/', 'acl:2020.acl-main.485'],
    ['https://openreview.net/pdf?id=Bygh9j09KX', 'openreview:Bygh9j09KX'],
    ['https://pdfs.semanticscholar.org/0000/abc.pdf', undefined],
    [`https://www.semanticscholar.org/reader/${SHA}`, undefined],
    ['https://ieeexplore.ieee.org/document/5995347/', undefined],
    ['https://arxiv.org.evil.example/abs/2406.12345', undefined],
    ['javascript:alert(1)', undefined],
  ])('%s gives %s', (href, id) => {
    const card = onlyCard(row({ links: [href] }));
    expect(s2.paperIdOf?.(card)).toBe(id);
    if (!id) expect(() => s2.extractPaper(card)).toThrow(CardExtractionError);
  });

  it('takes no id from the title link or the citation link (S2 pages)', () => {
    const card = onlyCard(row({}));
    expect(s2.paperIdOf?.(card)).toBeUndefined();
  });

  it('builds the url from the id, never from the page link', () => {
    const card = onlyCard(row({ links: ['https://doi.org/10.1145/3457607?utm=evil#x'] }));
    expect(s2.extractPaper(card).url).toBe('https://doi.org/10.1145/3457607');
  });
});

describe('Semantic Scholar findCards', () => {
  it('leaves out rows still rendering (no title link yet), and accepts older title hooks', () => {
    const doc = parse(`<div class="result-page">
      <div class="cl-paper-row"><div class="cl-paper-title">Loading…</div></div>
      <div class="cl-paper-row serp-papers__paper-row paper-row-normal"><a data-selenium-selector="title-link" href="/paper/S/${SHA}"><div class="cl-paper-title"><span>Older row</span></div></a><a class="cl-paper-view-paper" href="https://arxiv.org/pdf/1607.06520.pdf">PDF</a></div>
      <div class="cl-paper-row"><a href="/paper/S/${SHA}"><span>Zotero hook</span></a><a data-heap-link-type="doi" href="https://doi.org/10.1145/1"></a></div>
    </div>`);
    const papers = s2.findCards(doc).map((card) => s2.extractPaper(card));
    expect(papers.map(({ id, title }) => ({ id, title }))).toEqual([
      { id: 'arxiv:1607.06520', title: 'Older row' },
      { id: 'doi:10.1145/1', title: 'Zotero hook' },
    ]);
  });

  it('counts a root that is itself a row, and never throws', () => {
    const card = onlyCard(row({ links: ['https://arxiv.org/abs/2406.12345'] }));
    expect(s2.findCards(card)).toEqual([card]);
    expect(s2.findCards(parse(''))).toEqual([]);
    expect(s2.findCards(parse('<div class="cl-paper-row"></div>'))).toEqual([]);
    expect(() => s2.extractPaper(parse('<p>x</p>').body)).toThrow(
      expect.objectContaining({ field: 'card' }),
    );
  });

  it('throws CardExtractionError for the title when it is empty', () => {
    const card = onlyCard(row({ titleHtml: ' ', links: ['https://arxiv.org/abs/2406.12345'] }));
    expect(() => s2.extractPaper(card)).toThrow(
      expect.objectContaining({ name: 'CardExtractionError', field: 'title' }),
    );
  });

  it('gives no abstract and no authors when the row shows none', () => {
    const card = onlyCard(row({ authors: '', links: ['https://arxiv.org/abs/2406.12345'] }));
    const paper = s2.extractPaper(card);
    expect(paper.authors).toEqual([]);
    expect('abstract' in paper).toBe(false);
  });
});

describe('Semantic Scholar text handling', () => {
  it('returns hostile markup in the text as plain text', () => {
    const doc = parse(
      `<div>${row({
        titleHtml: '&lt;img src=x onerror=alert(1)&gt; Safe',
        authors: '<span class="cl-paper-authors__author-box">A &lt;b&gt;Author</span>',
        extra:
          '<div class="tldr-abstract-replacement"><span>TLDR</span><span> &lt;script&gt;x&lt;/script&gt;</span><button>Expand</button></div>',
        links: ['https://arxiv.org/abs/2406.12345'],
      })}</div>`,
    );
    const paper = s2.extractPaper(s2.findCards(doc)[0] as Element);
    expect(paper.title).toBe('<img src=x onerror=alert(1)> Safe');
    expect(paper.authors).toEqual(['A <b>Author']);
    expect(paper.abstract).toBe('<script>x</script>');
    expect(doc.querySelector('img, script')).toBeNull();
  });

  it('reads text nodes only, and strips label and toggle text that lost their elements', () => {
    const card = onlyCard(
      row({
        titleHtml: 'A <img src=x onerror="alert(1)"><em>bold</em> title<script>alert(1)</script>',
        extra: '<div class="tldr-abstract-replacement">TLDR Short summary. Expand</div>',
        links: ['https://arxiv.org/abs/2406.12345'],
      }),
    );
    expect(s2.extractPaper(card)).toMatchObject({
      title: 'A bold title',
      abstract: 'Short summary.',
    });
  });
});

describe('Semantic Scholar URL matching', () => {
  it.each(EXAMPLE_URLS.semanticscholar)('claims %s', (url) => {
    expect(s2.matches(new URL(url))).toBe(true);
  });

  it.each([
    'https://www.semanticscholar.org/',
    'https://www.semanticscholar.org/search',
    'https://www.semanticscholar.org/search?q=',
    `https://www.semanticscholar.org/paper/Some-Slug/${SHA}`,
    `https://www.semanticscholar.org/reader/${SHA}`,
    'https://www.semanticscholar.org/author/Timnit-Gebru',
    'https://www.semanticscholar.org/author/Timnit-Gebru/1234567/papers',
    'https://www.semanticscholar.org/me/library',
    'https://www.semanticscholar.org/venue?name=FAccT',
    'https://www.semanticscholar.org/product/api',
    'https://api.semanticscholar.org/graph/v1/paper/search?query=bias',
    'http://www.semanticscholar.org/search?q=bias',
    'https://www.semanticscholar.org.evil.example/search?q=bias',
  ])('does not claim %s', (url) => {
    expect(s2.matches(new URL(url))).toBe(false);
  });
});

describe('Semantic Scholar performance', () => {
  it('handles 2,000 rows in linear time', () => {
    const rows = Array.from({ length: 2000 }, (_, index) =>
      row({
        titleHtml: `Paper ${index}`,
        links: [`https://arxiv.org/pdf/2406.${String(10000 + index)}.pdf`],
        extra: `<div class="tldr-abstract-replacement"><span>TLDR</span><span> Summary ${index}.</span><button>Expand</button></div>`,
      }),
    );
    const doc = parse(`<div class="result-page">${rows.join('')}</div>`);
    const started = performance.now();
    const papers = s2.findCards(doc).map((card) => s2.extractPaper(card));
    const elapsed = performance.now() - started;
    expect(papers).toHaveLength(2000);
    expect(papers[1999]).toMatchObject({
      id: 'arxiv:2406.11999',
      title: 'Paper 1999',
      abstract: 'Summary 1999.',
    });
    // Generous bound for slow CI; a quadratic scan of 2,000 cards takes far longer.
    expect(elapsed).toBeLessThan(5000);
  });
});
