import { describe, expect, it } from 'vitest';
import type { ExtractedPaper } from '../../lib/paper';
import { parseCanonicalId } from '../../lib/paper-id';
import { arxivAdapter } from '../../lib/sites/arxiv';
import { CardExtractionError } from '../../lib/sites/types';
import { loadFixture as loadSiteFixture, parseHtml as parse } from './sites-fixtures';

const loadFixture = (name: string) => loadSiteFixture('arxiv', name);

function extractAll(doc: Document): ExtractedPaper[] {
  return arxivAdapter.findCards(doc).map((card) => arxivAdapter.extractPaper(card));
}

/** Every id canonical and unique on the page; every url built from the id. */
function expectWellFormed(papers: ExtractedPaper[]): void {
  for (const paper of papers) {
    expect(parseCanonicalId(paper.id)).toBe(paper.arxivId);
    expect(paper.url).toBe(`https://arxiv.org/abs/${paper.arxivId}`);
    expect(paper.site).toBe('arxiv');
    expect(paper.title).not.toMatch(/^Title:|\s{2}|^\s|\s$/);
  }
  expect(new Set(papers.map((paper) => paper.id)).size).toBe(papers.length);
}

describe('arXiv /list/<archive>/new (real page: list_q-fin_new.html)', () => {
  const papers = extractAll(loadFixture('list_q-fin_new.html'));

  it('finds every entry of every section (13 new + 3 replacements)', () => {
    expect(papers).toHaveLength(16);
    expectWellFormed(papers);
  });

  it('reads the first entry: id, title without "Title:", authors, abstract', () => {
    const first = papers[0] as ExtractedPaper;
    expect(first).toMatchObject({
      id: 'arxiv:2303.08867',
      arxivId: '2303.08867',
      title: 'A Bayesian derivation of the square root law of market impact',
      authors: ['Louis Saddier', 'Matteo Marsili'],
      url: 'https://arxiv.org/abs/2303.08867',
    });
    expect(first.version).toBeUndefined();
    expect(first.abstract).toMatch(/^We show that the main empirical findings on the impact of a/);
    expect(first.abstract).toMatch(/originating from meta-orders\.$/);
    // Line breaks of the source text are collapsed.
    expect(first.abstract).not.toMatch(/\n| {2}/);
  });

  it('reads the last entry, a replacement whose abstract paragraph is empty', () => {
    const last = papers[15] as ExtractedPaper;
    expect(last).toMatchObject({
      id: 'arxiv:2206.14015',
      title: 'Robust utility maximization with nonlinear continuous semimartingales',
      authors: ['David Criens', 'Lars Niemann'],
    });
    expect(last.abstract).toBeUndefined();
    expect('abstract' in last).toBe(false);
  });

  it('reads the replacements section, the second dl#articles on the page', () => {
    expect(papers.slice(13).map((paper) => paper.arxivId)).toEqual([
      '2011.00552',
      '2203.01664',
      '2206.14015',
    ]);
    expect(papers[13]?.authors).toEqual(['Vincenzo Candila', 'Giampiero M. Gallo', 'Lea Petrella']);
  });

  it('gives every entry of the New section an abstract', () => {
    expect(papers.slice(0, 13).every((paper) => (paper.abstract ?? '').length > 100)).toBe(true);
  });
});

describe('arXiv /list/cs/new with a cross-list (real page: list_cs_new.html)', () => {
  it('reads the new submission and the cross-list', () => {
    const papers = extractAll(loadFixture('list_cs_new.html'));
    expectWellFormed(papers);
    expect(papers.map(({ id, title, authors }) => ({ id, title, authors }))).toEqual([
      {
        id: 'arxiv:1008.3222',
        title:
          'Proofs for an Abstraction of Continuous Dynamical Systems Utilizing Lyapunov Functions',
        authors: ['Christoffer Sloth', 'Rafael Wisniewski'],
      },
      {
        id: 'arxiv:0704.0046',
        title: 'A limit relation for entropy and channel capacity per unit cost',
        authors: ['I. Csiszar', 'F. Hiai', 'D. Petz'],
      },
    ]);
    expect(papers[1]?.abstract).toMatch(
      /^In a quantum mechanical model, Diosi, Feldmann and Kosloff/,
    );
  });
});

