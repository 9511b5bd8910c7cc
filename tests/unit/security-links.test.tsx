/**
 * Links (docs/SECURITY.md, "Links"): every link BiasLens renders or exports is an https URL of
 * arXiv or Hugging Face built from the paper's canonical id, never a URL a page, a message or a
 * file supplied. Covers the adapters (the paper's `url`), every write path (save, import, restore),
 * the popup (title and PDF links), the card UI (no links at all) and the JSON export.
 */
import { cleanup, render, waitFor } from '@testing-library/preact';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { safeHttpsUrl } from '../../components/format';
import { PopupApp } from '../../components/popup-app';
import { createRequestHandler } from '../../lib/background/handler';
import { buildExport, serializeExport } from '../../lib/db/export';
import { savePaper } from '../../lib/db/papers';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import type { PaperRecord } from '../../lib/db/types';
import { arxivUrls, paperLinks } from '../../lib/paper-id';
import { arxivAdapter } from '../../lib/sites/arxiv';
import { huggingfaceAdapter } from '../../lib/sites/huggingface';
import { parseHtml } from './sites-fixtures';

const HOSTILE_URLS = [
  'javascript:alert(document.domain)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'https://evil.example/abs/2406.12345',
  'https://arxiv.org.evil.example/abs/2406.12345',
  'http://arxiv.org/abs/2406.12345',
  'data:text/html,<script>alert(1)</script>',
  '//evil.example/papers/2406.12345',
];
/** What a rendered or exported link may be: one of the three pages of a paper. */
const KNOWN_LINK =
  /^https:\/\/(?:arxiv\.org\/(?:abs|pdf)|huggingface\.co\/papers)\/(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/;

const record = (urls: string): PaperRecord => ({
  id: 'arxiv:2406.12345',
  arxivId: '2406.12345',
  urls: { abs: urls, pdf: urls, huggingface: urls },
  title: '<img src=x onerror="window.__pwned=1"> A hostile title',
  authors: ['<svg onload=alert(1)>'],
  topics: ['social'],
  source: 'arxiv',
  savedAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  note: '<script>alert(1)</script>',
  tags: [],
});

let db: BiasLensDB;
let counter = 0;
let handle: ReturnType<typeof createRequestHandler>;
const popupSender = () => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/popup.html'),
});

beforeEach(() => {
  fakeBrowser.reset();
  counter += 1;
  db = openDatabase(`biaslens-security-links-${counter}-${Date.now()}`);
  handle = createRequestHandler(db, { broadcast: () => {}, now: () => 1_700_000_000_000 });
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => handle(message, popupSender()));
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await db.delete();
});

