import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedPaper } from '../../lib/paper';
import { parsePaperId } from '../../lib/paper-id';
import { openreviewAdapter as adapter } from '../../lib/sites/openreview';
import { CardExtractionError } from '../../lib/sites/types';
import { EXAMPLE_URLS } from './site-examples';
import { parseHtml } from './sites-fixtures';

const GROUP_2024 = 'openreview-group-iclr2024.html';
const SUBMISSIONS_2024 = 'openreview-submissions-iclr2024.html';
const GROUP_2020_LEGACY = 'openreview-group-iclr2020-legacy.html';

const loadFixture = (name: string) =>
  parseHtml(readFileSync(resolve(import.meta.dirname, '../fixtures/openreview', name), 'utf8'));

function extractAll(doc: Document): ExtractedPaper[] {
  return adapter.findCards(doc).map((card) => adapter.extractPaper(card));
}

/** Every id canonical and unique; every url built from the id; the forum id always kept. */
function expectWellFormed(papers: ExtractedPaper[]): void {
  for (const paper of papers) {
    const parsed = parsePaperId(paper.id);
    expect(parsed).toBeDefined();
    if (parsed?.scheme === 'openreview') {
      expect(parsed.value).toBe(paper.openreviewId);
      expect(paper.url).toBe(`https://openreview.net/forum?id=${paper.openreviewId}`);
    } else {
      expect(parsed?.scheme).toBe('arxiv');
      expect(paper.url).toBe(`https://arxiv.org/abs/${paper.arxivId}`);
    }
    expect(paper.openreviewId).toMatch(/^[A-Za-z\d_-]{10}$/);
    expect(paper.site).toBe('openreview');
    expect(paper.title).not.toMatch(/\s{2}|^\s|\s$/);
  }
  expect(new Set(papers.map((paper) => paper.id)).size).toBe(papers.length);
}

describe('OpenReview venue page, React app (hand-made: openreview-group-iclr2024.html)', () => {
  const doc = loadFixture(GROUP_2024);
  const papers = extractAll(doc);

  it('finds the notes of every loaded tab: 6 orals and 3 spotlights', () => {
    expect(papers).toHaveLength(9);
    expectWellFormed(papers);
    expect(papers.map((paper) => paper.openreviewId)).toEqual([
      'KS8mIvetg2',
      '7Ttk3RzDeu',
      'ANvmVS2Yr0',
      'hnrB5YHoYu',
      'HE9eUQlAvo',
      '2dnO3LLiJ1',
      'VTF8yNQM66',
      'd8w0pmvXbZ',
      'IGzaH538fz',
    ]);
  });

  it('skips the console link and the decision in the activity tab', () => {
    // Both are `.note`s on the page, neither is a paper.
    expect(doc.querySelectorAll('.note')).toHaveLength(11);
    expect(papers.map((paper) => paper.title)).not.toContain('Paper Decision');
  });

  it('reads the first note: title, authors, abstract from the collapsed details', () => {
    expect(papers[0]).toMatchObject({
      id: 'openreview:KS8mIvetg2',
      openreviewId: 'KS8mIvetg2',
      title: 'Proving Test Set Contamination in Black-Box Language Models',
      authors: [
        'Yonatan Oren',
        'Nicole Meister',
        'Niladri S. Chatterji',
        'Faisal Ladhak',
        'Tatsunori Hashimoto',
      ],
      url: 'https://openreview.net/forum?id=KS8mIvetg2',
    });
    expect(papers[0]?.arxivId).toBeUndefined();
    // The abstract, not the TL;DR shown before it.
    expect(papers[0]?.abstract).toMatch(/^Benchmark data may have leaked into the pretraining/);
  });

  it('keeps quotes and accents of titles and names as shown', () => {
    expect(papers[4]?.title).toBe(
      '"What Data Benefits My Classifier?" Enhancing Model Performance and Interpretability through Influence-Based Data Selection',
    );
    expect(papers[2]?.authors).toContain('Stéphane Mallat');
  });

  it('makes a note whose title row links arXiv an arXiv paper, keeping the forum id', () => {
    expect(papers[5]).toMatchObject({
      id: 'arxiv:2309.16588',
      arxivId: '2309.16588',
      openreviewId: '2dnO3LLiJ1',
      title: 'Vision Transformers Need Registers',
      url: 'https://arxiv.org/abs/2309.16588',
    });
  });

  it('reads the last note, with an author who has no profile link', () => {
    expect(papers[8]).toMatchObject({
      id: 'openreview:IGzaH538fz',
      title:
        'GNNCert: Deterministic Certification of Graph Neural Networks against Adversarial Perturbations',
      authors: ['zaishuo xia', 'Han Yang', 'Binghui Wang', 'Jinyuan Jia'],
    });
    expect(papers[8]?.abstract).toMatch(/^We certify the robustness of graph classifiers/);
    expect(papers[7]?.authors).toHaveLength(16);
  });

  it('mounts after the h4 title row, inside the note', () => {
    const card = adapter.findCards(doc)[0] as Element;
    const { anchor, position } = adapter.mountPoint(card);
    expect(anchor.localName).toBe('h4');
    expect(position).toBe('after');
    expect(card.classList.contains('note')).toBe(true);
    expect(card.contains(anchor)).toBe(true);
  });
});

