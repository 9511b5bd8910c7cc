import { describe, expect, it } from 'vitest';
import type { ExtractedPaper } from '../../lib/paper';
import { parseCanonicalId } from '../../lib/paper-id';
import { huggingfaceAdapter } from '../../lib/sites/huggingface';
import { cleanText } from '../../lib/sites/text';
import { CardExtractionError, type PageData } from '../../lib/sites/types';
import { loadFixture as loadSiteFixture, parseHtml } from './sites-fixtures';

const loadFixture = (name: string) => loadSiteFixture('huggingface', name);
const adapter = huggingfaceAdapter;

/** What the annotator does: read the page data once, then extract every card with it. */
function extractAll(doc: Document): ExtractedPaper[] {
  const pageData = adapter.readPageData?.(doc);
  return adapter.findCards(doc).map((card) => adapter.extractPaper(card, pageData));
}

/** Every id canonical and unique on the page; every url built from the id. */
function expectWellFormed(papers: ExtractedPaper[]): void {
  for (const paper of papers) {
    expect(parseCanonicalId(paper.id)).toBe(paper.arxivId);
    expect(paper.url).toBe(`https://huggingface.co/papers/${paper.arxivId}`);
    expect(paper.site).toBe('huggingface');
    expect(paper.version).toBeUndefined();
    expect(paper.title).not.toMatch(/\s{2}|^\s|\s$/);
  }
  expect(new Set(papers.map((paper) => paper.id)).size).toBe(papers.length);
}

describe('Hugging Face daily list (real page: hf-daily-2026-09-28.html)', () => {
  const doc = loadFixture('hf-daily-2026-09-28.html');
  const papers = extractAll(doc);

  it('finds one card per article: 28, despite 2–5 paper links per card', () => {
    expect(doc.querySelectorAll('article')).toHaveLength(28);
    expect(papers).toHaveLength(28);
    expectWellFormed(papers);
  });

  it('is not fooled by /papers/date/…, /papers/trending, /papers or #community links', () => {
    const ids = papers.map((paper) => paper.arxivId);
    expect(ids).not.toContain('date');
    expect(ids).not.toContain('trending');
    expect(ids.every((id) => /^\d{4}\.\d{5}$/.test(id ?? ''))).toBe(true);
  });

  it('reads the first card, with abstract and full authors from the DailyPapers island', () => {
    const first = papers[0] as ExtractedPaper;
    expect(first).toMatchObject({
      id: 'arxiv:2609.31620',
      arxivId: '2609.31620',
      title:
        'FuseReg: Regularizing Layer Fusion Mitigates the Reconstruction-Generation Gap in Representation Autoencoders',
      url: 'https://huggingface.co/papers/2609.31620',
    });
    // The card shows an organisation chip, not authors; the island has all 16.
    expect(first.authors).toHaveLength(16);
    expect(first.authors.slice(0, 3)).toEqual(['Hongyang Du', 'Yunfei Xie', 'Junjie Ye']);
    expect(first.authors.at(-1)).toBe('Yue Wang');
    expect(first.abstract).toMatch(/^Representation autoencoders \(RAEs\) reuse features/);
    expect(first.abstract).toMatch(/without modifying the pretrained encoder\.$/);
  });

  it('reads the last card', () => {
    expect(papers[27]).toMatchObject({
      id: 'arxiv:2604.02103',
      title: 'BoundInk: Boundary-Aware Online Handwriting Generation',
      authors: ['Jinsu Shin', 'Sungeun Hong', 'JinYeong Bak'],
    });
    expect(papers[27]?.abstract).toMatch(/^Realistic online handwriting depends not only/);
  });

  it('gives every card an abstract from the island', () => {
    expect(papers.every((paper) => (paper.abstract ?? '').length > 200)).toBe(true);
  });

  it('keeps titles exactly as shown, odd spacing of the source included', () => {
    expect(papers.map((paper) => paper.title)).toContain(
      'Paragraph Boundaries Are Not White Space:Compression Depth as the Signature of Hierarchical Structure',
    );
    expect(papers[3]?.title).toBe(
      'InternW0-Δ: A World Action Model Bridging Predictive Dynamics and Actions with 20K+ Hours of Open Data',
    );
  });

  it('falls back to the card avatars, in reading order, without page data', () => {
    const card = adapter.findCards(doc)[3] as Element;
    const paper = adapter.extractPaper(card);
    expect(paper.id).toBe('arxiv:2609.31394');
    // Claimed authors are titled with their username (ghy0324 is Haoyu Guo).
    expect(paper.authors).toEqual([
      'ghy0324',
      'Xingyu Miao',
      'Zizun Li',
      'Baole Fang',
      'Kaiwen Song',
    ]);
    expect(paper.abstract).toBeUndefined();
    // An organisation-chip card has no authors to show.
    expect(adapter.extractPaper(adapter.findCards(doc)[0] as Element).authors).toEqual([]);
  });

  it('mounts after the h3 title, inside the article', () => {
    const card = adapter.findCards(doc)[0] as Element;
    const { anchor, position } = adapter.mountPoint(card);
    expect(anchor.localName).toBe('h3');
    expect(position).toBe('after');
    expect(card.localName).toBe('article');
    expect(card.contains(anchor)).toBe(true);
  });
});