describe('paperLinks', () => {
  it.each([
    ['arxiv:2406.12345', 'https://arxiv.org/abs/2406.12345'],
    ['arxiv:hep-th/9901001', 'https://arxiv.org/abs/hep-th/9901001'],
    ['arxiv:math.GT/0309136', 'https://arxiv.org/abs/math.GT/0309136'],
  ])('builds the pages of %s from the id', (id, abs) => {
    expect(paperLinks(id)?.abs).toBe(abs);
  });

  it.each([
    ...HOSTILE_URLS,
    'arxiv:2406.12345v2',
    '2406.12345',
    'arxiv:2406.12345/../../evil',
    'arxiv:2406.12345?x=1',
    'arxiv:',
    '',
  ])('gives no link for %j', (id) => {
    expect(paperLinks(id)).toBeUndefined();
  });

  it('only ever gives https links to the paper pages of the two sites (property)', () => {
    const newStyle = fc
      .tuple(
        fc.integer({ min: 15, max: 99 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 99_999 }),
      )
      .map(([yy, mm, n]) => `${yy}${String(mm).padStart(2, '0')}.${String(n).padStart(5, '0')}`);
    fc.assert(
      fc.property(fc.oneof(newStyle, fc.string()), (bare) => {
        const links = paperLinks(`arxiv:${bare}`);
        if (links) for (const link of Object.values(links)) expect(link).toMatch(KNOWN_LINK);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it.each(HOSTILE_URLS)('safeHttpsUrl refuses %j', (url) => {
    expect(safeHttpsUrl(url)).toBeUndefined();
  });

  it('safeHttpsUrl rebuilds a paper link from its id', () => {
    expect(safeHttpsUrl('https://arxiv.org/abs/2406.12345v3?context=cs#x')).toBe(
      'https://arxiv.org/abs/2406.12345',
    );
    expect(safeHttpsUrl('https://huggingface.co/papers/2406.12345')).toBe(
      'https://huggingface.co/papers/2406.12345',
    );
    expect(safeHttpsUrl('https://arxiv.org/pdf/2406.12345v1')).toBe(
      'https://arxiv.org/pdf/2406.12345',
    );
  });
});

describe('adapters', () => {
  it('give a card its canonical URL whatever its other links say, and skip off-site id links', () => {
    const doc = parseHtml(`<dl id="articles">
      <dt><a href="javascript:alert(1)">[1]</a> <a href="/abs/2406.12345" title="Abstract">arXiv:2406.12345</a></dt>
      <dd><div class="meta"><div class="list-title"><a href="javascript:alert(2)">Fair ranking</a></div></div></dd>
      <dt><a href="https://evil.example/abs/2406.54321" title="Abstract">arXiv:2406.54321</a></dt>
      <dd><div class="meta"><div class="list-title">Off-site id link</div></div></dd>
    </dl>`);
    const cards = arxivAdapter.findCards(doc);
    const papers = cards.flatMap((card) => {
      try {
        return [arxivAdapter.extractPaper(card)];
      } catch {
        return [];
      }
    });
    expect(papers.map((paper) => paper.url)).toEqual(['https://arxiv.org/abs/2406.12345']);

    const hf = parseHtml(`<article>
      <a href="/papers/2406.12345"><img alt=""></a>
      <h3><a href="javascript:alert(3)">Fair ranking</a></h3>
      <a href="https://evil.example/papers/2406.99999">comments</a>
    </article>`);
    const [article] = huggingfaceAdapter.findCards(hf);
    const paper = huggingfaceAdapter.extractPaper(article as Element);
    expect(paper.url).toBe('https://huggingface.co/papers/2406.12345');
    expect(paper.id).toBe('arxiv:2406.12345');
  });
});

describe('write paths store only URLs built from the id', () => {
  it.each(HOSTILE_URLS)('save-paper ignores a page url of %j', async (url) => {
    const response = await handle(
      {
        type: 'save-paper',
        paper: {
          id: 'arxiv:2406.12345',
          arxivId: '2406.12345',
          title: 'T',
          authors: [],
          url,
          site: 'arxiv',
        },
        topics: [],
      },
      { id: fakeBrowser.runtime.id, url: 'https://arxiv.org/list/cs/new' },
    );
    expect(response.ok).toBe(true);
    expect((await db.papers.get('arxiv:2406.12345'))?.urls).toEqual(arxivUrls('2406.12345'));
  });

  it('import-papers ignores the URLs in the file', async () => {
    const file = buildExport([record('javascript:alert(1)')], 1_700_000_000_000);
    const response = await handle(
      { type: 'import-papers', text: serializeExport(file), apply: true },
      popupSender(),
    );
    expect(response.ok, JSON.stringify(response)).toBe(true);
    expect((await db.papers.get('arxiv:2406.12345'))?.urls).toEqual(arxivUrls('2406.12345'));
  });

  it('the JSON export rebuilds URLs from the id even if a stored record held others', () => {
    const [exported] = buildExport([record('https://evil.example/x')], 0).papers;
    expect(exported?.urls).toEqual(arxivUrls('2406.12345'));
  });
});

describe('the popup', () => {
  it.each(HOSTILE_URLS)(
    'links a paper stored with URL %j only to its arXiv pages, and shows markup as text',
    async (url) => {
      await db.papers.put(record(url));
      const { container } = render(<PopupApp db={db} now={() => 1_700_000_000_000} />);
      await waitFor(() => expect(container.querySelector('.paper-title')).not.toBeNull());
      const links = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      expect(links.length).toBeGreaterThan(0);
      for (const href of links) expect(href).toMatch(KNOWN_LINK);
      expect(container.querySelector('.paper-title')?.textContent).toBe(record(url).title);
      for (const tag of ['img', 'svg', 'script', 'iframe', 'object']) {
        expect(container.querySelector(tag), tag).toBeNull();
      }
      expect((window as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
    },
  );

  it('opens links in a new tab without an opener', async () => {
    await savePaper(
      db,
      {
        id: 'arxiv:2406.12345',
        arxivId: '2406.12345',
        title: 'T',
        authors: [],
        url: '',
        site: 'arxiv',
      },
      [],
      1,
    );
    const { container } = render(<PopupApp db={db} />);
    await waitFor(() => expect(container.querySelector('.paper-title a')).not.toBeNull());
    for (const anchor of container.querySelectorAll('a[target="_blank"]')) {
      expect(anchor.getAttribute('rel')).toContain('noopener');
    }
  });
});

describe('the popup, for papers of other schemes', () => {
  /** The only links a DOI / ACL / OpenReview / proceedings paper may have. */
  const OTHER_SITES =
    /^https:\/\/(?:doi\.org\/10\.\d{4,9}\/|aclanthology\.org\/[\w.-]+\/$|openreview\.net\/forum\?id=[\w-]+$|proceedings\.neurips\.cc\/paper_files\/paper\/\d{4}\/hash\/[0-9a-f]{32}-Abstract(?:-\w+)?\.html$|proceedings\.mlr\.press\/[vr]\d+\/[\w-]+\.html$|arxiv\.org\/(?:abs|pdf)\/)/;

  it.each([
    ['a DOI paper', { id: 'doi:10.1145/3442188.3445922', doi: '10.1145/3442188.3445922' }, 2],
    ['an ACL paper', { id: 'acl:2024.acl-long.1', aclId: '2024.acl-long.1' }, 1],
    ['an OpenReview paper', { id: 'openreview:aBcD3fGh1j', openreviewId: 'aBcD3fGh1j' }, 1],
    ['a PMLR paper', { id: 'pmlr:v202/aamand23a' }, 1],
    [
      'a DOI paper linked to arXiv',
      { id: 'doi:10.1145/3442188.3445922', doi: '10.1145/3442188.3445922', arxivId: '2101.00001' },
      3,
    ],
    // Hostile stored fields (an old build, a tampered database): no link from them.
    ['a hostile DOI field', { id: 'acl:2024.acl-long.1', doi: 'javascript:alert(1)//10.1/x' }, 1],
  ])('links %s only to its own pages, built from its ids', async (_name, ids, count) => {
    const { arxivId: _, ...base } = record('javascript:alert(1)');
    await db.papers.put({ ...base, ...ids, urls: { abs: 'javascript:alert(1)' } });
    const { container } = render(<PopupApp db={db} now={() => 1_700_000_000_000} />);
    await waitFor(() => expect(container.querySelector('.paper-title')).not.toBeNull());
    const links = [...container.querySelectorAll('.paper a')].map((a) => a.getAttribute('href'));
    expect(links).toHaveLength(count);
    for (const href of links) expect(href).toMatch(OTHER_SITES);
  });
});
