/**
 * Hostile pages in happy-dom (docs/SECURITY.md, "Page text"): every real fixture page, with
 * markup, script, spoofing characters, lone surrogates and a 100 KB title injected as page text
 * (tests/fixtures/hostile/). The adapters must read the literal text (cleaned), find exactly the
 * cards of the original page, and create no element; the annotator must change nothing outside
 * its hosts but the documented attributes, and put no element made from page text in its UI;
 * and every card, the 100 KB one included, must make a valid save-paper request.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Annotator } from '../../lib/annotate/annotator';
import { fitToLimits } from '../../lib/annotate/port';
import { parseRequest } from '../../lib/messages';
import type { ExtractedPaper } from '../../lib/paper';
import { adapterForUrl } from '../../lib/sites/registry';
import { cleanText, MAX_FIELD_CHARS } from '../../lib/sites/text';
import type { SiteAdapter } from '../../lib/sites/types';
import { classify } from '../../lib/topics/classify';
import { PAGES } from '../e2e/pages';
import {
  applyScriptedPayloads,
  buildHostilePage,
  type HostilePage,
  type HostileSource,
} from '../fixtures/hostile/hostile-pages';
import {
  JSON_ONLY_PAYLOADS,
  MARKUP_PAYLOADS,
  PWNED_GLOBAL,
  SCRIPTED_TITLE_EXPECTED,
} from '../fixtures/hostile/payloads';
import { FakePort, immediateScheduler, settle } from './annotator-fakes';
import { parseHtml, readFixture } from './sites-fixtures';

/** Every fixture page once, at a URL its adapter claims. */
const SOURCES: HostileSource[] = [
  ...new Map(PAGES.map((page) => [page.file, { file: page.file, url: page.url }])).values(),
  { file: 'arxiv/abs_2303.08867.html', url: 'https://arxiv.org/abs/2303.08867' },
];

/** Characters no extracted string may contain (see cleanText). */
const SPOOFING =
  /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]|(?![\t\n\v\f\r])\p{Cc}/u;
/** Elements our UI never creates; any of them in a shadow root would come from page text. */
const FORBIDDEN_TAGS = new Set([
  'script',
  'img',
  'svg',
  'iframe',
  'object',
  'embed',
  'a',
  'link',
  'math',
  'form',
  'video',
  'audio',
  'source',
  'meta',
  'base',
  'template',
  'frame',
  'frameset',
]);
/** Attributes that load or run something. */
const FORBIDDEN_ATTRIBUTE =
  /^(?:on.*|href|src|srcdoc|srcset|action|formaction|data|xlink:href|background)$/i;

interface Extracted {
  card: Element;
  paper: ExtractedPaper;
}

function extractAll(adapter: SiteAdapter, doc: Document): Extracted[] {
  const pageData = adapter.readPageData?.(doc);
  return adapter
    .findCards(doc)
    .map((card) => ({ card, paper: adapter.extractPaper(card, pageData) }));
}

function strings(paper: ExtractedPaper): string[] {
  return [paper.title, ...paper.authors, paper.abstract ?? ''];
}

/** Element and attribute signature of everything outside our hosts (data-biaslens-* excluded). */
function pageSignature(doc: Document): string {
  const parts: string[] = [];
  for (const element of doc.querySelectorAll('*')) {
    if (element.localName.startsWith('biaslens-')) continue;
    const attributes = [...element.attributes]
      .filter((attribute) => !attribute.name.startsWith('data-biaslens-'))
      .map((attribute) => `${attribute.name}=${attribute.value}`)
      .join(' ');
    parts.push(`<${element.localName} ${attributes}>`);
  }
  return `${parts.join('')}\n${doc.body.textContent}`;
}

const pages = new Map<string, HostilePage>();
beforeAll(() => {
  SOURCES.forEach((source, index) => {
    pages.set(source.file, buildHostilePage(source, index));
  });
});