describe('Hugging Face readPageData', () => {
  it('reads 28 abstracts and author lists from the real DailyPapers island', () => {
    const data = adapter.readPageData?.(loadFixture('hf-daily-2026-09-28.html')) as PageData;
    expect(data.abstracts.size).toBe(28);
    expect(data.authors?.size).toBe(28);
    expect(data.authors?.get('2609.31394')).toHaveLength(48);
    expect(data.authors?.get('2609.31394')).toContain('Haoyu Guo');
    // Kept as the page has them; extractPaper cleans the one a card uses.
    const card = loadFixture('hf-daily-2026-09-28.html').querySelector('article') as Element;
    const paper = adapter.extractPaper(card, data);
    expect(data.abstracts.get(paper.arxivId ?? '')).toBeDefined();
    expect(paper.abstract).toBe(cleanText(data.abstracts.get(paper.arxivId ?? '') ?? ''));
    expect(paper.abstract).not.toMatch(/\s{2}|\n/);
  });

  it('walks any island shape, skipping malformed and unrelated ones', () => {
    const props = (value: unknown) =>
      JSON.stringify(value).replaceAll('&', '&amp;').replaceAll('"', '&quot;');
    const doc = parseHtml(`
      <div data-target="Broken" data-props="{&quot;summary&quot;: oops"></div>
      <div data-target="MainHeader" data-props="${props({ isLoggedIn: false })}"></div>
      <div data-target="Comments" data-props="${props({ comments: [{ id: '6a63eb9aabe9e3bbda67c249', summary: 'not a paper' }] })}"></div>
      <div data-target="DailyPapers" data-props="${props({
        searchResults: [
          {
            paper: {
              id: '2306.15895',
              summary: ' Found\n in  search ',
              authors: [{ name: 'Yue Yu' }, { name: 'Hidden', hidden: true }],
            },
          },
        ],
      })}"></div>
      <div data-target="PaperContent" data-props="${props({
        paper: { id: '2311.07468', summary: 'Paper page', authors: ['not', 'objects'] },
      })}"></div>
      <div data-target="Versioned" data-props="${props({ paper: { id: '2406.12345v2', summary: 'versioned ids are not keys' } })}"></div>`);
    const data = adapter.readPageData?.(doc) as PageData;
    // As the page has them: cleaned when a card uses them.
    expect([...data.abstracts]).toEqual([
      ['2306.15895', ' Found\n in  search '],
      ['2311.07468', 'Paper page'],
    ]);
    expect([...(data.authors ?? [])]).toEqual([['2306.15895', ['Yue Yu']]]);
  });
});

describe('Hugging Face week, month and trending lists (hand-made from the real daily markup)', () => {
  const cases = [
    ['hf-week-2026-W40.html', 6, '2609.31620', '2609.23551'],
    ['hf-month-2026-09.html', 5, '2609.18703', '2604.02103'],
    ['hf-trending.html', 5, '2609.31093', '2609.30867'],
  ] as const;

  it.each(cases)('%s has %i cards, from %s to %s', (name, count, firstId, lastId) => {
    const papers = extractAll(loadFixture(name));
    expect(papers).toHaveLength(count);
    expectWellFormed(papers);
    expect(papers[0]?.arxivId).toBe(firstId);
    expect(papers.at(-1)?.arxivId).toBe(lastId);
    expect(papers.every((paper) => (paper.abstract ?? '').length > 200)).toBe(true);
    expect(papers.every((paper) => paper.authors.length > 0)).toBe(true);
  });

  it('reads titles, authors and abstracts on the week view', () => {
    const papers = extractAll(loadFixture('hf-week-2026-W40.html'));
    expect(papers.at(-1)).toMatchObject({
      title:
        'Paragraph Boundaries Are Not White Space:Compression Depth as the Signature of Hierarchical Structure',
      authors: ['Shuyang Xiang'],
    });
    expect(papers.at(-1)?.abstract).toMatch(/^Standard positional encodings represent position/);
  });

  it('reads the trending view', () => {
    const papers = extractAll(loadFixture('hf-trending.html'));
    expect(papers[0]).toMatchObject({
      id: 'arxiv:2609.31093',
      title: 'Block Sparse Attention with Log-Linear Complexity',
      authors: ['Bohao Tang', 'Zhen Qin', 'Yuqi Pan', 'Zheng Li', 'Pengfei Liu'],
    });
    expect(papers[0]?.abstract).toMatch(/^Scaling language models to long contexts/);
  });
});