describe('OpenReview submissions list (hand-made: openreview-submissions-iclr2024.html)', () => {
  const papers = extractAll(loadFixture(SUBMISSIONS_2024));

  it('finds the 4 notes, which show titles and authors but no contents', () => {
    expect(papers).toHaveLength(4);
    expectWellFormed(papers);
    expect(papers.every((paper) => paper.abstract === undefined)).toBe(true);
  });

  it('reads the first and the last note', () => {
    expect(papers[0]).toMatchObject({
      id: 'openreview:LzPWWPAdY4',
      title: 'LoftQ: LoRA-Fine-Tuning-aware Quantization for Large Language Models',
    });
    expect(papers[0]?.authors).toHaveLength(7);
    expect(papers[1]?.authors.at(-1)).toBe('Jürgen Schmidhuber');
    expect(papers[3]).toMatchObject({
      id: 'openreview:g7ohDlTITL',
      title: 'Flow Matching on General Geometries',
      authors: ['Ricky T. Q. Chen', 'Yaron Lipman'],
    });
  });
});

describe('OpenReview legacy webfield markup (hand-made around a real note: openreview-group-iclr2020-legacy.html)', () => {
  const doc = loadFixture(GROUP_2020_LEGACY);
  const papers = extractAll(doc);

  it('finds the li.note of each tab', () => {
    expect(papers).toHaveLength(3);
    expectWellFormed(papers);
    expect(papers.map((paper) => paper.id)).toEqual([
      'openreview:H1eA7AEtvS',
      'openreview:r1xMH1BtvB',
      'openreview:rkgpv2VFvr',
    ]);
  });

  it('reads the real note: title trimmed from the indented link, email-profile authors, abstract', () => {
    expect(papers[2]).toMatchObject({
      openreviewId: 'rkgpv2VFvr',
      title: 'Sharing Knowledge in Multi-Task Deep Reinforcement Learning',
      authors: [
        "Carlo D'Eramo",
        'Davide Tateo',
        'Andrea Bonarini',
        'Marcello Restelli',
        'Jan Peters',
      ],
    });
    expect(papers[2]?.abstract).toMatch(
      /^We study the benefit of sharing representations among tasks to enable the effective use/,
    );
    expect(papers[2]?.abstract).toMatch(/in terms of sample efficiency and performance\.$/);
  });

  it('reads the first note', () => {
    expect(papers[0]).toMatchObject({
      title: 'ALBERT: A Lite BERT for Self-supervised Learning of Language Representations',
      authors: [
        'Zhenzhong Lan',
        'Mingda Chen',
        'Sebastian Goodman',
        'Kevin Gimpel',
        'Piyush Sharma',
        'Radu Soricut',
      ],
    });
    expect(papers[0]?.abstract).toMatch(/^Growing model size when pretraining/);
  });

  it('mounts after the h4 of an li.note', () => {
    const card = adapter.findCards(doc)[2] as Element;
    expect(card.localName).toBe('li');
    expect(adapter.mountPoint(card)).toEqual({
      anchor: card.querySelector('h4'),
      position: 'after',
    });
  });
});

