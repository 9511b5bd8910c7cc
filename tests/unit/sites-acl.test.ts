import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedPaper } from '../../lib/paper';
import { parsePaperId } from '../../lib/paper-id';
import { aclAdapter as adapter } from '../../lib/sites/acl';
import { CardExtractionError } from '../../lib/sites/types';
import { EXAMPLE_URLS } from './site-examples';
import { parseHtml } from './sites-fixtures';

const AUTHOR_PAGE = 'acl-anthology-author-page-2026-07.html';
const EVENT_PAGE = 'acl-event-acl-2024.html';
const VOLUME_PAGE = 'acl-volume-2022.in2writing-1.html';

const loadFixture = (name: string) =>
  parseHtml(readFileSync(resolve(import.meta.dirname, '../fixtures/acl', name), 'utf8'));

function extractAll(doc: Document): ExtractedPaper[] {
  return adapter.findCards(doc).map((card) => adapter.extractPaper(card));
}

/** Every id canonical (`acl:` + aclId here) and unique; every url built from the id. */
function expectWellFormed(papers: ExtractedPaper[]): void {
  for (const paper of papers) {
    expect(parsePaperId(paper.id)).toEqual({ scheme: 'acl', value: paper.aclId });
    expect(paper.url).toBe(`https://aclanthology.org/${paper.aclId}/`);
    expect(paper.site).toBe('acl');
    expect(paper.title).not.toMatch(/\s{2}|^\s|\s$/);
    expect(paper.doi).toBeUndefined();
    expect(paper.arxivId).toBeUndefined();
  }
  expect(new Set(papers.map((paper) => paper.id)).size).toBe(papers.length);
}

describe('ACL Anthology author page (real page: acl-anthology-author-page-2026-07.html)', () => {
  const doc = loadFixture(AUTHOR_PAGE);
  const papers = extractAll(doc);

  it('finds the 6 rows across the year sections, not the co-author or venue lists', () => {
    expect(papers).toHaveLength(6);
    expectWellFormed(papers);
    expect(papers.map((paper) => paper.aclId)).toEqual([
      '2022.in2writing-1.1',
      'W19-4201',
      'W18-6560',
      'W18-3607',
      'K18-3004',
      'W17-3524',
    ]);
  });

  it('reads the first row: title, authors in order, abstract from the sibling collapse', () => {
    expect(papers[0]).toMatchObject({
      id: 'acl:2022.in2writing-1.1',
      aclId: '2022.in2writing-1.1',
      title: 'Data-to-text systems as writing environment',
      authors: [
        'Adela Schneider',
        'Andreas Madsack',
        'Johanna Heininger',
        'Ching-Yi Chen',
        'Robert Weißgraeber',
      ],
      url: 'https://aclanthology.org/2022.in2writing-1.1/',
    });
    expect(papers[0]?.abstract).toMatch(/^Today, data-to-text systems are used as commercial/);
    expect(papers[0]?.abstract).toMatch(/functioningwriting environment are then derived\.$/);
  });

  it('joins fixed-case spans into the title text', () => {
    expect(papers[1]?.title).toBe('AX Semantics’ Submission to the SIGMORPHON 2019 Shared Task');
    expect(papers[4]?.title).toBe(
      'AX Semantics’ Submission to the CoNLL–SIGMORPHON 2018 Shared Task',
    );
  });

  it('reads the last row; a row without an abs badge has no abstract', () => {
    expect(papers[5]).toMatchObject({
      id: 'acl:W17-3524',
      title: 'A working, non-trivial, topically indifferent NLG System for 17 languages',
      authors: ['Robert Weißgraeber', 'Andreas Madsack'],
    });
    expect(papers[5]?.abstract).toMatch(/^A fully fledged practical working application/);
    expect(papers[4]?.aclId).toBe('K18-3004');
    expect(papers[4]?.abstract).toBeUndefined();
    expect('abstract' in (papers[4] as ExtractedPaper)).toBe(false);
  });

  it('does not take the volume line for an author', () => {
    for (const paper of papers) expect(paper.authors.join(' ')).not.toMatch(/Proceedings/);
    expect(papers[2]?.authors).toHaveLength(6);
  });

  it('mounts after the title, inside the row', () => {
    const card = adapter.findCards(doc)[0] as Element;
    const { anchor, position } = adapter.mountPoint(card);
    expect(anchor.localName).toBe('strong');
    expect(position).toBe('after');
    expect(card.contains(anchor)).toBe(true);
  });
});

