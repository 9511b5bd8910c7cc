import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Annotator, type AnnotatorOptions } from '../../lib/annotate/annotator';
import type { ExtractedPaper } from '../../lib/paper';
import { CUE_TABLE } from '../../lib/topics/cues';
import type { ClassifierData } from '../../lib/topics/engine';
import { compileTopicModel } from '../../lib/topics/learned';
import { withTextColor } from '../../lib/topics/taxonomy';
import type { TopicMatch } from '../../lib/topics/types';
import {
  card,
  classifyByTitle,
  FakePort,
  immediateScheduler,
  settle,
  toyAdapter,
} from './annotator-fakes';

// As the background sends it (getTopicConfig), text colour included.
const AUDITS = withTextColor({
  id: 'custom:audits',
  label: 'Audits',
  color: '#123456',
  phrases: ['audit'],
});

let controller: AbortController;
let port: FakePort;
let annotator: Annotator;

function start(html: string, classify: AnnotatorOptions['classify'] = classifyByTitle) {
  document.body.innerHTML = `<ul id="list">${html}</ul>`;
  annotator = new Annotator({
    doc: document,
    adapter: toyAdapter,
    classify,
    port,
    signal: controller.signal,
    scheduler: immediateScheduler(),
    log: () => {},
    noteDelayMs: 20,
  });
  annotator.start();
  return settle(annotator);
}

const cardOf = (id: string) =>
  document.querySelector(`[data-biaslens-paper="arxiv:${id}"]`) as HTMLElement;
const topicsOf = (id: string) => cardOf(id).getAttribute('data-biaslens-topics');
const rootOf = (element: Element) =>
  element.querySelector('biaslens-card')?.shadowRoot as ShadowRoot;
const summaryRoot = () => document.querySelector('biaslens-summary')?.shadowRoot as ShadowRoot;

beforeEach(() => {
  controller = new AbortController();
  port = new FakePort();
});
afterEach(() => {
  controller.abort();
  document.documentElement.className = '';
});

describe('corrections', () => {
  it('reads saved state and corrections of the whole page in one request, and applies them', async () => {
    port.saved.add('arxiv:2406.00002');
    port.corrections.set('arxiv:2406.00001', {
      id: 'arxiv:2406.00001',
      added: ['data'],
      removed: ['social'],
    });
    await start(card('2406.00001', 'Gender bias') + card('2406.00002', 'Sparse attention'));
    // The digest while the page loads, then one request for both papers the database knows.
    expect(port.pageStateCalls).toEqual([[], ['arxiv:2406.00001', 'arxiv:2406.00002']]);
    expect(port.configCalls).toEqual(['arxiv']);
    expect(topicsOf('2406.00001')).toBe('data');
    expect(cardOf('2406.00002').getAttribute('data-biaslens-saved')).toBe('true');
    const badge = rootOf(cardOf('2406.00001')).querySelector('button.badge');
    expect(badge?.textContent).toBe('Data');
    expect(badge?.getAttribute('data-source')).toBe('user');
  });

  it('applies a menu correction at once on every card of the paper, and stores it', async () => {
    await start(
      card('2406.00001', 'Gender bias') +
        card('2406.00002', 'Other') +
        card('2406.00001', 'Gender bias again'),
    );
    const root = rootOf(cardOf('2406.00001'));
    (root.querySelector('button[data-action="edit"]') as HTMLButtonElement).click();
    (root.querySelector('input[data-topic="social"]') as HTMLInputElement).click();
    (root.querySelector('input[data-topic="ranking"]') as HTMLInputElement).click();
    const both = document.querySelectorAll('[data-biaslens-paper="arxiv:2406.00001"]');
    for (const each of both) expect(each.getAttribute('data-biaslens-topics')).toBe('ranking');
    await vi.waitFor(() => expect(port.correctionCalls).toHaveLength(2));
    expect(port.correctionCalls[1]).toEqual({
      id: 'arxiv:2406.00001',
      correction: { added: ['ranking'], removed: ['social'] },
      topics: ['ranking'],
    });
    // The menu stays open and shows the new state.
    expect((root.querySelector('input[data-topic="ranking"]') as HTMLInputElement).checked).toBe(
      true,
    );
    // "Automatic topics" forgets the correction.
    (root.querySelector('button[data-action="reset"]') as HTMLButtonElement).click();
    expect(topicsOf('2406.00001')).toBe('social');
    await vi.waitFor(() => expect(port.correctionCalls).toHaveLength(3));
    expect(port.correctionCalls[2]?.correction).toEqual({ added: [], removed: [] });
  });

  it('applies corrections broadcast from other tabs, and saves with the corrected topics', async () => {
    await start(card('2406.00001', 'Gender bias') + card('2406.00002', 'Other'));
    annotator.applyCorrectionChange('arxiv:2406.00002', { added: ['cognitive'], removed: [] });
    expect(topicsOf('2406.00002')).toBe('cognitive');
    annotator.applyCorrectionChange('arxiv:2406.00002', { added: [], removed: [] });
    expect(topicsOf('2406.00002')).toBe('');
    annotator.applyCorrectionChange('arxiv:2406.00001', {
      added: ['custom:gone', 'statistical'],
      removed: [],
    });
    // An unknown custom topic is ignored.
    expect(topicsOf('2406.00001')).toBe('social statistical');
    (rootOf(cardOf('2406.00001')).querySelector('button.save') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(port.saves).toHaveLength(1));
    expect(port.saves[0]?.topics).toEqual(['social', 'statistical']);
  });

  it('puts a correction back when it cannot be stored', async () => {
    await start(card('2406.00001', 'Gender bias') + card('2406.00002', 'Other'));
    port.setCorrection = async () => {
      throw new Error('offline');
    };
    const root = rootOf(cardOf('2406.00001'));
    (root.querySelector('button[data-action="edit"]') as HTMLButtonElement).click();
    (root.querySelector('input[data-topic="social"]') as HTMLInputElement).click();
    expect(topicsOf('2406.00001')).toBe('');
    await vi.waitFor(() => expect(topicsOf('2406.00001')).toBe('social'));
    await vi.waitFor(() =>
      expect(root.querySelector('[role="status"]')?.textContent).toMatch(/could not store/),
    );
  });
});