describe('hostile variants of the fixture pages', () => {
  it('inject every markup payload into titles, authors and abstracts somewhere', () => {
    const used = {
      title: new Set<string>(),
      author: new Set<string>(),
      abstract: new Set<string>(),
    };
    let injections = 0;
    for (const page of pages.values()) {
      injections += page.injections;
      for (const chosen of page.payloads.values()) {
        used.title.add(chosen.title.name);
        used.author.add(chosen.author.name);
        used.abstract.add(chosen.abstract.name);
      }
    }
    for (const field of Object.values(used)) expect(field.size).toBe(MARKUP_PAYLOADS.length);
    expect(injections).toBeGreaterThan(300);
  });

  for (const source of SOURCES) {
    describe(source.file, () => {
      const adapter = adapterForUrl(source.url) as SiteAdapter;
      const load = () => {
        const page = pages.get(source.file) as HostilePage;
        const doc = parseHtml(page.html);
        applyScriptedPayloads(doc);
        return { page, doc };
      };

      it('finds the same cards as on the original page, and reads every field as cleaned literal text', () => {
        const { page, doc } = load();
        const original = extractAll(adapter, parseHtml(readFixture(...splitFile(source.file))));
        const elementsBefore = doc.getElementsByTagName('*').length;
        const hostile = extractAll(adapter, doc);
        const pageData = adapter.readPageData?.(doc);
        expect(doc.getElementsByTagName('*').length).toBe(elementsBefore);
        expect(hostile.map((e) => e.paper.id)).toEqual(original.map((e) => e.paper.id));
        // JSON.parse of a `__proto__` key must not have reached Object.prototype.
        expect((Object.prototype as Record<string, unknown>).biaslensPolluted).toBeUndefined();

        let tookJsonAbstract = 0;
        hostile.forEach(({ paper }, index) => {
          const before = original[index]?.paper as ExtractedPaper;
          const chosen = page.payloads.get(paper.arxivId ?? '');
          if (!chosen) throw new Error(`no payloads recorded for ${paper.arxivId}`);
          for (const text of strings(paper)) {
            expect(text).not.toMatch(SPOOFING);
            expect(text.isWellFormed()).toBe(true);
            expect(text.length).toBeLessThanOrEqual(MAX_FIELD_CHARS);
          }
          expect(paper.title).toContain(chosen.title.expected);
          expect(paper.url).toBe(before.url);
          if (paper.arxivId === page.longTitleId) {
            expect(paper.title.length).toBeGreaterThan(MAX_FIELD_CHARS - 100);
          }
          if (paper.arxivId === page.scriptedId) {
            expect(paper.title.startsWith(SCRIPTED_TITLE_EXPECTED)).toBe(true);
          }
          if (before.authors.length > 0) {
            expect(paper.authors.some((name) => name.includes(chosen.author.expected))).toBe(true);
            expect(paper.authors).toHaveLength(before.authors.length);
          }
          if (before.abstract) {
            expect(paper.abstract).toContain(chosen.abstract.expected);
          }
          // Abstracts from the page's JSON also carry the JSON-only payloads (NUL, lone surrogates):
          // a card that shows no abstract of its own takes it from there, cleaned.
          const fromJson = pageData?.abstracts.get(paper.arxivId ?? '');
          if (fromJson && paper.abstract === cleanText(fromJson)) {
            tookJsonAbstract++;
            for (const payload of JSON_ONLY_PAYLOADS)
              expect(paper.abstract).toContain(payload.expected);
          }
        });
        // Hugging Face lists other than search results show no abstracts: theirs come from JSON.
        if (/hf-(daily|week|month|trending)/.test(source.file))
          expect(tookJsonAbstract).toBeGreaterThan(0);
      });

      it('annotates without changing anything outside its hosts and with no element made from page text', async () => {
        const { page } = load();
        // The page in the test's own document (scripts dropped: happy-dom would run them).
        const parsed = parseHtml(page.html);
        for (const script of parsed.querySelectorAll('script')) script.remove();
        const html = document.documentElement;
        for (const attribute of [...html.attributes]) html.removeAttribute(attribute.name);
        for (const attribute of parsed.documentElement.attributes) {
          html.setAttribute(attribute.name, attribute.value);
        }
        html.replaceChildren(
          document.importNode(parsed.head, true),
          document.importNode(parsed.body, true),
        );
        applyScriptedPayloads(document);
        const before = pageSignature(document);
        const controller = new AbortController();
        const port = new FakePort();
        const annotator = new Annotator({
          doc: document,
          adapter,
          classify: (paper) => classify({ title: paper.title, abstract: paper.abstract }),
          port,
          signal: controller.signal,
          scheduler: immediateScheduler(),
          log: () => {},
        });
        const start = performance.now();
        annotator.start();
        await settle(annotator);
        const elapsed = performance.now() - start;
        const cards = document.querySelectorAll('[data-biaslens-paper]').length;
        expect(cards).toBe(adapter.findCards(document).length);
        expect(pageSignature(document)).toBe(before);
        expect((window as unknown as Record<string, unknown>)[PWNED_GLOBAL]).toBeUndefined();
        // A generous bound for happy-dom; the real-browser timing is in the end-to-end test.
        expect(elapsed).toBeLessThan(15_000);

        for (const host of document.querySelectorAll('biaslens-card, biaslens-summary')) {
          const root = host.shadowRoot as ShadowRoot;
          for (const element of root.querySelectorAll('*')) {
            expect(FORBIDDEN_TAGS.has(element.localName), element.localName).toBe(false);
            for (const attribute of element.attributes) {
              expect(attribute.name).not.toMatch(FORBIDDEN_ATTRIBUTE);
            }
          }
        }

        // Save the 100 KB-title card through its button: the request the port would send is valid.
        const longCard = [...document.querySelectorAll('[data-biaslens-paper]')].find(
          (card) => card.getAttribute('data-biaslens-paper') === `arxiv:${page.longTitleId}`,
        );
        const save = longCard
          ?.querySelector('biaslens-card')
          ?.shadowRoot?.querySelector<HTMLButtonElement>('button[data-action="save"]');
        if (page.longTitleId) {
          expect(save).toBeTruthy();
          save?.click();
          await vi.waitFor(() => expect(port.saves).toHaveLength(1));
          const [saved] = port.saves;
          if (!saved) throw new Error('the Save button did not save');
          const request = parseRequest({
            type: 'save-paper',
            paper: fitToLimits(saved.paper),
            topics: saved.topics,
          });
          expect('error' in request ? request.error : undefined).toBeUndefined();
        }
        controller.abort();
        expect(document.querySelectorAll('biaslens-card')).toHaveLength(0);
        expect(pageSignature(document)).toBe(before);
      });

      it('makes a valid save-paper request for every card (clipped to the message limits)', () => {
        const { doc } = load();
        for (const { paper } of extractAll(adapter, doc)) {
          const topics = classify({ title: paper.title, abstract: paper.abstract }).map(
            (t) => t.id,
          );
          const request = parseRequest({ type: 'save-paper', paper: fitToLimits(paper), topics });
          expect('error' in request ? request.error : undefined).toBeUndefined();
        }
      });
    });
  }
});

describe('a 100 KB title', () => {
  it('is read, classified and clipped for saving in well under a frame budget per card', () => {
    const source = SOURCES[0] as HostileSource;
    const page = pages.get(source.file) as HostilePage;
    const doc = parseHtml(page.html);
    const adapter = adapterForUrl(source.url) as SiteAdapter;
    const card = adapter
      .findCards(doc)
      .find((c) => adapter.paperIdOf?.(c) === `arxiv:${page.longTitleId}`) as Element;
    const start = performance.now();
    const paper = adapter.extractPaper(card, adapter.readPageData?.(doc));
    classify({ title: paper.title, abstract: paper.abstract });
    const fitted = fitToLimits(paper);
    const elapsed = performance.now() - start;
    expect(fitted.title.length).toBeLessThanOrEqual(2000);
    expect(fitted.title.endsWith('…')).toBe(true);
    expect(elapsed).toBeLessThan(250);
  });
});

afterEach(() => {
  delete (window as unknown as Record<string, unknown>)[PWNED_GLOBAL];
});

function splitFile(file: string): ['arxiv' | 'huggingface', string] {
  const [site, name] = file.split('/') as ['arxiv' | 'huggingface', string];
  return [site, name];
}
