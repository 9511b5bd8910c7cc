import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedPaper } from '../../lib/paper';
import { landingUrl, parsePaperId } from '../../lib/paper-id';
import { dblpAdapter } from '../../lib/sites/dblp';
import { CardExtractionError } from '../../lib/sites/types';
import { EXAMPLE_URLS } from './site-examples';
// Importing the helper also switches off happy-dom's subresource loading for these documents.
import { parseHtml as parse } from './sites-fixtures';

const SEARCH = 'dblp-search-fairness-bias.html';
const PERSON = 'dblp-pid-timnit-gebru.html';

const loadFixture = (name: string) =>
  parse(readFileSync(resolve(import.meta.dirname, '../fixtures/dblp', name), 'utf8'));

/** extractPaper, or the CardExtractionError it threw. */
function tryExtract(card: Element): ExtractedPaper | CardExtractionError {
  try {
    return dblpAdapter.extractPaper(card);
  } catch (error) {
    if (error instanceof CardExtractionError) return error;
    throw error;
  }
}

function expectWellFormed(paper: ExtractedPaper): void {
  expect(parsePaperId(paper.id)).toBeDefined();
  expect(paper.url).toBe(landingUrl(paper.id));
  expect(paper.site).toBe('dblp');
  expect(paper.title).not.toMatch(/\s{2}|^\s|\s$/);
  expect('abstract' in paper).toBe(false);
}

/** One entry in dblp's markup, with the given key, edition links and title. */
function entry(key: string, editions: string[], title = 'A Title.', authors = ['Ada Lovelace']) {
  const ees = editions.map((href) => `<li class="ee"><a href="${href}" itemprop="url">ee</a></li>`);
  const head = editions[0] ? `<div class="head"><a href="${editions[0]}">v</a></div>` : '';
  const names = authors.map(
    (name) =>
      `<span itemprop="author" itemscope><a href="https://dblp.org/pid/1/1.html" itemprop="url"><span itemprop="name">${name}</span></a></span>`,
  );
  return `<li class="entry informal toc" id="${key}" itemscope><nav class="publ"><ul><li class="drop-down">${head}<div class="body"><ul>${ees.join('')}</ul></div></li></ul></nav>
    <cite class="data tts-content" itemprop="headline">${names.join(', ')}:<br> <span class="title" itemprop="name">${title}</span> <a href="https://dblp.org/db/journals/corr/corr2406.html#x"><span itemprop="isPartOf"><span itemprop="name">CoRR</span></span></a></cite></li>`;
}

function onlyCard(html: string): Element {
  const cards = dblpAdapter.findCards(parse(`<ul class="publ-list">${html}</ul>`));
  expect(cards).toHaveLength(1);
  return cards[0] as Element;
}