describe('ACL Anthology event page (hand-made: acl-event-acl-2024.html)', () => {
  const doc = loadFixture(EVENT_PAGE);
  const papers = extractAll(doc);

  it('finds the papers of both volumes, skipping the front matter and the volume headings', () => {
    expect(papers).toHaveLength(5);
    expectWellFormed(papers);
    expect(papers.map((paper) => paper.aclId)).toEqual([
      '2024.acl-long.1',
      '2024.acl-long.2',
      '2024.acl-long.3',
      '2024.acl-short.1',
      '2024.acl-short.2',
    ]);
    // The front matter rows are rows like the others, with the editors as authors.
    const frontMatter = doc.querySelectorAll(
      'strong > a[href^="/2024.acl-long.0"], strong > a[href^="/2024.acl-short.0"]',
    );
    expect(frontMatter).toHaveLength(2);
  });

  it('reads the first paper with its abstract', () => {
    expect(papers[0]).toMatchObject({
      id: 'acl:2024.acl-long.1',
      title:
        'Quantized Side Tuning: Fast and Memory-Efficient Tuning of Quantized Large Language Models',
      authors: [
        'Zhengxin Zhang',
        'Dan Zhao',
        'Xupeng Miao',
        'Gabriele Oliaro',
        'Zhihao Zhang',
        'Qing Li',
        'Yong Jiang',
        'Zhihao Jia',
      ],
    });
    expect(papers[0]?.abstract).toMatch(/^Finetuning large language models \(LLMs\) has been/);
    expect(papers[0]?.abstract).toMatch(/up to 7×\.$/);
  });

  it('ignores the award icon in the button row; a paper without abstract has none', () => {
    expect(papers[1]?.authors).toEqual(['Alex Example', 'Sam Placeholder']);
    expect(papers[2]?.abstract).toBeUndefined();
  });

  it('reads the last paper', () => {
    expect(papers[4]).toMatchObject({
      id: 'acl:2024.acl-short.2',
      title: 'Position Bias in Pairwise Preference Judgements by Language Models',
      authors: ['Casey Placeholder', 'Dana Example'],
    });
    expect(papers[4]?.abstract).toMatch(/^When asked which of two answers is better/);
    expect(papers[3]?.title).toBe(
      'Shortcut Learning in Natural Language Inference Revisited with LLMs',
    );
  });
});

describe('ACL Anthology volume page (hand-made: acl-volume-2022.in2writing-1.html)', () => {
  const doc = loadFixture(VOLUME_PAGE);
  const papers = extractAll(doc);

  it('finds the 3 papers; the volume DOI in the details list goes to none of them', () => {
    expect(papers).toHaveLength(3);
    expectWellFormed(papers);
    expect(doc.body.textContent).toContain('10.18653/v1/2022.in2writing-1');
  });

  it('reads the first and the last paper', () => {
    expect(papers[0]).toMatchObject({
      id: 'acl:2022.in2writing-1.1',
      title: 'Data-to-text systems as writing environment',
      authors: [
        'Adela Schneider',
        'Andreas Madsack',
        'Johanna Heininger',
        'Ching-Yi Chen',
        'Robert Weißgraeber',
      ],
    });
    expect(papers[0]?.abstract).toMatch(/^Today, data-to-text systems/);
    expect(papers[2]).toMatchObject({
      id: 'acl:2022.in2writing-1.3',
      title: 'A Survey of Interaction Logs for Writing Assistants',
      authors: ['Kim Illustration'],
    });
    expect(papers[2]?.abstract).toBeUndefined();
  });
});