describe('OpenReview notes replaced client-side', () => {
  it('finds a note given the note itself, or any ancestor, as the root', () => {
    const doc = loadFixture(GROUP_2024);
    const note = adapter.findCards(doc)[3] as Element;
    expect(adapter.findCards(note)).toEqual([note]);
    expect(adapter.findCards(note.parentElement as Element)).toEqual([note]);
    const panel = doc.getElementById('accept-spotlight') as Element;
    expect(adapter.findCards(panel)).toHaveLength(3);
  });

  it('reads the new paper when React reuses a note element for another one', () => {
    const doc = loadFixture(GROUP_2024);
    const note = adapter.findCards(doc)[0] as Element;
    expect(adapter.paperIdOf?.(note)).toBe('openreview:KS8mIvetg2');
    const link = note.querySelector('h4 a') as Element;
    link.setAttribute('href', '/forum?id=Zz9Yy8Xx7W');
    link.textContent = 'Another Paper';
    expect(adapter.paperIdOf?.(note)).toBe('openreview:Zz9Yy8Xx7W');
    expect(adapter.extractPaper(note)).toMatchObject({
      id: 'openreview:Zz9Yy8Xx7W',
      title: 'Another Paper',
    });
  });

  it('gives the same id from paperIdOf as from extractPaper on every fixture note', () => {
    for (const name of [GROUP_2024, SUBMISSIONS_2024, GROUP_2020_LEGACY]) {
      for (const card of adapter.findCards(loadFixture(name))) {
        expect(adapter.paperIdOf?.(card)).toBe(adapter.extractPaper(card).id);
      }
    }
  });
});

describe('OpenReview identity', () => {
  const note = (h4: string, more = '') =>
    parseHtml(`<div class="note"><h4>${h4}</h4>${more}</div>`).body.firstElementChild as Element;

  it('reads the forum id past noteId-free extra parameters and absolute links', () => {
    const referrer = note(
      '<a href="/forum?id=AbCdEf1234&amp;referrer=%5BAuthor%20Console%5D(%2Fgroup%3Fid%3DX)">T</a>',
    );
    expect(adapter.paperIdOf?.(referrer)).toBe('openreview:AbCdEf1234');
    const absolute = note('<a href="https://openreview.net/forum?id=AbCdEf1234">T</a>');
    expect(adapter.extractPaper(absolute).url).toBe('https://openreview.net/forum?id=AbCdEf1234');
    // A note linking itself with noteId = its own id is still the forum note.
    expect(
      adapter.paperIdOf?.(note('<a href="/forum?id=AbCdEf1234&amp;noteId=AbCdEf1234">T</a>')),
    ).toBe('openreview:AbCdEf1234');
  });

  it('finds no paper in replies, other hosts, or malformed ids', () => {
    for (const href of [
      '/forum?id=AbCdEf1234&amp;noteId=XyZxYz9876',
      'https://evil.example/forum?id=AbCdEf1234',
      '//evil.example/forum?id=AbCdEf1234',
      '/forum?id=a%20b',
      '/forum?id=',
      '/group?id=ICLR.cc/2024/Conference',
    ]) {
      const card = note(`<a href="${href}">T</a>`);
      expect(adapter.findCards(card)).toEqual([]);
      expect(adapter.paperIdOf?.(card)).toBeUndefined();
      expect(() => adapter.extractPaper(card)).toThrow(CardExtractionError);
    }
  });

  it('ignores an html-link that is not an arXiv abstract', () => {
    const card = note(
      '<a href="/forum?id=AbCdEf1234">T</a><a class="html-link" href="https://example.org/project">w</a>',
    );
    expect(adapter.extractPaper(card)).toMatchObject({ id: 'openreview:AbCdEf1234' });
    expect(adapter.extractPaper(card).arxivId).toBeUndefined();
  });

  it('falls back to the TL;DR when a note shows no abstract, and skips the et-al toggle', () => {
    const card = note(
      '<a href="/forum?id=AbCdEf1234">T</a>',
      '<div class="note-authors"><span><a href="/profile?id=~A_B1">A B</a>, <span>C D</span> <a href="#" class="show-all" role="button">et al. (3 additional authors not shown)</a> <span class="private-author-label">(privately revealed to you)</span></span></div>' +
        '<div class="note-content"><div><strong class="note-content-field">TL;DR:</strong> <span class="note-content-value">Short version.</span></div></div>',
    );
    const paper = adapter.extractPaper(card);
    expect(paper.authors).toEqual(['A B', 'C D']);
    expect(paper.abstract).toBe('Short version.');
  });
});