describe('dblp search results (hand-made fixture)', () => {
  const doc = loadFixture(SEARCH);
  const cards = dblpAdapter.findCards(doc);
  const results = cards.map(tryExtract);
  const papers = results.filter((r): r is ExtractedPaper => !(r instanceof CardExtractionError));

  it('finds the 8 publications, not the proceedings volume, the author or the venue matches', () => {
    expect(doc.querySelectorAll('li.entry')).toHaveLength(9);
    expect(cards.map((card) => card.id)).toEqual([
      'journals/csur/MehrabiMSLG21',
      'conf/acl/BlodgettBDW20',
      'journals/corr/abs-1908-09635',
      'conf/iclr/GeirhosRMBWB19',
      'conf/fat/BuolamwiniG18',
      'conf/nips/BolukbasiCZSK16',
      'journals/corr/BolukbasiCZSK16',
      'journals/kais/KamiranC12',
    ]);
    expect(papers).toHaveLength(6);
    for (const paper of papers) expectWellFormed(paper);
  });

  it('reads ids of every scheme from the edition links', () => {
    expect(results.map((r) => (r instanceof CardExtractionError ? r.field : r.id))).toEqual([
      'doi:10.1145/3457607',
      'doi:10.18653/v1/2020.acl-main.485',
      'arxiv:1908.09635',
      'openreview:Bygh9j09KX',
      'id',
      'id',
      'arxiv:1607.06520',
      'doi:10.1007/s10115-011-0463-8',
    ]);
  });

  it("reads the first entry: DOI, title without dblp's period, all authors", () => {
    expect(papers[0]).toEqual({
      id: 'doi:10.1145/3457607',
      doi: '10.1145/3457607',
      title: 'A Survey on Bias and Fairness in Machine Learning',
      authors: [
        'Ninareh Mehrabi',
        'Fred Morstatter',
        'Nripsuta Saxena',
        'Kristina Lerman',
        'Aram Galstyan',
      ],
      url: 'https://doi.org/10.1145/3457607',
      site: 'dblp',
    });
  });

  it('reads the last entry', () => {
    expect(results[7]).toMatchObject({
      id: 'doi:10.1007/s10115-011-0463-8',
      title: 'Data preprocessing techniques for classification without discrimination',
      authors: ['Faisal Kamiran', 'Toon Calders'],
    });
  });

  it('keeps the ACL Anthology id beside the DOI, and quotes as text', () => {
    expect(results[1]).toMatchObject({
      doi: '10.18653/v1/2020.acl-main.485',
      aclId: '2020.acl-main.485',
      title: 'Language (Technology) is Power: A Critical Survey of "Bias" in NLP',
      authors: ['Su Lin Blodgett', 'Solon Barocas', 'Hal Daumé III', 'Hanna M. Wallach'],
    });
  });

  it("reads a CoRR entry's arXiv id from its 10.48550 DOI, without keeping that DOI", () => {
    expect(results[2]).toMatchObject({
      arxivId: '1908.09635',
      url: 'https://arxiv.org/abs/1908.09635',
    });
    expect((results[2] as ExtractedPaper).doi).toBeUndefined();
  });

  it('reads an arXiv link on an author-keyed CoRR entry, and a title ending in "?…"', () => {
    expect(results[6]).toMatchObject({
      id: 'arxiv:1607.06520',
      title: 'Man is to Computer Programmer as Woman is to Homemaker? Debiasing Word Embeddings',
    });
  });

  it('skips entries with only a PMLR or NeurIPS link, with a CardExtractionError', () => {
    for (const index of [4, 5]) {
      expect(results[index]).toBeInstanceOf(CardExtractionError);
      expect(results[index]).toMatchObject({ adapterId: 'dblp', field: 'id' });
      expect(dblpAdapter.paperIdOf?.(cards[index] as Element)).toBeUndefined();
    }
  });

  it('takes no id from the "ask others" and "share" links (PubPeer and Archive searches by DOI)', () => {
    const copy = loadFixture(SEARCH);
    const card = dblpAdapter.findCards(copy)[4] as Element;
    expect(card.querySelector('a[href^="https://pubpeer.com/"]')).not.toBeNull();
    card
      .querySelector('a[href^="https://pubpeer.com/"]')
      ?.setAttribute('href', 'https://pubpeer.com/search?q=https://doi.org/10.1145/3457607');
    expect(dblpAdapter.paperIdOf?.(card)).toBeUndefined();
  });

  it('mounts after the citation, inside the entry', () => {
    for (const card of cards) {
      const { anchor, position } = dblpAdapter.mountPoint(card);
      expect(anchor.localName).toBe('cite');
      expect(position).toBe('after');
      expect(card.contains(anchor)).toBe(true);
    }
  });
});

