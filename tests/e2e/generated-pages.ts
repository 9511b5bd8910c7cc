import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from './harness';

/**
 * Big listing pages built from the real fixture markup, for the benchmark and the 2,000-card test:
 * the real entries are repeated with fresh, valid arXiv ids (and the Hugging Face page's embedded
 * JSON is rebuilt to match), so the extension sees exactly the markup the sites serve, only more.
 */

/** A fresh new-style id for entry `index`: 2301.10000, 2301.10001, ... (valid month, 5 digits). */
export function freshArxivId(index: number, prefix = '2301'): string {
  return `${prefix}.${String(10_000 + index).padStart(5, '0')}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** /list/q-fin/new with its 13 new entries (with abstracts) repeated to `count` entries. */
export function buildArxivListing(count: number): { html: string; ids: string[] } {
  const source = readFileSync(join(FIXTURES_DIR, 'arxiv/list_q-fin_new.html'), 'utf8');
  const firstList = source.indexOf("<dl id='articles'>");
  const listEnd = source.indexOf('</dl>', firstList);
  const lastListEnd = source.lastIndexOf('</dl>') + '</dl>'.length;
  const section = source.slice(firstList, listEnd);
  const heading = section.match(/<h3>[\s\S]*?<\/h3>/)?.[0] ?? '';
  const entries = [...section.matchAll(/<dt>[\s\S]*?<\/dd>/g)].map((m) => m[0]);
  if (entries.length === 0) throw new Error('no entries in list_q-fin_new.html');
  const ids: string[] = [];
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = entries[i % entries.length] as string;
    const originalId = entry.match(/href ?="\/abs\/([^"]+)"/)?.[1];
    if (!originalId) throw new Error('entry without an id link');
    const id = freshArxivId(i);
    ids.push(`arxiv:${id}`);
    parts.push(
      entry
        .replace(new RegExp(escapeRegExp(originalId), 'g'), id)
        .replace(/<a name='item\d+'>\[\d+\]<\/a>/, `<a name='item${i + 1}'>[${i + 1}]</a>`),
    );
  }
  const list = `<dl id='articles'>\n${heading.replace(/\d+ of \d+/, `${count} of ${count}`)}\n${parts.join('\n')}\n</dl>`;
  return { html: source.slice(0, firstList) + list + source.slice(lastListEnd), ids };
}

const HTML_ENTITIES: Record<string, string> = {
  '&quot;': '"',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&#39;': "'",
};

function unescapeAttribute(value: string): string {
  return value.replace(/&(quot|amp|lt|gt|#39);/g, (entity) => HTML_ENTITIES[entity] ?? entity);
}

/** Escapes text for an HTML attribute or element (quotes too, which text does not need). */
function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

interface DailyPaper {
  paper: { id: string; title: string };
}

/** The Hugging Face daily list with its 28 real cards repeated to `count` (ids 2609.50000...). */
export function buildHfList(count: number): {
  html: string;
  ids: string[];
  cardHtml: (index: number) => string;
} {
  const source = readFileSync(join(FIXTURES_DIR, 'huggingface/hf-daily-2026-09-28.html'), 'utf8');
  const articles = [...source.matchAll(/<article[\s\S]*?<\/article>/g)];
  const first = articles[0];
  const last = articles.at(-1);
  if (!first || !last || first.index === undefined || last.index === undefined) {
    throw new Error('no cards in hf-daily-2026-09-28.html');
  }
  const templates = articles.map((m) => m[0]);
  const templateIds = templates.map(
    (html) => html.match(/href="\/papers\/(\d{4}\.\d{4,5})"/)?.[1] ?? '',
  );

  const propsMatch = source.match(/data-target="DailyPapers" data-props="([^"]*)"/);
  if (!propsMatch?.[1]) throw new Error('no DailyPapers data in the fixture');
  const props = JSON.parse(unescapeAttribute(propsMatch[1])) as { dailyPapers: DailyPaper[] };
  const byId = new Map(props.dailyPapers.map((entry) => [entry.paper.id, entry]));

  const cardHtml = (index: number) => {
    const k = index % templates.length;
    const id = freshArxivId(index, '2609');
    return (templates[k] as string).replace(
      new RegExp(escapeRegExp(templateIds[k] as string), 'g'),
      id,
    );
  };
  const ids: string[] = [];
  const cards: string[] = [];
  const daily: DailyPaper[] = [];
  for (let i = 0; i < count; i++) {
    const id = freshArxivId(i, '2609');
    ids.push(`arxiv:${id}`);
    cards.push(cardHtml(i));
    const original = byId.get(templateIds[i % templates.length] as string);
    if (original) daily.push({ ...original, paper: { ...original.paper, id } });
  }
  const grid = cards.join('<!----> ');
  let html = source.slice(0, first.index) + grid + source.slice(last.index + last[0].length);
  html = html.replace(
    propsMatch[0],
    `data-target="DailyPapers" data-props="${escapeAttribute(JSON.stringify({ ...props, dailyPapers: daily }))}"`,
  );
  return { html, ids, cardHtml };
}

/**
 * arXiv search results (search_of.html) with the first result's title and abstract replaced by
 * `paper`'s: a real listing's markup around a paper the test chooses. Its id stays 0711.0418.
 */
export function arxivSearchWith(paper: { title: string; abstract: string }): string {
  const source = readFileSync(join(FIXTURES_DIR, 'arxiv/search_of.html'), 'utf8');
  const first = source.indexOf('<li class="arxiv-result">');
  const end = source.indexOf('</li>', first);
  const result = source
    .slice(first, end)
    .replace(
      /(<p class="title is-5 mathjax">)[\s\S]*?(<\/p>)/,
      `$1${escapeAttribute(paper.title)}$2`,
    )
    .replace(
      /(<span class="abstract-(?:short|full)[^>]*>)[\s\S]*?(<a class="is-size-7")/g,
      `$1${escapeAttribute(paper.abstract)}$2`,
    );
  if (!result.includes(escapeAttribute(paper.title)))
    throw new Error('search_of.html changed shape');
  return source.slice(0, first) + result + source.slice(end);
}
