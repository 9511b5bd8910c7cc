import type { FixtureRoute } from './harness';

/** A fixture page served at the URL it stands for, with what the extension must find on it. */
export interface FixturePage extends FixtureRoute {
  name: string;
  cards: number;
  /** Distinct papers, when a page lists one paper twice. */
  uniquePapers?: number;
  firstId?: string;
  /** Saved under docs/ by the end-to-end suite, for the README. */
  screenshot?: string;
}

// Origins and hand-made status of every file: tests/fixtures/README.md.
export const PAGES: FixturePage[] = [
  {
    name: 'arxiv-new',
    url: 'https://arxiv.org/list/q-fin/new',
    file: 'arxiv/list_q-fin_new.html',
    cards: 16,
    firstId: 'arxiv:2303.08867',
    screenshot: 'screenshot-arxiv.png',
  },
  {
    name: 'arxiv-new-cross-lists',
    url: 'https://arxiv.org/list/cs/new',
    file: 'arxiv/list_cs_new.html',
    cards: 2,
  },
  {
    name: 'arxiv-new-empty',
    url: 'https://arxiv.org/list/cs.LG/new',
    file: 'arxiv/list_cs.LG_new_empty.html',
    cards: 0,
  },
  {
    name: 'arxiv-recent',
    url: 'https://arxiv.org/list/astro-ph.CO/recent',
    file: 'arxiv/list_astro-ph.CO_recent.html',
    cards: 50,
  },
  {
    name: 'arxiv-pastweek',
    url: 'https://arxiv.org/list/astro-ph/pastweek?show=25',
    file: 'arxiv/list_astro-ph_pastweek_show25.html',
    cards: 25,
  },
  {
    name: 'arxiv-search',
    url: 'https://arxiv.org/search/?query=of&searchtype=all',
    file: 'arxiv/search_of.html',
    cards: 13,
  },
  {
    name: 'arxiv-abs',
    url: 'https://arxiv.org/abs/2609.31093',
    file: 'arxiv/abs_2609.31093.html',
    cards: 1,
    firstId: 'arxiv:2609.31093',
  },
  {
    name: 'hf-daily',
    url: 'https://huggingface.co/papers/date/2026-09-28',
    file: 'huggingface/hf-daily-2026-09-28.html',
    cards: 28,
    firstId: 'arxiv:2609.31620',
    screenshot: 'screenshot-huggingface.png',
  },
  {
    name: 'hf-today',
    url: 'https://huggingface.co/papers',
    file: 'huggingface/hf-daily-2026-09-28.html',
    cards: 28,
  },
  {
    name: 'hf-week',
    url: 'https://huggingface.co/papers/week/2026-W40',
    file: 'huggingface/hf-week-2026-W40.html',
    cards: 6,
  },
  {
    name: 'hf-month',
    url: 'https://huggingface.co/papers/month/2026-09',
    file: 'huggingface/hf-month-2026-09.html',
    cards: 5,
  },
  {
    name: 'hf-trending',
    url: 'https://huggingface.co/papers/trending',
    file: 'huggingface/hf-trending.html',
    cards: 5,
  },
  {
    name: 'hf-search',
    url: 'https://huggingface.co/papers?q=training+data+bias',
    file: 'huggingface/hf-search-training-data-bias.html',
    cards: 5,
    screenshot: 'screenshot-huggingface-search.png',
  },
  {
    name: 'hf-paper',
    url: 'https://huggingface.co/papers/2306.15895',
    file: 'huggingface/hf-paper-2306.15895.html',
    cards: 1,
    firstId: 'arxiv:2306.15895',
  },
];

export function pageByName(name: string): FixturePage {
  const page = PAGES.find((p) => p.name === name);
  if (!page) throw new Error(`no fixture page named ${name}`);
  return page;
}