describe('ACL Anthology identity', () => {
  const row = (links: string, href = '/2024.acl-long.7/') =>
    parseHtml(
      `<div class="d-sm-flex align-items-stretch mb-3"><div class="d-block me-2 list-button-row">${links}</div><span class=d-block><strong><a class=align-middle href=${href}>T</a></strong><br><a href=/people/a-b/>A B</a></span></div>`,
    ).body.firstElementChild as Element;

  it('keeps a DOI the row shows as doi, the Anthology id staying canonical', () => {
    const card = row('<a class="badge" href="https://doi.org/10.18653/v1/2024.acl-long.7">doi</a>');
    expect(adapter.extractPaper(card)).toMatchObject({
      id: 'acl:2024.acl-long.7',
      aclId: '2024.acl-long.7',
      doi: '10.18653/v1/2024.acl-long.7',
      url: 'https://aclanthology.org/2024.acl-long.7/',
    });
    expect(adapter.paperIdOf?.(card)).toBe('acl:2024.acl-long.7');
  });

  it('makes a row that links arXiv an arXiv paper, keeping the Anthology id', () => {
    const card = row('<a class="badge" href="https://arxiv.org/abs/2402.01234v2">arXiv</a>');
    expect(adapter.extractPaper(card)).toMatchObject({
      id: 'arxiv:2402.01234',
      arxivId: '2402.01234',
      aclId: '2024.acl-long.7',
      url: 'https://arxiv.org/abs/2402.01234',
    });
    expect(adapter.paperIdOf?.(card)).toBe('arxiv:2402.01234');
  });

  it('reads absolute and old-style paper links, and rejects links to other hosts', () => {
    expect(adapter.paperIdOf?.(row('', 'https://aclanthology.org/P19-1001/'))).toBe('acl:P19-1001');
    expect(adapter.paperIdOf?.(row('', '//evil.example/2024.acl-long.7/'))).toBeUndefined();
    expect(adapter.paperIdOf?.(row('', 'https://evil.example/2024.acl-long.7/'))).toBeUndefined();
    expect(adapter.paperIdOf?.(row('', '/volumes/2024.acl-long/'))).toBeUndefined();
  });

  it('treats front matter as no card, new-style and old-style', () => {
    for (const href of ['/2024.acl-long.0/', '/P19-1000/', '/W19-4200/']) {
      expect(adapter.findCards(row('', href))).toEqual([]);
    }
    expect(adapter.findCards(row('', '/P19-1100/'))).toHaveLength(1);
  });

  it('gives the same id from paperIdOf as from extractPaper on every fixture row', () => {
    for (const name of [AUTHOR_PAGE, EVENT_PAGE, VOLUME_PAGE]) {
      for (const card of adapter.findCards(loadFixture(name))) {
        expect(adapter.paperIdOf?.(card)).toBe(adapter.extractPaper(card).id);
      }
    }
  });
});