describe('custom and disabled topics', () => {
  it('applies custom topics with evidence and never shows disabled ones', async () => {
    port.config = { customTopics: [AUDITS], disabled: ['social'], summaryFilter: null };
    await start(card('2406.00001', 'Gender bias audit') + card('2406.00002', 'LLM judge audit'));
    expect(topicsOf('2406.00001')).toBe('custom:audits');
    expect(topicsOf('2406.00002')).toBe('evaluation custom:audits');
    const root = rootOf(cardOf('2406.00001'));
    const badge = root.querySelector('button.badge') as HTMLElement;
    expect(badge.textContent).toBe('Audits');
    expect(
      root.getElementById(badge.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toContain('Evidence: “audit”.');
    // The menu offers custom topics and no disabled ones.
    (root.querySelector('button[data-action="edit"]') as HTMLButtonElement).click();
    const offered = [...root.querySelectorAll<HTMLInputElement>('input[data-topic]')].map(
      (input) => input.dataset.topic,
    );
    expect(offered).toContain('custom:audits');
    expect(offered).not.toContain('social');
  });

  it('re-applies a changed configuration to every card', async () => {
    await start(card('2406.00001', 'Gender bias audit') + card('2406.00002', 'Other'));
    expect(topicsOf('2406.00001')).toBe('social');
    port.config = { customTopics: [AUDITS], disabled: [], summaryFilter: null };
    await annotator.reloadConfig();
    expect(topicsOf('2406.00001')).toBe('social custom:audits');
    port.config = { customTopics: [], disabled: ['social'], summaryFilter: null };
    await annotator.reloadConfig();
    expect(topicsOf('2406.00001')).toBe('');
  });

  it('switches a built-in topic off without reading every card again', async () => {
    await start(card('2406.00001', 'Gender bias audit') + card('2406.00002', 'Other'));
    const extract = vi.spyOn(toyAdapter, 'extractPaper');
    port.config = { customTopics: [], disabled: ['social'], summaryFilter: null };
    await annotator.reloadConfig();
    expect(topicsOf('2406.00001')).toBe('');
    expect(extract).not.toHaveBeenCalled();
    extract.mockRestore();
  });

  it('matches a custom topic added later against the abstract, which the pass did not keep', async () => {
    await start(
      card('2406.00001', 'Sparse attention').replace(
        '<li class="paper"',
        '<li class="paper" data-abstract="We audit three retrieval systems."',
      ),
    );
    expect(topicsOf('2406.00001')).toBe('');
    port.config = { customTopics: [AUDITS], disabled: [], summaryFilter: null };
    await annotator.reloadConfig();
    expect(topicsOf('2406.00001')).toBe('custom:audits');
    // Saving reads it again too: the stored paper has its abstract.
    rootOf(cardOf('2406.00001')).querySelector<HTMLButtonElement>('button.save')?.click();
    await vi.waitFor(() => expect(port.saves).toHaveLength(1));
    expect(port.saves[0]?.paper.abstract).toBe('We audit three retrieval systems.');
  });
});

describe("the classifier's data", () => {
  const MODEL = compileTopicModel({
    promoteAt: 0.2,
    askFrom: 0.35,
    vetoBelow: 0.8,
    vetoAt: 0.05,
    topics: {},
  });
  /** Stands in for `classify`: "Sparse" papers get a data badge only with MODEL. */
  const classifyWithModel = (paper: ExtractedPaper, { model }: ClassifierData): TopicMatch[] =>
    model === MODEL && /sparse/i.test(paper.title)
      ? [{ id: 'data', score: 0.6, evidence: ['sparse'], inferred: true }]
      : classifyByTitle(paper);

  const startWith = (html: string) => start(html, classifyWithModel);

  /** A background slow to wake: the settings and the classifier come when the returned call says. */
  function holdSettings(): () => void {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const answerConfig = port.getConfig.bind(port);
    const answerClassifier = port.getClassifier.bind(port);
    port.getConfig = async (site) => {
      await gate;
      return answerConfig(site);
    };
    port.getClassifier = async () => {
      await gate;
      return answerClassifier();
    };
    return release;
  }

  it('is asked for once, with the first settings, and classifies every card', async () => {
    port.classifier = { cues: CUE_TABLE, model: MODEL };
    await startWith(card('2406.00001', 'Sparse attention') + card('2406.00002', 'Gender bias'));
    expect(topicsOf('2406.00001')).toBe('data');
    expect(topicsOf('2406.00002')).toBe('social');
    // The model's inference from words of the field is marked as such on the badge.
    const badge = (id: string) => rootOf(cardOf(id)).querySelector('button.badge');
    expect(badge('2406.00001')?.hasAttribute('data-inferred')).toBe(true);
    expect(badge('2406.00002')?.hasAttribute('data-inferred')).toBe(false);
    await annotator.reloadConfig();
    expect(port.configCalls).toHaveLength(2);
    expect(port.classifierRequests).toBe(1);
    expect(topicsOf('2406.00001')).toBe('data');
  });

  it('classifies the cards when it comes after them (a background slow to wake)', async () => {
    port.classifier = { cues: CUE_TABLE, model: MODEL };
    const release = holdSettings();
    await startWith(card('2406.00001', 'Sparse attention') + card('2406.00002', 'Gender bias'));
    // The cards are not held back for the background: they get their Save button, no badge yet.
    expect(rootOf(cardOf('2406.00002')).querySelector('button.save')).not.toBeNull();
    expect(topicsOf('2406.00001')).toBe('');
    expect(topicsOf('2406.00002')).toBe('');
    release();
    await settle(annotator);
    expect(topicsOf('2406.00001')).toBe('data');
    expect(topicsOf('2406.00002')).toBe('social');
  });

  it('classifies the cards in slices, so a long page gets no long task', async () => {
    port.classifier = { cues: CUE_TABLE, model: MODEL };
    const release = holdSettings();
    // A clock that moves 1 ms per reading: a slice of 8 ms holds a few cards.
    let clock = 0;
    let yields = 0;
    const cards = Array.from({ length: 60 }, (_, i) =>
      card(`2406.${String(10000 + i)}`, 'Sparse attention'),
    ).join('');
    document.body.innerHTML = `<ul id="list">${cards}</ul>`;
    annotator = new Annotator({
      doc: document,
      adapter: toyAdapter,
      classify: classifyWithModel,
      port,
      signal: controller.signal,
      scheduler: {
        ...immediateScheduler(),
        now: () => clock++,
        yield: () => {
          yields++;
          return Promise.resolve();
        },
      },
      log: () => {},
    });
    annotator.start();
    await settle(annotator);
    const before = yields;
    release();
    await settle(annotator);
    expect(yields - before).toBeGreaterThan(5);
    expect(topicsOf('2406.10000')).toBe('data');
    expect(topicsOf('2406.10059')).toBe('data');
  });

  it('keeps custom topics when it cannot be had, and asks again with the next settings', async () => {
    port.classifier = undefined;
    port.config = { customTopics: [AUDITS], disabled: [], summaryFilter: null };
    await startWith(card('2406.00001', 'Gender bias audit') + card('2406.00002', 'Gender bias'));
    expect(topicsOf('2406.00001')).toBe('custom:audits');
    expect(topicsOf('2406.00002')).toBe('');
    port.classifier = { cues: CUE_TABLE, model: MODEL };
    await annotator.reloadConfig();
    expect(port.classifierRequests).toBe(2);
    expect(topicsOf('2406.00001')).toBe('social custom:audits');
    expect(topicsOf('2406.00002')).toBe('social');
  });

  it('still comes when the settings cannot be read (a failing database)', async () => {
    port.classifier = { cues: CUE_TABLE, model: MODEL };
    port.getConfig = () => Promise.reject(new Error('get-topic-config failed: disk full'));
    await startWith(card('2406.00001', 'Sparse attention') + card('2406.00002', 'Gender bias'));
    expect(topicsOf('2406.00001')).toBe('data');
    expect(topicsOf('2406.00002')).toBe('social');
  });
});

describe('page summary', () => {
  const row = (id: string) =>
    summaryRoot().querySelector<HTMLButtonElement>(`button[data-topic="${id}"]`);

  it('appears only with more than one card, and counts cards per topic', async () => {
    await start(card('2406.00001', 'Gender bias'));
    expect(document.querySelector('biaslens-summary')).toBeNull();
    document
      .getElementById('list')
      ?.insertAdjacentHTML(
        'beforeend',
        card('2406.00002', 'Gender and judge') + card('2406.00003', 'LLM judge'),
      );
    await settle(annotator);
    expect(document.querySelectorAll('biaslens-summary')).toHaveLength(1);
    expect(row('social')?.textContent).toBe('Social 2');
    expect(row('evaluation')?.textContent).toBe('Evaluation 2');
    // SPA cards update the counts.
    document.getElementById('list')?.insertAdjacentHTML('beforeend', card('2406.00004', 'Judge'));
    await settle(annotator);
    expect(row('evaluation')?.textContent).toBe('Evaluation 3');
  });

  it('dims the cards without the chosen topic, remembers the choice per site, and undoes it', async () => {
    await start(
      card('2406.00001', 'Gender bias') + card('2406.00002', 'LLM judge') + card('2406.00003', 'x'),
    );
    row('evaluation')?.click();
    const dimmed = () =>
      [...document.querySelectorAll('[data-biaslens-dimmed="true"]')].map((c) =>
        c.getAttribute('data-biaslens-paper'),
      );
    expect(dimmed()).toEqual(['arxiv:2406.00001', 'arxiv:2406.00003']);
    expect(cardOf('2406.00001').style.getPropertyValue('opacity')).toBe('0.35');
    expect(row('evaluation')?.getAttribute('aria-pressed')).toBe('true');
    expect(port.filterCalls).toEqual([{ site: 'arxiv', topic: 'evaluation' }]);
    // A card added later follows the filter.
    document.getElementById('list')?.insertAdjacentHTML('beforeend', card('2406.00004', 'Other'));
    await settle(annotator);
    expect(dimmed()).toContain('arxiv:2406.00004');
    row('evaluation')?.click();
    expect(dimmed()).toEqual([]);
    expect(cardOf('2406.00001').style.getPropertyValue('opacity')).toBe('');
    expect(port.filterCalls.at(-1)).toEqual({ site: 'arxiv', topic: null });
  });

  it('starts with the filter remembered for the site', async () => {
    port.config = { customTopics: [], disabled: [], summaryFilter: 'social' };
    await start(card('2406.00001', 'Gender bias') + card('2406.00002', 'Other'));
    expect(cardOf('2406.00002').getAttribute('data-biaslens-dimmed')).toBe('true');
    expect(cardOf('2406.00001').hasAttribute('data-biaslens-dimmed')).toBe(false);
    expect(row('social')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('removes the summary and the dimming when stopped', async () => {
    port.config = { customTopics: [], disabled: [], summaryFilter: 'social' };
    await start(card('2406.00001', 'Gender bias') + card('2406.00002', 'Other'));
    controller.abort();
    expect(document.querySelector('biaslens-summary')).toBeNull();
    expect(document.querySelector('[data-biaslens-dimmed]')).toBeNull();
    expect(cardOf('2406.00002')).toBeNull();
  });
});

describe('theme', () => {
  it('follows class "dark" on <html>, as Hugging Face sets it', async () => {
    await start(card('2406.00001', 'Gender bias') + card('2406.00002', 'Other'));
    const host = cardOf('2406.00001').querySelector('biaslens-card') as HTMLElement;
    expect(host.dataset.theme).toBe('light');
    document.documentElement.classList.add('dark');
    await vi.waitFor(() => expect(host.dataset.theme).toBe('dark'));
    expect((document.querySelector('biaslens-summary') as HTMLElement).dataset.theme).toBe('dark');
  });
});

describe('the save-card keyboard command', () => {
  it('saves the card that has focus, else the one hovered last', async () => {
    await start(card('2406.00001', 'A') + card('2406.00002', 'B') + card('2406.00003', 'C'));
    expect(await annotator.saveActiveCard()).toBe(false);
    cardOf('2406.00002')
      .querySelector('a')
      ?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(await annotator.saveActiveCard()).toBe(true);
    expect(port.saves.map((s) => s.paper.id)).toEqual(['arxiv:2406.00002']);
    expect(cardOf('2406.00002').getAttribute('data-biaslens-saved')).toBe('true');
    // Focus (inside our shadow root) wins over hover.
    (rootOf(cardOf('2406.00003')).querySelector('button.save') as HTMLElement).focus();
    await annotator.saveActiveCard();
    expect(port.saves.map((s) => s.paper.id)).toEqual(['arxiv:2406.00002', 'arxiv:2406.00003']);
    // An already saved card stays saved.
    await annotator.saveActiveCard();
    expect(port.saves).toHaveLength(2);
    expect(port.saved.has('arxiv:2406.00003')).toBe(true);
  });
});

describe('the quick note', () => {
  it('saves the paper first, then the note, debounced, and flushes on blur', async () => {
    await start(card('2406.00001', 'A') + card('2406.00002', 'B'));
    const root = rootOf(cardOf('2406.00001'));
    (root.querySelector('button[data-action="note"]') as HTMLButtonElement).click();
    const textarea = root.querySelector('textarea') as HTMLTextAreaElement;
    await vi.waitFor(() => expect(textarea.readOnly).toBe(false));
    for (const text of ['R', 'Re', 'Read']) {
      textarea.value = text;
      textarea.dispatchEvent(new Event('input'));
    }
    await vi.waitFor(() => expect(port.noteCalls).toHaveLength(1));
    expect(port.calls).toEqual(['save arxiv:2406.00001', 'note arxiv:2406.00001']);
    expect(port.noteCalls[0]).toEqual({ id: 'arxiv:2406.00001', note: 'Read' });
    expect(cardOf('2406.00001').getAttribute('data-biaslens-saved')).toBe('true');
    await vi.waitFor(() =>
      expect(root.querySelector('.note [role="status"]')?.textContent).toBe('Note saved.'),
    );
    textarea.value = 'Read later';
    textarea.dispatchEvent(new Event('input'));
    textarea.dispatchEvent(new FocusEvent('blur'));
    await vi.waitFor(() => expect(port.noteCalls).toHaveLength(2));
    expect(port.calls.filter((c) => c.startsWith('save'))).toHaveLength(1);
  });

  it('loads the stored note of a saved paper', async () => {
    port.saved.add('arxiv:2406.00001');
    port.notes.set('arxiv:2406.00001', 'Earlier thoughts');
    await start(card('2406.00001', 'A') + card('2406.00002', 'B'));
    const root = rootOf(cardOf('2406.00001'));
    (root.querySelector('button[data-action="note"]') as HTMLButtonElement).click();
    await vi.waitFor(() =>
      expect((root.querySelector('textarea') as HTMLTextAreaElement).value).toBe(
        'Earlier thoughts',
      ),
    );
  });
});