describe('arXiv /list/cs.LG/new with no entries (real page: list_cs.LG_new_empty.html)', () => {
  it('finds no cards on "No updates today."', () => {
    const doc = loadFixture('list_cs.LG_new_empty.html');
    expect(doc.body.textContent).toContain('No updates today.');
    expect(arxivAdapter.findCards(doc)).toEqual([]);
  });
});

describe('arXiv /list/<category>/recent (real page: list_astro-ph.CO_recent.html)', () => {
  const papers = extractAll(loadFixture('list_astro-ph.CO_recent.html'));

  it('finds 50 entries over the day sections, skipping the empty day', () => {
    expect(papers).toHaveLength(50);
    expectWellFormed(papers);
  });

  it('reads titles and authors; recent lists show no abstracts', () => {
    expect(papers[0]).toMatchObject({
      id: 'arxiv:2303.01198',
      title: 'Growth-rate measurement with type-Ia supernovae using ZTF survey simulations',
    });
    expect(papers[0]?.authors).toHaveLength(24);
    expect(papers[0]?.authors.slice(0, 2)).toEqual(['Bastien Carreres', 'Julian E. Bautista']);
    expect(papers[49]).toMatchObject({
      id: 'arxiv:2302.12924',
      title: 'A Bouncing Cosmology from VECROs',
      authors: ['Robert Brandenberger', 'Gabrielle A. Mitchell'],
    });
    expect(papers.every((paper) => paper.abstract === undefined)).toBe(true);
  });

  it('keeps TeX in titles as the server sent it', () => {
    expect(papers.map((paper) => paper.title)).toContain(
      'CMB-S4: Forecasting Constraints on $f_\\mathrm{NL}$ Through $μ$-distortion Anisotropy',
    );
  });
});

describe('arXiv /list/<archive>/pastweek?show=25 (real page: list_astro-ph_pastweek_show25.html)', () => {
  it('finds the 25 entries of the first page', () => {
    const papers = extractAll(loadFixture('list_astro-ph_pastweek_show25.html'));
    expect(papers).toHaveLength(25);
    expectWellFormed(papers);
    expect(papers[0]).toMatchObject({
      id: 'arxiv:2303.01496',
      title:
        'Robustness Measures for Molecular Detections using High-Resolution Transmission Spectroscopy of Exoplanets',
      authors: ['Connor J. Cheverall', 'Nikku Madhusudhan', 'Måns Holmberg'],
    });
    expect(papers[24]).toMatchObject({
      id: 'arxiv:2303.01097',
      title: 'Small-scale dynamo with finite correlation times',
      authors: ['Yann Carteret', 'Dominik Schleicher', 'Jennifer Schober'],
    });
  });
});

describe('arXiv search results (real page: search_of.html)', () => {
  const papers = extractAll(loadFixture('search_of.html'));

  it('finds the 13 results', () => {
    expect(papers).toHaveLength(13);
    expectWellFormed(papers);
    expect(papers[12]?.id).toBe('arxiv:1712.04442');
  });

  it('reads the first result with its full abstract, without the More/Less toggles', () => {
    const first = papers[0] as ExtractedPaper;
    expect(first).toMatchObject({
      id: 'arxiv:0711.0418',
      title: 'Unstable Disk Accretion to Magnetized Stars: First Global 3D MHD Simulations',
      authors: ['Marina M. Romanova', 'Akshay K. Kulkarni', 'Richard V. E. Lovelace'],
    });
    expect(first.abstract).toMatch(/^We report on the first global three-dimensional \(3D\) MHD/);
    expect(first.abstract).toMatch(/stable accretion through funnel streams dominates\.$/);
    expect(first.abstract).toContain('"tongues"');
    expect(first.abstract).not.toMatch(/More|Less|…/);
  });

  it('reads titles with highlighted query terms as plain text', () => {
    expect(papers[2]?.title).toBe(
      'On convexity of the regular set of conical Kahler-Einstein metrics',
    );
    expect(papers[12]).toMatchObject({
      title: 'Capacitor-within-Capacitor: Electrically Controlled Capacitors',
      authors: ['Haim Grebel'],
    });
  });

  it('falls back to the short abstract when the full one is missing', () => {
    const doc = loadFixture('search_of.html');
    const card = arxivAdapter.findCards(doc)[0] as Element;
    card.querySelector('span.abstract-full')?.remove();
    const abstract = arxivAdapter.extractPaper(card).abstract;
    expect(abstract).toMatch(/^We report on the first global/);
    expect(abstract).toMatch(/unstable regime…$/);
  });
});

