import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  countTopics,
  isDimmed,
  nextFilter,
  SummaryPanel,
  summaryItems,
} from '../../lib/annotate/summary';

const TOPICS = [
  { id: 'social', label: 'Social', color: '#dc2626' },
  { id: 'data', label: 'Data', color: '#0f766e' },
  { id: 'ranking', label: 'Ranking', color: '#7c3aed' },
  { id: 'custom:audits', label: 'Audits', color: '#123456' },
];

describe('summary counts and filter', () => {
  const cards = [['social', 'data'], ['data'], [], ['data', 'custom:audits'], ['data', 'data']];

  it('counts the cards carrying each topic, once per card', () => {
    expect(countTopics(cards)).toEqual(
      new Map([
        ['social', 1],
        ['data', 4],
        ['custom:audits', 1],
      ]),
    );
    expect(countTopics([])).toEqual(new Map());
  });

  it('lists topics some card carries, in display order, plus the chosen one', () => {
    const counts = countTopics(cards);
    expect(summaryItems(counts, TOPICS, undefined).map((i) => [i.id, i.count])).toEqual([
      ['social', 1],
      ['data', 4],
      ['custom:audits', 1],
    ]);
    expect(summaryItems(counts, TOPICS, 'ranking').map((i) => [i.id, i.count])).toContainEqual([
      'ranking',
      0,
    ]);
  });

  it('dims the cards without the chosen topic, and none without a choice', () => {
    expect(cards.map((topics) => isDimmed('data', topics))).toEqual([
      false,
      false,
      true,
      false,
      false,
    ]);
    expect(cards.map((topics) => isDimmed('social', topics))).toEqual([
      false,
      true,
      true,
      true,
      true,
    ]);
    expect(cards.some((topics) => isDimmed(undefined, topics))).toBe(false);
  });

  it('undoes a choice when the same topic is chosen again', () => {
    expect(nextFilter(undefined, 'data')).toBe('data');
    expect(nextFilter('data', 'social')).toBe('social');
    expect(nextFilter('data', 'data')).toBeUndefined();
  });
});

describe('SummaryPanel', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  function panel() {
    const onChoose = vi.fn();
    const summary = new SummaryPanel(document, { onChoose });
    document.body.append(summary.host);
    const root = summary.host.shadowRoot as ShadowRoot;
    const toggle = root.querySelector('button[aria-controls]') as HTMLButtonElement;
    const topic = (id: string) =>
      root.querySelector<HTMLButtonElement>(`button[data-topic="${id}"]`);
    return { summary, onChoose, root, toggle, topic };
  }

  it('is one host with its own shadow root and a collapsed toggle', () => {
    const { summary, root, toggle } = panel();
    summary.update(
      summaryItems(countTopics([['data'], ['social']]), TOPICS, undefined),
      2,
      undefined,
    );
    expect(summary.host.localName).toBe('biaslens-summary');
    expect(root.mode).toBe('open');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.textContent).toBe('BiasLens topics 2 cards');
    const list = root.getElementById(toggle.getAttribute('aria-controls') ?? '');
    expect(list?.hidden).toBe(true);
    toggle.click();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(list?.hidden).toBe(false);
  });

  it('shows counts with pressed state, and chooses or clears topics', () => {
    const { summary, onChoose, topic, toggle } = panel();
    const items = summaryItems(countTopics([['data'], ['data', 'social'], []]), TOPICS, undefined);
    summary.update(items, 3, undefined);
    expect(topic('data')?.textContent).toBe('Data 2');
    expect(topic('data')?.getAttribute('aria-pressed')).toBe('false');
    topic('data')?.click();
    expect(onChoose).toHaveBeenLastCalledWith('data');
    summary.update(items, 3, 'data');
    expect(topic('data')?.getAttribute('aria-pressed')).toBe('true');
    expect(topic('social')?.getAttribute('aria-pressed')).toBe('false');
    expect(toggle.textContent).toContain('Data: 2 of 3');
    topic('data')?.click();
    expect(onChoose).toHaveBeenLastCalledWith(undefined);
  });

  it('keeps the focused row when counts change (rows are reused)', () => {
    const { summary, topic, root } = panel();
    summary.setExpanded(true);
    summary.update(
      summaryItems(countTopics([['data'], ['data']]), TOPICS, undefined),
      2,
      undefined,
    );
    const before = topic('data');
    before?.focus();
    summary.update(
      summaryItems(countTopics([['data'], ['data'], ['data', 'social']]), TOPICS, undefined),
      3,
      undefined,
    );
    expect(topic('data')).toBe(before);
    expect(root.activeElement).toBe(before);
    expect(topic('data')?.textContent).toBe('Data 3');
  });

  it('collapses on Escape and gives focus back to the toggle', () => {
    const { summary, topic, toggle, root } = panel();
    summary.setExpanded(true);
    summary.update(summaryItems(countTopics([['data']]), TOPICS, undefined), 2, undefined);
    topic('data')?.focus();
    topic('data')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(summary.expanded).toBe(false);
    expect(root.activeElement).toBe(toggle);
  });

  it('follows the page theme', () => {
    const { summary } = panel();
    summary.setTheme('dark');
    expect(summary.host.dataset.theme).toBe('dark');
  });
});