describe('Hugging Face search results (hand-made: hf-search-training-data-bias.html)', () => {
  const papers = extractAll(loadFixture('hf-search-training-data-bias.html'));

  it('finds the 5 results', () => {
    expect(papers).toHaveLength(5);
    expectWellFormed(papers);
    expect(papers.map((paper) => paper.arxivId)).toEqual([
      '2306.15895',
      '2311.07468',
      '2408.11338',
      '2102.01593',
      '2505.12366',
    ]);
  });

  it('reads the abstract shown on the card, and the avatar names in reading order', () => {
    expect(papers[0]).toMatchObject({
      id: 'arxiv:2306.15895',
      title:
        'Large Language Model as Attributed Training Data Generator: A Tale of Diversity and Bias',
      authors: ['Yue Yu', 'Yuchen Zhuang', 'Jieyu Zhang', 'Yu Meng', 'Alexander Ratner'],
    });
    expect(papers[0]?.abstract).toMatch(
      /^Large language models \(LLMs\) have been recently leveraged as training data generators/,
    );
    expect(papers[0]?.abstract).toMatch(
      /available on https:\/\/github\.com\/yueyu1030\/AttrPrompt\.$/,
    );
  });

  it('reads the last result; a card without avatars has no authors', () => {
    expect(papers[4]).toMatchObject({
      title:
        'DisCO: Reinforcing Large Reasoning Models with Discriminative Constrained Optimization',
      authors: ['Gang Li', 'Ming Lin', 'Tomer Galanti', 'Zhengzhong Tu', 'Tianbao Yang'],
    });
    expect(papers[4]?.abstract).toMatch(/^The recent success and openness of DeepSeek-R1/);
    expect(papers[3]).toMatchObject({
      title: 'FEDZIP: A Compression Framework for Communication-Efficient Federated Learning',
      authors: [],
    });
  });
});

describe('Hugging Face paper page (hand-made: hf-paper-2306.15895.html)', () => {
  const doc = loadFixture('hf-paper-2306.15895.html');

  it('is one card: the PaperContent island, not the papers linked in comments', () => {
    const cards = adapter.findCards(doc);
    expect(cards).toHaveLength(1);
    expect(cards[0]?.getAttribute('data-target')).toBe('PaperContent');
    const paper = adapter.extractPaper(cards[0] as Element, adapter.readPageData?.(doc));
    expect(paper).toMatchObject({
      id: 'arxiv:2306.15895',
      arxivId: '2306.15895',
      title:
        'Large Language Model as Attributed Training Data Generator: A Tale of Diversity and Bias',
      authors: [
        'Yue Yu',
        'Yuchen Zhuang',
        'Jieyu Zhang',
        'Yu Meng',
        'Alexander Ratner',
        'Ranjay Krishna',
        'Jiaming Shen',
        'Chao Zhang',
      ],
      url: 'https://huggingface.co/papers/2306.15895',
    });
    expect(paper.abstract).toMatch(/^Large language models \(LLMs\) have been recently leveraged/);
  });

  it('reads authors and abstract from the visible page without page data', () => {
    const card = adapter.findCards(doc)[0] as Element;
    const paper = adapter.extractPaper(card);
    expect(paper.authors).toHaveLength(8);
    expect(paper.authors[7]).toBe('Chao Zhang');
    expect(paper.abstract).toMatch(/^Large language models \(LLMs\)/);
  });

  it('falls back to the island JSON for the id without the arXiv link', () => {
    const copy = loadFixture('hf-paper-2306.15895.html');
    const card = adapter.findCards(copy)[0] as Element;
    card.querySelector('a[href^="https://arxiv.org/abs/"]')?.remove();
    expect(adapter.extractPaper(card).id).toBe('arxiv:2306.15895');
    expect(adapter.paperIdOf?.(card)).toBe('arxiv:2306.15895');
  });

  it('mounts after the h1 title, inside the card', () => {
    const card = adapter.findCards(doc)[0] as Element;
    const { anchor, position } = adapter.mountPoint(card);
    expect(anchor.localName).toBe('h1');
    expect(position).toBe('after');
    expect(card.contains(anchor)).toBe(true);
  });
});