describe('arXiv abstract page (hand-made fixture: abs_2303.08867.html)', () => {
  const doc = loadFixture('abs_2303.08867.html');

  it('is one card with id, shown version, title, authors and abstract', () => {
    const cards = arxivAdapter.findCards(doc);
    expect(cards).toHaveLength(1);
    expect(cards[0]?.id).toBe('abs');
    const paper = arxivAdapter.extractPaper(cards[0] as Element);
    expect(paper).toMatchObject({
      id: 'arxiv:2303.08867',
      arxivId: '2303.08867',
      version: 1,
      title: 'A Bayesian derivation of the square root law of market impact',
      authors: ['Louis Saddier', 'Matteo Marsili'],
      url: 'https://arxiv.org/abs/2303.08867',
      site: 'arxiv',
    });
    expect(paper.abstract).toMatch(/^We show that the main empirical findings/);
    expect(paper.abstract).not.toContain('Abstract:');
  });

  it('mounts after the title, inside the card', () => {
    const card = arxivAdapter.findCards(doc)[0] as Element;
    const { anchor, position } = arxivAdapter.mountPoint(card);
    expect(anchor.matches('h1.title')).toBe(true);
    expect(position).toBe('after');
    expect(card.contains(anchor)).toBe(true);
  });

  it('falls back to the citation_arxiv_id meta tag without the "Cite as" table', () => {
    const copy = loadFixture('abs_2303.08867.html');
    const card = arxivAdapter.findCards(copy)[0] as Element;
    card.querySelector('.metatable')?.remove();
    expect(arxivAdapter.extractPaper(card)).toMatchObject({ id: 'arxiv:2303.08867' });
    expect(arxivAdapter.extractPaper(card).version).toBeUndefined();
  });

  it('ignores the "et al." toggle of a long author list', () => {
    const copy = loadFixture('abs_2303.08867.html');
    const authors = copy.querySelector('div.authors') as Element;
    authors.insertAdjacentHTML(
      'beforeend',
      `<div id="long-author-list" style="display: none;">, <a href="https://arxiv.org/search/q-fin?searchtype=author&amp;query=Doe,+J">Jane Doe</a></div>
       <a href="javascript:toggleAuthorList('long-author-list','et al. (1 additional authors not shown)');" title="Show Entire Author List" id="toggle">et al. (1 additional authors not shown)</a>`,
    );
    const card = arxivAdapter.findCards(copy)[0] as Element;
    expect(arxivAdapter.extractPaper(card).authors).toEqual([
      'Louis Saddier',
      'Matteo Marsili',
      'Jane Doe',
    ]);
  });
});