describe('ACL Anthology broken rows', () => {
  it('skips a row whose title link is gone and extracts the others', () => {
    const doc = loadFixture(AUTHOR_PAGE);
    const cards = adapter.findCards(doc);
    const broken = cards[2] as Element;
    broken.querySelector('strong > a')?.removeAttribute('href');
    expect(() => adapter.extractPaper(broken)).toThrow(CardExtractionError);
    expect(() => adapter.extractPaper(broken)).toThrow(
      expect.objectContaining({ adapterId: 'acl', field: 'id' }),
    );
    expect(adapter.paperIdOf?.(broken)).toBeUndefined();
    const found = adapter.findCards(doc);
    expect(found).toHaveLength(5);
    expect(found).not.toContain(broken);
    expect(found.map((card) => adapter.extractPaper(card).id)).toHaveLength(5);
  });

  it('throws CardExtractionError for a row whose title is empty', () => {
    const doc = loadFixture(EVENT_PAGE);
    const card = adapter.findCards(doc)[1] as Element;
    const link = card.querySelector('strong > a') as Element;
    link.textContent = '  ';
    expect(() => adapter.extractPaper(card)).toThrow(
      expect.objectContaining({ name: 'CardExtractionError', field: 'title' }),
    );
    // The others still extract.
    expect(
      adapter
        .findCards(doc)
        .filter((other) => other !== card)
        .map((c) => adapter.extractPaper(c).id),
    ).toHaveLength(4);
  });

  it('never throws from findCards; a row root finds itself', () => {
    expect(adapter.findCards(parseHtml(''))).toEqual([]);
    expect(
      adapter.findCards(
        parseHtml('<div class="d-sm-flex align-items-stretch"><strong><a>x</a></strong></div>'),
      ),
    ).toEqual([]);
    const doc = loadFixture(AUTHOR_PAGE);
    const card = adapter.findCards(doc)[3] as Element;
    expect(adapter.findCards(card)).toEqual([card]);
  });

  it('reads no authors when asked not to', () => {
    const card = adapter.findCards(loadFixture(AUTHOR_PAGE))[0] as Element;
    expect(adapter.extractPaper(card, undefined, { authors: false }).authors).toEqual([]);
  });
});

describe('ACL Anthology text handling', () => {
  it('returns hostile markup in the text as plain text', () => {
    const doc = parseHtml(
      '<div class="d-sm-flex align-items-stretch"><span class=d-block><strong><a href=/2024.acl-long.9/>&lt;img src=x onerror=alert(1)&gt;</a></strong><br><a href=/people/x/>&lt;script&gt;x&lt;/script&gt;</a></span></div><div class="card abstract-collapse" id=abstract-2024--acl-long--9><div class=card-body>&lt;b&gt;bold&lt;/b&gt;</div></div>',
    );
    const paper = adapter.extractPaper(adapter.findCards(doc)[0] as Element);
    expect(paper.title).toBe('<img src=x onerror=alert(1)>');
    expect(paper.authors).toEqual(['<script>x</script>']);
    expect(paper.abstract).toBe('<b>bold</b>');
    expect(doc.querySelector('img, script, b')).toBeNull();
  });

  it('does not take the next row’s abstract when the ids differ', () => {
    const doc = parseHtml(
      '<div class="d-sm-flex align-items-stretch"><span class=d-block><strong><a href=/2024.acl-long.9/>T</a></strong></span></div><div class="card abstract-collapse" id=abstract-2024--acl-long--10><div class=card-body>other</div></div>',
    );
    expect(adapter.extractPaper(adapter.findCards(doc)[0] as Element).abstract).toBeUndefined();
  });
});

describe('ACL Anthology URLs', () => {
  it.each(EXAMPLE_URLS.acl)('matches its example %s', (url) => {
    expect(adapter.matches(new URL(url))).toBe(true);
  });

  it.each([
    'https://aclanthology.org/',
    'https://aclanthology.org/faq/',
    'https://aclanthology.org/faq/copyright/',
    'https://aclanthology.org/venues/acl/',
    'https://aclanthology.org/2024.acl-long.1/',
    'https://aclanthology.org/2024.acl-long.1.pdf',
    'https://aclanthology.org/volumes/2024.acl-long.bib',
    'https://aclanthology.org/people/',
    'https://aclanthology.org/search/?q=bias',
    'http://aclanthology.org/events/acl-2024/',
    'https://aclanthology.org.evil.example/events/acl-2024/',
  ])('does not match %s', (url) => {
    expect(adapter.matches(new URL(url))).toBe(false);
  });
});