describe('Hugging Face broken cards', () => {
  it('skips a card whose paper links are gone, and extracts the others', () => {
    const doc = loadFixture('hf-daily-2026-09-28.html');
    const pageData = adapter.readPageData?.(doc);
    const cards = adapter.findCards(doc);
    const broken = cards[5] as Element;
    for (const link of broken.querySelectorAll('a[href*="/papers/"]')) link.removeAttribute('href');

    expect(() => adapter.extractPaper(broken, pageData)).toThrow(CardExtractionError);
    expect(() => adapter.extractPaper(broken, pageData)).toThrow(
      expect.objectContaining({ adapterId: 'huggingface', field: 'id' }),
    );
    expect(adapter.paperIdOf?.(broken)).toBeUndefined();
    // Cards are recognized by their paper links, so the broken one is no longer found at all.
    const found = adapter.findCards(doc);
    expect(found).toHaveLength(27);
    expect(found).not.toContain(broken);
    expect(found.map((card) => adapter.extractPaper(card, pageData).id)).toHaveLength(27);
  });

  it('still reads the id from the thumbnail link when the title link is gone', () => {
    const doc = loadFixture('hf-daily-2026-09-28.html');
    const card = adapter.findCards(doc)[0] as Element;
    card.querySelector('h3 a')?.removeAttribute('href');
    expect(adapter.paperIdOf?.(card)).toBe('arxiv:2609.31620');
    expect(adapter.extractPaper(card).title).toMatch(/^FuseReg/);
  });

  it('throws CardExtractionError for a card without a title', () => {
    const doc = loadFixture('hf-daily-2026-09-28.html');
    const card = adapter.findCards(doc)[1] as Element;
    card.querySelector('h3')?.remove();
    expect(() => adapter.extractPaper(card)).toThrow(
      expect.objectContaining({ name: 'CardExtractionError', field: 'title', selector: 'h3' }),
    );
    expect(adapter.mountPoint(card)).toEqual({ anchor: card, position: 'append' });
  });

  it('never throws from findCards, whatever the markup', () => {
    expect(adapter.findCards(parseHtml(''))).toEqual([]);
    expect(
      adapter.findCards(parseHtml('<article><a href="/papers/trending">x</a></article>')),
    ).toEqual([]);
    expect(adapter.findCards(parseHtml('<div data-target="PaperContent"></div>'))).toEqual([]);
    const article = parseHtml('<article><h3><a href="/papers/2406.12345">T</a></h3></article>').body
      .firstElementChild as Element;
    expect(adapter.findCards(article)).toEqual([article]);
  });
});

describe('Hugging Face text handling', () => {
  it('returns hostile markup in the text as plain text', () => {
    const doc = parseHtml(
      '<article><h3><a href="/papers/2406.12345">&lt;img src=x onerror=alert(1)&gt;</a></h3><ul><li title="&lt;script&gt;x&lt;/script&gt;"></li></ul></article>',
    );
    const paper = adapter.extractPaper(adapter.findCards(doc)[0] as Element);
    expect(paper.title).toBe('<img src=x onerror=alert(1)>');
    expect(paper.authors).toEqual(['<script>x</script>']);
    expect(doc.querySelector('img, script')).toBeNull();
  });

  it('builds the url from the id, never from the page link', () => {
    const doc = parseHtml(
      '<article><h3><a href="https://huggingface.co/papers/2406.12345?ref=x#y">T</a></h3></article>',
    );
    expect(adapter.extractPaper(adapter.findCards(doc)[0] as Element).url).toBe(
      'https://huggingface.co/papers/2406.12345',
    );
  });
});

describe('Hugging Face paperIdOf', () => {
  it('agrees with extractPaper on every card of every fixture', () => {
    for (const name of [
      'hf-daily-2026-09-28.html',
      'hf-search-training-data-bias.html',
      'hf-paper-2306.15895.html',
    ]) {
      for (const card of adapter.findCards(loadFixture(name))) {
        expect(adapter.paperIdOf?.(card)).toBe(adapter.extractPaper(card).id);
      }
    }
  });
});

describe('Hugging Face performance', () => {
  it('handles 2,000 cards and their island in linear time', () => {
    const entries: unknown[] = [];
    const cards = Array.from({ length: 2000 }, (_, index) => {
      const id = `2609.${String(10000 + index)}`;
      entries.push({
        paper: { id, title: `P${index}`, summary: `S${index}`, authors: [{ name: 'A' }] },
      });
      return `<article><a href="/papers/${id}"><img alt=""></a><div><h3><a href="/papers/${id}">Paper ${index}</a></h3><a href="/papers/${id}#community">2</a></div></article>`;
    });
    const props = JSON.stringify({ dailyPapers: entries }).replaceAll('"', '&quot;');
    const doc = parseHtml(
      `<div data-target="DailyPapers" data-props="${props}"><div class="grid">${cards.join('')}</div></div>`,
    );
    const started = performance.now();
    const papers = extractAll(doc);
    const elapsed = performance.now() - started;
    expect(papers).toHaveLength(2000);
    expect(papers[1999]).toMatchObject({ title: 'Paper 1999', abstract: 'S1999', authors: ['A'] });
    // Generous bound for slow CI; a quadratic scan of 2,000 cards takes far longer.
    expect(elapsed).toBeLessThan(5000);
  });
});