describe('dblp person page (hand-made fixture)', () => {
  const doc = loadFixture(PERSON);
  const cards = dblpAdapter.findCards(doc);
  const results = cards.map(tryExtract);

  it('finds the 7 publications across the year headings', () => {
    expect(cards).toHaveLength(7);
    expect(cards.every((card) => card.localName === 'li')).toBe(true);
    expect(results.map((r) => (r instanceof CardExtractionError ? r.field : r.id))).toEqual([
      'doi:10.1145/3458723',
      'doi:10.1145/3442188.3445922',
      'arxiv:2001.00973',
      'doi:10.1145/3287560.3287596',
      'arxiv:1803.09010',
      'id',
      'doi:10.1073/pnas.1700035114',
    ]);
    for (const r of results) if (!(r instanceof CardExtractionError)) expectWellFormed(r);
  });

  it("reads the first entry, with the page's own person among the authors", () => {
    expect(results[0]).toMatchObject({
      title: 'Datasheets for datasets',
      authors: [
        'Timnit Gebru',
        'Jamie Morgenstern',
        'Briana Vecchione',
        'Jennifer Wortman Vaughan',
        'Hanna M. Wallach',
        'Hal Daumé III',
        'Kate Crawford',
      ],
    });
  });

  it('reads the last entry', () => {
    expect(results[6]).toMatchObject({
      id: 'doi:10.1073/pnas.1700035114',
      title:
        'Using deep learning and Google Street View to estimate the demographic makeup of neighborhoods across the United States',
      authors: [
        'Timnit Gebru',
        'Jonathan Krause',
        'Yilun Wang',
        'Duyun Chen',
        'Jia Deng',
        'Erez Lieberman Aiden',
        'Li Fei-Fei',
      ],
    });
  });

  it("drops dblp's homonym numbers and keeps the emoji of a title", () => {
    expect(results[3]).toMatchObject({
      title: 'Model Cards for Model Reporting',
      authors: expect.arrayContaining(['Margaret Mitchell', 'Inioluwa Deborah Raji']),
    });
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

  it('reads the arXiv id of a CoRR entry from its arxiv.org link', () => {
    expect(results[4]).toMatchObject({ id: 'arxiv:1803.09010', title: 'Datasheets for Datasets' });
  });

  it('skips reading authors when asked to', () => {
    const paper = dblpAdapter.extractPaper(cards[0] as Element, undefined, { authors: false });
    expect(paper).toMatchObject({ id: 'doi:10.1145/3458723', authors: [] });
  });

  it('paperIdOf agrees with extractPaper on every card of both fixtures', () => {
    for (const name of [SEARCH, PERSON]) {
      for (const card of dblpAdapter.findCards(loadFixture(name))) {
        const extracted = tryExtract(card);
        expect(dblpAdapter.paperIdOf?.(card)).toBe(
          extracted instanceof CardExtractionError ? undefined : extracted.id,
        );
      }
    }
  });
});

describe('dblp identity', () => {
  it('derives the arXiv id from a CoRR key when no link shows it', () => {
    const card = onlyCard(entry('journals/corr/abs-2406-12345', []));
    expect(dblpAdapter.extractPaper(card)).toMatchObject({
      id: 'arxiv:2406.12345',
      arxivId: '2406.12345',
      url: 'https://arxiv.org/abs/2406.12345',
    });
    expect(dblpAdapter.paperIdOf?.(onlyCard(entry('journals/corr/abs-1412-6980', [])))).toBe(
      'arxiv:1412.6980',
    );
    // Not an arXiv id: a 5-digit number before 2015, a month 13.
    expect(
      dblpAdapter.paperIdOf?.(onlyCard(entry('journals/corr/abs-1412-69801', []))),
    ).toBeUndefined();
    expect(
      dblpAdapter.paperIdOf?.(onlyCard(entry('journals/corr/abs-2413-12345', []))),
    ).toBeUndefined();
    expect(
      dblpAdapter.paperIdOf?.(onlyCard(entry('journals/tmlr/abs-2406-12345', []))),
    ).toBeUndefined();
  });

  it('prefers the arXiv id over the DOI and keeps both', () => {
    const card = onlyCard(
      entry('journals/csur/MehrabiMSLG21', [
        'https://doi.org/10.1145/3457607',
        'https://arxiv.org/abs/1908.09635v3',
      ]),
    );
    expect(dblpAdapter.extractPaper(card)).toMatchObject({
      id: 'arxiv:1908.09635',
      arxivId: '1908.09635',
      doi: '10.1145/3457607',
      url: 'https://arxiv.org/abs/1908.09635',
    });
  });

  it('prefers a DOI over an OpenReview id', () => {
    const card = onlyCard(
      entry('journals/tmlr/X24', [
        'https://openreview.net/forum?id=abcDEF123',
        'https://doi.org/10.5555/x',
      ]),
    );
    expect(dblpAdapter.extractPaper(card)).toMatchObject({
      id: 'doi:10.5555/x',
      openreviewId: 'abcDEF123',
    });
  });

  it('builds the url from the id, never from the page link', () => {
    const card = onlyCard(entry('conf/x/Y24', ['https://doi.org/10.1145/3457607?utm=evil#x']));
    expect(dblpAdapter.extractPaper(card).url).toBe('https://doi.org/10.1145/3457607');
  });

  it('ignores links that are no editions or lead elsewhere', () => {
    for (const href of [
      'javascript:alert(1)',
      'https://dblp.org/rec/journals/corr/abs-2406-12345.html?view=bibtex',
      'https://doi.org.evil.example/10.1145/3457607',
      'https://example.com/doi/10.1145/3457607',
    ]) {
      expect(dblpAdapter.paperIdOf?.(onlyCard(entry('conf/x/Y24', [href])))).toBeUndefined();
    }
  });
});

describe('dblp findCards', () => {
  it('leaves out editorships, research data and entries without a title', () => {
    const doc = parse(`<ul class="publ-list"><li class="year">2024</li>
      ${entry('conf/x/2024', ['https://doi.org/10.1145/1']).replace('entry informal', 'entry editor')}
      ${entry('data/x/Y24', ['https://doi.org/10.5281/zenodo.1']).replace('entry informal', 'entry data')}
      ${entry('conf/x/NoTitle24', ['https://doi.org/10.1145/2']).replace(/<span class="title"[^>]*>A Title\.<\/span>/, '')}
      ${entry('conf/x/Kept24', ['https://doi.org/10.1145/3'])}
    </ul>`);
    const cards = dblpAdapter.findCards(doc);
    expect(cards.map((card) => card.id)).toEqual(['conf/x/Kept24']);
    const editor = doc.querySelector('li.editor') as Element;
    expect(() => dblpAdapter.extractPaper(editor)).toThrow(
      expect.objectContaining({ field: 'card' }),
    );
    expect(dblpAdapter.paperIdOf?.(editor)).toBeUndefined();
  });

  it('counts a root that is itself an entry, and never throws', () => {
    const card = onlyCard(entry('conf/x/Y24', ['https://doi.org/10.1145/3']));
    expect(dblpAdapter.findCards(card)).toEqual([card]);
    expect(dblpAdapter.findCards(parse(''))).toEqual([]);
    expect(dblpAdapter.findCards(parse('<li class="entry"></li>'))).toEqual([]);
  });

  it('throws CardExtractionError for the title when it is empty', () => {
    const card = onlyCard(entry('conf/x/Y24', ['https://doi.org/10.1145/3'], '.'));
    expect(() => dblpAdapter.extractPaper(card)).toThrow(
      expect.objectContaining({ name: 'CardExtractionError', field: 'title' }),
    );
  });
});

describe('dblp text handling', () => {
  it('returns hostile markup in the text as plain text', () => {
    const doc = parse(
      `<ul>${entry('conf/x/Y24', ['https://doi.org/10.1145/3'], '&lt;img src=x onerror=alert(1)&gt; Safe.', ['A &lt;b&gt;Author 0001'])}</ul>`,
    );
    const paper = dblpAdapter.extractPaper(dblpAdapter.findCards(doc)[0] as Element);
    expect(paper.title).toBe('<img src=x onerror=alert(1)> Safe');
    expect(paper.authors).toEqual(['A <b>Author']);
    expect(doc.querySelector('img')).toBeNull();
  });

  it('reads text nodes only: elements inside a title add no markup', () => {
    const card = onlyCard(
      entry(
        'conf/x/Y24',
        ['https://doi.org/10.1145/3'],
        'H<sub>2</sub>O <img src=x onerror="alert(1)">at<script>alert(1)</script> scale.',
      ),
    );
    expect(dblpAdapter.extractPaper(card).title).toBe('H2O at scale');
  });
});

describe('dblp URL matching', () => {
  it.each(EXAMPLE_URLS.dblp)('claims %s', (url) => {
    expect(dblpAdapter.matches(new URL(url))).toBe(true);
  });

  it.each([
    'https://dblp.org/',
    'https://dblp.org/faq/',
    'https://dblp.org/faq/How+can+I+correct+errors+in+dblp.html',
    'https://dblp.org/search',
    'https://dblp.org/search?q=',
    'https://dblp.org/search/author?q=gebru',
    'https://dblp.org/search/venue?q=fairness',
    'https://dblp.org/pid/56/953.bib',
    'https://dblp.org/pid/56/953.xml',
    'https://dblp.org/pid/56',
    'https://dblp.org/rec/conf/fat/BenderGMS21.html',
    'https://dblp.org/db/conf/fat/index.html',
    'https://dblp.org/db/conf/',
    'https://dblp.org/statistics/',
    'http://dblp.org/pid/56/953.html',
    'https://dblp.org.evil.example/pid/56/953.html',
    'https://dblp.example.org/search?q=bias',
  ])('does not claim %s', (url) => {
    expect(dblpAdapter.matches(new URL(url))).toBe(false);
  });
});

describe('dblp performance', () => {
  it('handles a 2,000-entry page in linear time', () => {
    const rows = Array.from({ length: 2000 }, (_, index) =>
      entry(
        `journals/corr/abs-2406-${String(10000 + index)}`,
        [`https://doi.org/10.48550/arXiv.2406.${String(10000 + index)}`],
        `Paper ${index}.`,
        ['Ada Lovelace', 'Alan Turing 0001'],
      ),
    );
    const doc = parse(`<ul class="publ-list">${rows.join('')}</ul>`);
    const started = performance.now();
    const papers = dblpAdapter.findCards(doc).map((card) => dblpAdapter.extractPaper(card));
    const elapsed = performance.now() - started;
    expect(papers).toHaveLength(2000);
    expect(papers[1999]).toMatchObject({
      id: 'arxiv:2406.11999',
      title: 'Paper 1999',
      authors: ['Ada Lovelace', 'Alan Turing'],
    });
    // Generous bound for slow CI; a quadratic scan of 2,000 cards takes far longer.
    expect(elapsed).toBeLessThan(5000);
  });
});
