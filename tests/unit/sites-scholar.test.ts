import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedPaper } from '../../lib/paper';
import { landingUrl, parsePaperId } from '../../lib/paper-id';
import { scholarAdapter } from '../../lib/sites/scholar';
import { CardExtractionError } from '../../lib/sites/types';
import { EXAMPLE_URLS } from './site-examples';
// Importing the helper also switches off happy-dom's subresource loading for these documents.
import { parseHtml as parse } from './sites-fixtures';

const TODAY = 'scholar-results-2026-bias-in-machine-learning.html';
const REAL_2016 = 'google-scholar-results-2016-05-14-q-learning-deep-architectures.html';

const loadFixture = (name: string) =>
  parse(readFileSync(resolve(import.meta.dirname, '../fixtures/scholar', name), 'utf8'));

/** extractPaper, or the CardExtractionError it threw. */
function tryExtract(card: Element): ExtractedPaper | CardExtractionError {
  try {
    return scholarAdapter.extractPaper(card);
  } catch (error) {
    if (error instanceof CardExtractionError) return error;
    throw error;
  }
}

/** Every id canonical, every url built from the id. */
function expectWellFormed(paper: ExtractedPaper): void {
  expect(parsePaperId(paper.id)).toBeDefined();
  expect(paper.url).toBe(landingUrl(paper.id));
  expect(paper.site).toBe('scholar');
  expect(paper.title).not.toMatch(/^\[|\s{2}|^\s|\s$/);
}

/** One result in today's markup around the given title line and links. */
function result(options: {
  titleHtml?: string;
  href?: string;
  side?: string;
  authors?: string;
  snippet?: string;
}): string {
  const side = options.side
    ? `<div class="gs_ggs gs_fl"><div class="gs_ggsd"><div class="gs_or_ggsm"><a href="${options.side}">[PDF] x</a></div></div></div>`
    : '';
  const title =
    options.href === undefined
      ? `<span id="c1">${options.titleHtml ?? 'T'}</span>`
      : `<a id="c1" href="${options.href}">${options.titleHtml ?? 'T'}</a>`;
  return `<div class="gs_r gs_or gs_scl" data-cid="c1" data-rp="0">${side}<div class="gs_ri">
    <h3 class="gs_rt">${title}</h3>
    <div class="gs_a">${options.authors ?? 'A Author&nbsp;- Venue, 2024 - example.org'}</div>
    <div class="gs_rs">${options.snippet ?? ''}</div>
    <div class="gs_fl gs_flb"><a href="/scholar?cites=1">Cited by 3</a></div></div></div>`;
}

function onlyCard(html: string): Element {
  const cards = scholarAdapter.findCards(parse(`<div id="gs_res_ccl_mid">${html}</div>`));
  expect(cards).toHaveLength(1);
  return cards[0] as Element;
}

describe("Google Scholar results, today's markup (hand-made fixture)", () => {
  const doc = loadFixture(TODAY);
  const cards = scholarAdapter.findCards(doc);
  const results = cards.map(tryExtract);
  const papers = results.filter((r): r is ExtractedPaper => !(r instanceof CardExtractionError));

  it('finds the 10 results in document order, 8 of which have a stable id', () => {
    expect(cards).toHaveLength(10);
    expect(cards.map((card) => card.getAttribute('data-rp'))).toEqual(
      Array.from({ length: 10 }, (_, index) => String(index)),
    );
    expect(papers).toHaveLength(8);
    for (const paper of papers) expectWellFormed(paper);
    expect(papers.map((paper) => paper.id)).toEqual([
      'arxiv:1908.09635',
      'doi:10.1145/3442188.3445922',
      'arxiv:1607.06520',
      'arxiv:1608.07187',
      'acl:2020.acl-main.485',
      'doi:10.1002/widm.1452',
      'doi:10.1007/s10115-011-0463-8',
      'arxiv:1803.09010',
    ]);
  });

  it('reads the first result: arXiv id from the PDF link, DOI from the ACM title link', () => {
    expect(papers[0]).toEqual({
      id: 'arxiv:1908.09635',
      arxivId: '1908.09635',
      doi: '10.1145/3457607',
      title: 'A survey on bias and fairness in machine learning',
      authors: ['N Mehrabi', 'F Morstatter', 'N Saxena', 'K Lerman'],
      abstract:
        '… With the widespread use of artificial intelligence (AI) systems and applications in our everyday lives, accounting for fairness has gained significant importance in designing and engineering …',
      url: 'https://arxiv.org/abs/1908.09635',
      site: 'scholar',
    });
  });

  it('reads the last result, whose title link is the arXiv abstract page', () => {
    expect(results[9]).toMatchObject({
      id: 'arxiv:1803.09010',
      title: 'Datasheets for datasets',
      authors: ['T Gebru', 'J Morgenstern', 'B Vecchione'],
      url: 'https://arxiv.org/abs/1803.09010',
    });
    expect((results[9] as ExtractedPaper).doi).toBeUndefined();
  });

  it('prefers the arXiv id over the DOI and keeps both (Science title link, arXiv PDF)', () => {
    expect(results[4]).toMatchObject({
      id: 'arxiv:1608.07187',
      arxivId: '1608.07187',
      doi: '10.1126/science.aal4230',
      title: 'Semantics derived automatically from language corpora contain human-like biases',
      authors: ['A Caliskan', 'JJ Bryson', 'A Narayanan'],
    });
  });

  it('reads DOIs from ACM, Wiley and Springer URLs, and keeps emoji and Unicode hyphens', () => {
    expect(results[1]).toMatchObject({
      id: 'doi:10.1145/3442188.3445922',
      doi: '10.1145/3442188.3445922',
      title: 'On the dangers of stochastic parrots: Can language models be too big?🦜',
      authors: ['EM Bender', 'T Gebru', 'A McMillan-Major'],
      url: 'https://doi.org/10.1145/3442188.3445922',
    });
    expect((results[1] as ExtractedPaper).arxivId).toBeUndefined();
    expect(results[6]).toMatchObject({
      id: 'doi:10.1002/widm.1452',
      title: 'A survey on datasets for fairness‐aware machine learning',
      authors: ['T Le Quy', 'A Roy', 'V Iosifidis', 'W Zhang'],
    });
    expect(results[7]).toMatchObject({
      id: 'doi:10.1007/s10115-011-0463-8',
      authors: ['F Kamiran', 'T Calders'],
    });
  });

  it('reads an ACL Anthology link as the id, with quotes and diacritics as text', () => {
    expect(results[5]).toMatchObject({
      id: 'acl:2020.acl-main.485',
      aclId: '2020.acl-main.485',
      title: 'Language (technology) is power: A critical survey of "bias" in nlp',
      authors: ['SL Blodgett', 'S Barocas', 'H Daumé III'],
      url: 'https://aclanthology.org/2020.acl-main.485/',
    });
  });

  it('skips results with no stable id (PMLR links, a [CITATION] entry) with a CardExtractionError', () => {
    for (const index of [3, 8]) {
      const error = results[index];
      expect(error).toBeInstanceOf(CardExtractionError);
      expect(error).toMatchObject({ adapterId: 'scholar', field: 'id' });
      expect(scholarAdapter.paperIdOf?.(cards[index] as Element)).toBeUndefined();
    }
  });

  it('reads a [CITATION] title without its labels once the entry has a DOI', () => {
    const copy = loadFixture(TODAY);
    const card = scholarAdapter.findCards(copy)[8] as Element;
    card.insertAdjacentHTML(
      'afterbegin',
      '<div class="gs_ggs gs_fl"><div class="gs_or_ggsm"><a href="https://doi.org/10.5555/fairmlbook">[HTML] x</a></div></div>',
    );
    const paper = scholarAdapter.extractPaper(card);
    expect(paper).toMatchObject({
      id: 'doi:10.5555/fairmlbook',
      title: 'Fairness and machine learning: Limitations and opportunities',
      authors: ['S Barocas', 'M Hardt', 'A Narayanan'],
    });
    // The empty snippet of a [CITATION] entry is no abstract.
    expect('abstract' in paper).toBe(false);
  });

  it('skips reading authors when asked to', () => {
    const paper = scholarAdapter.extractPaper(cards[0] as Element, undefined, { authors: false });
    expect(paper.authors).toEqual([]);
    expect(paper.id).toBe('arxiv:1908.09635');
  });

  it('paperIdOf agrees with extractPaper on every card', () => {
    cards.forEach((card, index) => {
      const extracted = results[index];
      expect(scholarAdapter.paperIdOf?.(card)).toBe(
        extracted instanceof CardExtractionError ? undefined : extracted?.id,
      );
    });
  });

  it('mounts after the title line, inside the result', () => {
    for (const card of cards) {
      const { anchor, position } = scholarAdapter.mountPoint(card);
      expect(anchor.matches('h3.gs_rt')).toBe(true);
      expect(position).toBe('after');
      expect(card.contains(anchor)).toBe(true);
    }
  });
});

describe('Google Scholar results, 2016 markup (real page)', () => {
  it('finds the one result, which links no stable id (ACM citation.cfm, a PDF mirror)', () => {
    const doc = loadFixture(REAL_2016);
    const cards = scholarAdapter.findCards(doc);
    expect(cards).toHaveLength(1);
    const card = cards[0] as Element;
    expect(card.className).toBe('gs_r');
    expect(card.hasAttribute('data-cid')).toBe(false);
    expect(() => scholarAdapter.extractPaper(card)).toThrow(
      expect.objectContaining({ name: 'CardExtractionError', field: 'id' }),
    );
    expect(scholarAdapter.paperIdOf?.(card)).toBeUndefined();
  });

  it('reads title, authors and snippet once the title links the DOI', () => {
    const doc = loadFixture(REAL_2016);
    const card = scholarAdapter.findCards(doc)[0] as Element;
    card.querySelector('h3.gs_rt a')?.setAttribute('href', 'https://doi.org/10.1561/2200000006');
    const paper = scholarAdapter.extractPaper(card);
    expectWellFormed(paper);
    expect(paper).toMatchObject({
      id: 'doi:10.1561/2200000006',
      doi: '10.1561/2200000006',
      title: 'Learning deep architectures for AI',
      authors: ['Y Bengio'],
      url: 'https://doi.org/10.1561/2200000006',
    });
    expect(paper.abstract).toMatch(/^Abstract Theoretical results suggest that in order to learn/);
    expect(paper.abstract).toMatch(/composed of multiple levels of \.\.\.$/);
    expect(paper.abstract).not.toMatch(/\n| {2}/);
    const { anchor } = scholarAdapter.mountPoint(card);
    expect(anchor.matches('h3.gs_rt')).toBe(true);
  });
});

describe('Google Scholar identity', () => {
  it.each([
    ['https://arxiv.org/abs/2406.12345v2', 'arxiv:2406.12345'],
    ['http://arxiv.org/pdf/1607.06520v3.pdf', 'arxiv:1607.06520'],
    ['https://doi.org/10.48550/arXiv.2406.12345', 'arxiv:2406.12345'],
    ['https://dx.doi.org/10.1145/3442188.3445922', 'doi:10.1145/3442188.3445922'],
    ['https://dl.acm.org/doi/pdf/10.1145/3457607', 'doi:10.1145/3457607'],
    ['https://dl.acm.org/doi/10.1145/3457607', 'doi:10.1145/3457607'],
    ['https://onlinelibrary.wiley.com/doi/epdf/10.1002/smr.2643', 'doi:10.1002/smr.2643'],
    [
      'https://journals.sagepub.com/doi/abs/10.1177/21582440231209087',
      'doi:10.1177/21582440231209087',
    ],
    [
      'https://www.tandfonline.com/doi/full/10.1080/08993408.2020.1711495',
      'doi:10.1080/08993408.2020.1711495',
    ],
    [
      'https://link.springer.com/chapter/10.1007/978-3-030-58452-8_13',
      'doi:10.1007/978-3-030-58452-8_13',
    ],
    [
      'https://link.springer.com/content/pdf/10.1007/s10994-021-05946-3.pdf',
      'doi:10.1007/s10994-021-05946-3',
    ],
    [
      'https://telrp.springeropen.com/articles/10.1186/s41039-021-00151-1',
      'doi:10.1186/s41039-021-00151-1',
    ],
    [
      'https://www.frontiersin.org/articles/10.3389/fpsyg.2020.01234/full',
      'doi:10.3389/fpsyg.2020.01234',
    ],
    [
      'https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0212345',
      'doi:10.1371/journal.pone.0212345',
    ],
    ['https://aclanthology.org/2020.acl-main.485.pdf', 'acl:2020.acl-main.485'],
    ['https://openreview.net/forum?id=Bygh9j09KX', 'openreview:Bygh9j09KX'],
    [
      'https://scholar.google.com/scholar_url?url=https://arxiv.org/pdf/2406.12345&hl=en&sa=X',
      'arxiv:2406.12345',
    ],
    ['https://ieeexplore.ieee.org/abstract/document/6654543/', undefined],
    ['https://www.sciencedirect.com/science/article/pii/S0004370221000862', undefined],
    [
      'https://proceedings.neurips.cc/paper/2016/hash/a486cd07e4ac3d270571622f4f316ec5-Abstract.html',
      undefined,
    ],
    ['https://example.com/doi/10.1145/3457607', undefined],
    ['https://www.google.com/search?q=10.1145/3457607', undefined],
    ['https://arxiv.org.evil.example/abs/2406.12345', undefined],
    ['javascript:alert(1)', undefined],
    ['/scholar?cluster=123', undefined],
  ])('%s gives %s', (href, id) => {
    const card = onlyCard(result({ href }));
    expect(scholarAdapter.paperIdOf?.(card)).toBe(id);
    if (id) expect(scholarAdapter.extractPaper(card).id).toBe(id);
    else expect(() => scholarAdapter.extractPaper(card)).toThrow(CardExtractionError);
  });

  it('takes the first DOI (the title link) when two links show different DOIs', () => {
    const card = onlyCard(
      result({ href: 'https://doi.org/10.1145/1111111', side: 'https://doi.org/10.1145/2222222' }),
    );
    expect(scholarAdapter.extractPaper(card).doi).toBe('10.1145/1111111');
  });

  it('ignores ids in the links row (cache, "Related articles", library links)', () => {
    const card = onlyCard(result({ href: 'https://example.org/paper' }));
    card
      .querySelector('.gs_fl')
      ?.insertAdjacentHTML(
        'beforeend',
        '<a href="https://scholar.googleusercontent.com/scholar?q=cache:x+https://arxiv.org/abs/2406.12345">Cached</a><a href="https://doi.org/10.1145/3457607">Library</a>',
      );
    expect(scholarAdapter.paperIdOf?.(card)).toBeUndefined();
  });

  it('builds the url from the id, never from the page link', () => {
    const card = onlyCard(result({ href: 'https://arxiv.org/abs/2406.12345v2?utm=evil#x' }));
    expect(scholarAdapter.extractPaper(card)).toMatchObject({
      id: 'arxiv:2406.12345',
      url: 'https://arxiv.org/abs/2406.12345',
    });
  });
});

describe('Google Scholar authors line', () => {
  it.each([
    [
      'H Aldriye, A Alkhalaf, M Alkhalaf&nbsp;- International Journal of&nbsp;…, 2019 - x.org',
      ['H Aldriye', 'A Alkhalaf', 'M Alkhalaf'],
    ],
    [
      '<a href="/citations?user=u1">P Ihantola</a>, T Ahoniemi, <a href="/citations?user=u2">V Karavirta</a>…&nbsp;- Proceedings, 2010 - dl.acm.org',
      ['P Ihantola', 'T Ahoniemi', 'V Karavirta'],
    ],
    ['W Segers - 2021 - documentserver.uhasselt.be', ['W Segers']],
    ['…, S Ramesh, A Vignesh - 2019', ['S Ramesh', 'A Vignesh']],
    ['A Author, B Author', ['A Author', 'B Author']],
    ['2019 - example.org', []],
    ['', []],
  ])('%s', (line, authors) => {
    const card = onlyCard(result({ href: 'https://arxiv.org/abs/2406.12345', authors: line }));
    expect(scholarAdapter.extractPaper(card).authors).toEqual(authors);
  });

  it('gives no authors when the line is missing', () => {
    const card = onlyCard(result({ href: 'https://arxiv.org/abs/2406.12345' }));
    card.querySelector('.gs_a')?.remove();
    expect(scholarAdapter.extractPaper(card).authors).toEqual([]);
  });
});

describe('Google Scholar findCards', () => {
  it('leaves out other gs_r blocks ("User profiles for …") and results without a title', () => {
    const doc = parse(`<div id="gs_res_ccl_mid">
      <div class="gs_r"><h3 class="gs_rt"><a href="/citations?view_op=search_authors&amp;mauthors=bias">User profiles for <b>bias</b></a></h3><table><tr><td>Someone</td></tr></table></div>
      ${result({ href: 'https://arxiv.org/abs/2406.12345' })}
      <div class="gs_r gs_or gs_scl" data-cid="c2"><div class="gs_ri"><div class="gs_a">No title - 2020</div></div></div>
    </div>`);
    const cards = scholarAdapter.findCards(doc);
    expect(cards).toHaveLength(1);
    expect(cards[0]?.getAttribute('data-cid')).toBe('c1');
    expect(() =>
      scholarAdapter.extractPaper(doc.querySelector('.gs_r:not([data-cid])') as Element),
    ).toThrow(expect.objectContaining({ field: 'card' }));
  });

  it('counts a root that is itself a result, and never throws', () => {
    const card = onlyCard(result({ href: 'https://arxiv.org/abs/2406.12345' }));
    expect(scholarAdapter.findCards(card)).toEqual([card]);
    expect(scholarAdapter.findCards(parse(''))).toEqual([]);
    expect(scholarAdapter.findCards(parse('<div class="gs_r"></div>'))).toEqual([]);
  });

  it('throws CardExtractionError for the title when the title line is empty', () => {
    const card = onlyCard(result({ href: 'https://arxiv.org/abs/2406.12345', titleHtml: ' ' }));
    expect(() => scholarAdapter.extractPaper(card)).toThrow(
      expect.objectContaining({ name: 'CardExtractionError', field: 'title' }),
    );
  });
});

describe('Google Scholar text handling', () => {
  it('returns hostile markup in the text as plain text', () => {
    const doc = parse(
      `<div id="gs_res_ccl_mid">${result({
        href: 'https://arxiv.org/abs/2406.12345',
        titleHtml: '&lt;img src=x onerror=alert(1)&gt; Safe',
        authors: 'A &lt;b&gt;Author - Venue, 2024 - x.org',
        snippet: '&lt;script&gt;alert(1)&lt;/script&gt;',
      })}</div>`,
    );
    const paper = scholarAdapter.extractPaper(scholarAdapter.findCards(doc)[0] as Element);
    expect(paper.title).toBe('<img src=x onerror=alert(1)> Safe');
    expect(paper.authors).toEqual(['A <b>Author']);
    expect(paper.abstract).toBe('<script>alert(1)</script>');
    expect(doc.querySelector('img, script')).toBeNull();
  });

  it('reads text nodes only: elements inside a title add no markup', () => {
    const card = onlyCard(
      result({
        href: 'https://arxiv.org/abs/2406.12345',
        titleHtml: 'A <img src=x onerror="alert(1)"><b>bold</b> title<script>alert(1)</script>',
      }),
    );
    expect(scholarAdapter.extractPaper(card).title).toBe('A bold title');
  });

  it('drops type labels that lost their classes', () => {
    const doc = parse(
      `<div class="gs_r gs_or gs_scl" data-cid="c1"><div class="gs_ri"><h3 class="gs_rt"><span>[PDF]</span> <a href="https://arxiv.org/abs/2406.12345">Plain title</a></h3></div></div>`,
    );
    const card = scholarAdapter.findCards(doc)[0] as Element;
    expect(scholarAdapter.extractPaper(card).title).toBe('Plain title');
  });
});

describe('Google Scholar URL matching', () => {
  it.each(EXAMPLE_URLS.scholar)('claims %s', (url) => {
    expect(scholarAdapter.matches(new URL(url))).toBe(true);
  });

  it.each([
    'https://scholar.google.co.jp/scholar?hl=en&q=%22Learning+deep+architectures+for+AI%22',
    'https://scholar.google.de/scholar?hl=de&q=algorithmic+fairness',
    'https://scholar.google.com.hk/scholar?q=bias',
  ])('also claims the country domain %s', (url) => {
    expect(scholarAdapter.matches(new URL(url))).toBe(true);
  });

  it.each([
    'https://scholar.google.com/',
    'https://scholar.google.com/schhp?hl=en',
    'https://scholar.google.com/scholar',
    'https://scholar.google.com/scholar?q=',
    'https://scholar.google.com/scholar?hl=en&as_sdt=0,5',
    'https://scholar.google.com/scholar?q=info:pYyS8T9g_kkJ:scholar.google.com/&output=cite&scirp=0&hl=en',
    'https://scholar.google.com/citations?user=kukA0LcAAAAJ&hl=en',
    'https://scholar.google.com/citations?view_op=search_authors&mauthors=bias',
    'https://scholar.google.com/scholar_alerts?view_op=list_alerts',
    'https://scholar.google.com/intl/en/scholar/about.html',
    'http://scholar.google.com/scholar?q=bias',
    'https://scholar.google.com.evil.example/scholar?q=bias',
    'https://www.google.com/scholar?q=bias',
    'https://scholar.googleusercontent.com/scholar?q=cache:x',
  ])('does not claim %s', (url) => {
    expect(scholarAdapter.matches(new URL(url))).toBe(false);
  });
});

describe('Google Scholar performance', () => {
  it('handles 2,000 results in linear time', () => {
    const rows = Array.from({ length: 2000 }, (_, index) =>
      result({
        href: `https://dl.acm.org/doi/abs/10.1145/${3000000 + index}`,
        side: `https://arxiv.org/pdf/2406.${String(10000 + index)}`,
        titleHtml: `Paper ${index}`,
        authors: 'A Author, B Author…&nbsp;- Venue, 2024 - dl.acm.org',
        snippet: `Snippet ${index} …`,
      }).replaceAll('data-cid="c1"', `data-cid="c${index}"`),
    );
    const doc = parse(`<div id="gs_res_ccl_mid">${rows.join('')}</div>`);
    const started = performance.now();
    const papers = scholarAdapter.findCards(doc).map((card) => scholarAdapter.extractPaper(card));
    const elapsed = performance.now() - started;
    expect(papers).toHaveLength(2000);
    expect(papers[1999]).toMatchObject({ id: 'arxiv:2406.11999', doi: '10.1145/3001999' });
    // Generous bound for slow CI; a quadratic scan of 2,000 cards takes far longer.
    expect(elapsed).toBeLessThan(5000);
  });
});