describe('arXiv mount points', () => {
  it('mounts listing cards after the title div in the dd', () => {
    const card = arxivAdapter.findCards(loadFixture('list_cs_new.html'))[0] as Element;
    expect(card.localName).toBe('dd');
    const { anchor, position } = arxivAdapter.mountPoint(card);
    expect(anchor.matches('.list-title')).toBe(true);
    expect(position).toBe('after');
    expect(card.contains(anchor)).toBe(true);
  });

  it('mounts search results after p.title', () => {
    const card = arxivAdapter.findCards(loadFixture('search_of.html'))[0] as Element;
    const { anchor, position } = arxivAdapter.mountPoint(card);
    expect(anchor.matches('p.title')).toBe(true);
    expect(position).toBe('after');
  });

  it('falls back to the card itself when the title is gone', () => {
    const card = arxivAdapter.findCards(loadFixture('list_cs_new.html'))[0] as Element;
    card.querySelector('.list-title')?.remove();
    expect(arxivAdapter.mountPoint(card)).toEqual({ anchor: card, position: 'prepend' });
  });
});

describe('arXiv broken cards', () => {
  it('skips a listing entry whose id link is gone, and extracts the others', () => {
    const doc = loadFixture('list_q-fin_new.html');
    const cards = arxivAdapter.findCards(doc);
    const broken = cards[4] as Element;
    broken.previousElementSibling?.querySelector('a[href*="/abs/"]')?.remove();

    expect(arxivAdapter.findCards(doc)).toHaveLength(16);
    expect(() => arxivAdapter.extractPaper(broken)).toThrow(CardExtractionError);
    try {
      arxivAdapter.extractPaper(broken);
    } catch (error) {
      expect(error).toMatchObject({ adapterId: 'arxiv', field: 'id' });
      expect((error as Error).message).toContain('a[title="Abstract"]');
    }
    expect(arxivAdapter.paperIdOf?.(broken)).toBeUndefined();
    const others = cards.filter((card) => card !== broken);
    expect(others.map((card) => arxivAdapter.extractPaper(card).id)).toHaveLength(15);
  });

  it('skips a search result whose title is gone', () => {
    const doc = loadFixture('search_of.html');
    const cards = arxivAdapter.findCards(doc);
    cards[0]?.querySelector('p.title')?.remove();
    expect(() => arxivAdapter.extractPaper(cards[0] as Element)).toThrow(
      expect.objectContaining({ name: 'CardExtractionError', field: 'title' }),
    );
    expect(arxivAdapter.extractPaper(cards[1] as Element).id).toBe('arxiv:1401.1012');
  });

  it('leaves out a dd without its dt (half a row)', () => {
    const doc = parse(`<dl id="articles">
      <dt><a href="/abs/2303.08867" title="Abstract">arXiv:2303.08867</a></dt>
      <dd><div class="list-title"><span class="descriptor">Title:</span> Kept</div></dd>
      <dd><div class="list-title"><span class="descriptor">Title:</span> Orphan</div></dd>
    </dl>`);
    const cards = arxivAdapter.findCards(doc);
    expect(cards).toHaveLength(1);
    expect(arxivAdapter.extractPaper(cards[0] as Element).title).toBe('Kept');
  });

  it('throws CardExtractionError on an element that is no card', () => {
    const doc = parse('<div class="x"></div>');
    expect(() => arxivAdapter.extractPaper(doc.querySelector('.x') as Element)).toThrow(
      CardExtractionError,
    );
  });

  it('never throws from findCards, whatever the markup', () => {
    expect(arxivAdapter.findCards(parse(''))).toEqual([]);
    expect(arxivAdapter.findCards(parse('<dl><dd></dd><dt></dt></dl>'))).toEqual([]);
    expect(arxivAdapter.findCards(parse('<li class="arxiv-result"></li>').body)).toHaveLength(1);
  });
});

