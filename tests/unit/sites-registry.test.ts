import { describe, expect, it } from 'vitest';
import { arxivAdapter } from '../../lib/sites/arxiv';
import { huggingfaceAdapter } from '../../lib/sites/huggingface';
import { CONTENT_MATCHES } from '../../lib/sites/matches';
import { adapterForUrl, SITE_ADAPTERS } from '../../lib/sites/registry';
import { EXAMPLE_URLS } from './site-examples';
import { loadFixture } from './sites-fixtures';

describe('SITE_ADAPTERS', () => {
  it('lists each adapter once, with a unique id and example URLs', () => {
    expect(SITE_ADAPTERS).toEqual([arxivAdapter, huggingfaceAdapter]);
    expect(new Set(SITE_ADAPTERS.map((adapter) => adapter.id)).size).toBe(SITE_ADAPTERS.length);
    for (const adapter of SITE_ADAPTERS) expect(EXAMPLE_URLS[adapter.id].length).toBeGreaterThan(0);
  });
});

describe('URL matrix', () => {
  const examples = SITE_ADAPTERS.flatMap((owner) =>
    EXAMPLE_URLS[owner.id].map((url) => [owner.id, url] as const),
  );

  it.each(examples)('%s example %s is claimed by its adapter and no other', (ownerId, url) => {
    const claimedBy = SITE_ADAPTERS.filter((adapter) => adapter.matches(new URL(url)));
    expect(claimedBy.map((adapter) => adapter.id)).toEqual([ownerId]);
    expect(adapterForUrl(url)?.id).toBe(ownerId);
    expect(adapterForUrl(new URL(url))?.id).toBe(ownerId);
  });

  it.each(examples)('%s example %s is inside the content script matches', (_, url) => {
    const inside = CONTENT_MATCHES.some((pattern) =>
      new RegExp(`^${pattern.replace(/[.?]/g, '\\$&').replaceAll('*', '.*')}$`).test(url),
    );
    expect(inside).toBe(true);
  });

  // Pages that can never show paper cards are not claimed at all (rather than claimed and yielding
  // zero cards), so the content script does nothing on them.
  it.each([
    'https://huggingface.co/models',
    'https://huggingface.co/datasets',
    'https://huggingface.co/',
    'https://huggingface.co/akhaliq',
    'https://huggingface.co/papers/submit',
    'https://huggingface.co/papers/date/yesterday',
    'https://huggingface.co/papers/2406.12345/community',
    'https://huggingface.co/papers/hep-th/9901001',
    'https://huggingface.co/collections/akhaliq/papers',
    'http://huggingface.co/papers',
    'https://huggingface.co.evil.example/papers',
    'https://arxiv.org/',
    'https://arxiv.org/help',
    'https://arxiv.org/help/api',
    'https://arxiv.org/pdf/2303.08867',
    'https://arxiv.org/html/2303.08867v1',
    'https://arxiv.org/format/2303.08867',
    'https://arxiv.org/abs/not-an-id',
    'https://arxiv.org/abs/',
    'https://arxiv.org/list/',
    'https://arxiv.org/list/cs.LG/',
    'https://arxiv.org/search/',
    'https://arxiv.org/search/?query=&searchtype=all',
    'https://arxiv.org/search/advanced',
    'https://info.arxiv.org/help/index.html',
    'https://arxiv.org.evil.example/list/cs/new',
    'https://example.com/abs/2303.08867',
  ])('claims no adapter for %s', (url) => {
    expect(adapterForUrl(url)).toBeUndefined();
  });

  it('returns undefined for strings that are no URL', () => {
    expect(adapterForUrl('')).toBeUndefined();
    expect(adapterForUrl('arxiv.org/list/cs/new')).toBeUndefined();
    expect(adapterForUrl('not a url')).toBeUndefined();
  });

  it('accepts a trailing slash and query strings on claimed pages', () => {
    expect(adapterForUrl('https://huggingface.co/papers/')?.id).toBe('huggingface');
    expect(adapterForUrl('https://huggingface.co/papers?date=2026-09-28')?.id).toBe('huggingface');
    expect(adapterForUrl('https://arxiv.org/list/cs.LG/new/')?.id).toBe('arxiv');
    expect(adapterForUrl('https://arxiv.org/abs/2303.08867?context=q-fin')?.id).toBe('arxiv');
  });
});

describe('adapters on each other’s pages', () => {
  // A page claimed by one adapter must not produce cards under the other (defence in depth).
  it('finds no Hugging Face cards on arXiv pages, and no arXiv cards on Hugging Face pages', () => {
    for (const name of ['list_q-fin_new.html', 'search_of.html', 'abs_2303.08867.html']) {
      expect(huggingfaceAdapter.findCards(loadFixture('arxiv', name))).toEqual([]);
    }
    for (const name of ['hf-daily-2026-09-28.html', 'hf-paper-2306.15895.html']) {
      expect(arxivAdapter.findCards(loadFixture('huggingface', name))).toEqual([]);
    }
  });
});