describe('OpenReview broken notes', () => {
  it('skips a note whose title link is gone and extracts the others', () => {
    const doc = loadFixture(GROUP_2024);
    const cards = adapter.findCards(doc);
    const broken = cards[1] as Element;
    broken.querySelector('h4 a')?.removeAttribute('href');
    expect(() => adapter.extractPaper(broken)).toThrow(
      expect.objectContaining({
        name: 'CardExtractionError',
        adapterId: 'openreview',
        field: 'id',
      }),
    );
    const found = adapter.findCards(doc);
    expect(found).toHaveLength(8);
    expect(found).not.toContain(broken);
    expect(found.map((card) => adapter.extractPaper(card).id)).toHaveLength(8);
  });

  it('throws CardExtractionError for a note whose title is empty', () => {
    const doc = loadFixture(SUBMISSIONS_2024);
    const card = adapter.findCards(doc)[2] as Element;
    (card.querySelector('h4 a') as Element).textContent = '';
    expect(() => adapter.extractPaper(card)).toThrow(
      expect.objectContaining({ name: 'CardExtractionError', field: 'title' }),
    );
    expect(adapter.paperIdOf?.(card)).toBe('openreview:hSyW5go0v8');
  });

  it('never throws from findCards', () => {
    expect(adapter.findCards(parseHtml(''))).toEqual([]);
    expect(
      adapter.findCards(parseHtml('<div class="note"></div><li class="note"><h4></h4></li>')),
    ).toEqual([]);
  });

  it('reads no authors when asked not to', () => {
    const card = adapter.findCards(loadFixture(GROUP_2024))[0] as Element;
    expect(adapter.extractPaper(card, undefined, { authors: false }).authors).toEqual([]);
  });
});

describe('OpenReview text handling', () => {
  it('returns hostile markup in the text as plain text', () => {
    const doc = parseHtml(
      '<div class="note"><h4><a href="/forum?id=AbCdEf1234">&lt;img src=x onerror=alert(1)&gt;</a></h4><div class="note-authors"><span><a href="/profile?id=~X1">&lt;script&gt;x&lt;/script&gt;</a></span></div><div class="note-content"><div><strong class="note-content-field">Abstract:</strong> <span class="note-content-value">&lt;iframe&gt;</span></div></div></div>',
    );
    const paper = adapter.extractPaper(adapter.findCards(doc)[0] as Element);
    expect(paper.title).toBe('<img src=x onerror=alert(1)>');
    expect(paper.authors).toEqual(['<script>x</script>']);
    expect(paper.abstract).toBe('<iframe>');
    expect(doc.querySelector('img, script, iframe')).toBeNull();
  });
});

describe('OpenReview URLs', () => {
  it.each(EXAMPLE_URLS.openreview)('matches its example %s', (url) => {
    expect(adapter.matches(new URL(url))).toBe(true);
  });

  it.each([
    'https://openreview.net/',
    'https://openreview.net/forum?id=KS8mIvetg2',
    'https://openreview.net/pdf?id=KS8mIvetg2',
    'https://openreview.net/group',
    'https://openreview.net/group?id=',
    'https://openreview.net/venue?id=ICLR.cc',
    'https://openreview.net/venues',
    'https://openreview.net/submissions',
    'https://openreview.net/profile?id=~Yonatan_Oren1',
    'https://openreview.net/login',
    'http://openreview.net/group?id=ICLR.cc/2024/Conference',
    'https://api.openreview.net/group?id=ICLR.cc/2024/Conference',
    'https://openreview.net.evil.example/group?id=ICLR.cc/2024/Conference',
  ])('does not match %s', (url) => {
    expect(adapter.matches(new URL(url))).toBe(false);
  });
});

describe('OpenReview performance', () => {
  it('handles 2,000 notes with collapsed contents in linear time', () => {
    const notes = Array.from({ length: 2000 }, (_, index) => {
      const id = `Id${String(index).padStart(8, '0')}`;
      return `<li><div class="note"><h4><a href="/forum?id=${id}">Paper ${index}</a><a class="pdf-link" href="/pdf?id=${id}"></a></h4><div class="note-authors"><span><a href="/profile?id=~A_B1">A B</a>, <span>C D</span></span></div><div class="collapse-widget"><a href="#c${index}">Show details</a><div class="collapse" id="c${index}"><div class="note-content"><div><strong class="note-content-field">Keywords:</strong> <span class="note-content-value">k</span></div><div><strong class="note-content-field">Abstract:</strong> <span class="note-content-value">Abstract ${index}</span></div></div></div></div></div></li>`;
    });
    const doc = parseHtml(`<div class="submissions-list"><ul>${notes.join('')}</ul></div>`);
    const started = performance.now();
    const papers = extractAll(doc);
    const elapsed = performance.now() - started;
    expect(papers).toHaveLength(2000);
    expect(papers[1999]).toMatchObject({
      id: 'openreview:Id00001999',
      authors: ['A B', 'C D'],
      abstract: 'Abstract 1999',
    });
    // Generous bound for slow CI; a quadratic scan takes far longer.
    expect(elapsed).toBeLessThan(5000);
  });
});