describe('arXiv text handling', () => {
  const listing = (titleHtml: string, dt = '<a href="/abs/2406.12345" title="Abstract">x</a>') =>
    parse(`<dl id="articles"><dt>${dt}</dt><dd><div class="meta">
      <div class="list-title mathjax"><span class="descriptor">Title:</span>${titleHtml}</div>
      <div class="list-authors"><a href="/a/1">A &lt;b&gt;Author</a></div>
    </div></dd></dl>`);

  it('returns hostile markup in the text as plain text', () => {
    const doc = listing('\n  &lt;img src=x onerror=alert(1)&gt; Safe\n');
    const paper = arxivAdapter.extractPaper(arxivAdapter.findCards(doc)[0] as Element);
    expect(paper.title).toBe('<img src=x onerror=alert(1)> Safe');
    expect(paper.authors).toEqual(['A <b>Author']);
    expect(doc.querySelector('img')).toBeNull();
  });

  it('reads text nodes only: real elements inside a title add no markup', () => {
    const doc = listing(
      'A <img src=x onerror="alert(1)"><b>bold</b> title<script>alert(1)</script>',
    );
    const paper = arxivAdapter.extractPaper(arxivAdapter.findCards(doc)[0] as Element);
    expect(paper.title).toBe('A bold title');
  });

  it('reads a MathJax-typeset title as the TeX the server sent', () => {
    const doc = listing(
      'Constraints on <span class="MathJax_Preview"></span><span class="MathJax" id="MathJax-Element-1-Frame"><span class="math"><span>f</span><span>NL</span></span></span><script type="math/tex" id="MathJax-Element-1">f_\\mathrm{NL}</script> Through <span class="MathJax_Preview"></span><span class="MathJax"><span>μ</span></span><script type="math/tex">μ</script>-distortion',
    );
    const paper = arxivAdapter.extractPaper(arxivAdapter.findCards(doc)[0] as Element);
    expect(paper.title).toBe('Constraints on $f_\\mathrm{NL}$ Through $μ$-distortion');
  });

  it('reads old-style ids from listing links', () => {
    const doc = listing(
      'Old',
      '<a href="/abs/hep-th/9901001" title="Abstract">arXiv:hep-th/9901001</a>',
    );
    expect(arxivAdapter.extractPaper(arxivAdapter.findCards(doc)[0] as Element)).toMatchObject({
      id: 'arxiv:hep-th/9901001',
      arxivId: 'hep-th/9901001',
      url: 'https://arxiv.org/abs/hep-th/9901001',
    });
  });

  it('builds the url from the id, never from the page link', () => {
    const doc = listing(
      'Spoofed',
      '<a href="https://arxiv.org/abs/2406.12345v2?utm=evil#x" title="Abstract">x</a>',
    );
    const paper = arxivAdapter.extractPaper(arxivAdapter.findCards(doc)[0] as Element);
    expect(paper).toMatchObject({ url: 'https://arxiv.org/abs/2406.12345', version: 2 });
  });
});

describe('arXiv paperIdOf', () => {
  it('agrees with extractPaper on every card of every fixture', () => {
    for (const name of [
      'list_q-fin_new.html',
      'list_astro-ph.CO_recent.html',
      'search_of.html',
      'abs_2303.08867.html',
    ]) {
      for (const card of arxivAdapter.findCards(loadFixture(name))) {
        expect(arxivAdapter.paperIdOf?.(card)).toBe(arxivAdapter.extractPaper(card).id);
      }
    }
  });
});

describe('arXiv performance', () => {
  it('handles a 2,000-entry listing in linear time', () => {
    const rows = Array.from({ length: 2000 }, (_, index) => {
      const id = `2406.${String(10000 + index)}`;
      return `<dt><a name="item${index}">[${index}]</a> <a href="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a></dt>
        <dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> Paper ${index}</div>
        <div class="list-authors"><a href="/a/1">Ada Lovelace</a>, <a href="/a/2">Alan Turing</a></div>
        <p class="mathjax">Abstract ${index}.</p></div></dd>`;
    });
    const doc = parse(`<div id="dlpage"><dl id="articles">${rows.join('')}</dl></div>`);
    const started = performance.now();
    const papers = extractAll(doc);
    const elapsed = performance.now() - started;
    expect(papers).toHaveLength(2000);
    expect(papers[1999]).toMatchObject({ id: 'arxiv:2406.11999', title: 'Paper 1999' });
    // Generous bound for slow CI; a quadratic scan of 2,000 cards takes far longer.
    expect(elapsed).toBeLessThan(5000);
  });
});
