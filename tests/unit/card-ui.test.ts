import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type CardTopic,
  CardUi,
  type CardUiHandlers,
  tooltipText,
} from '../../lib/annotate/card-ui';

const social: CardTopic = {
  id: 'social',
  label: 'Social',
  color: '#dc2626',
  textColor: '#ffffff',
  description: 'Social and demographic bias: fairness, stereotypes, discrimination against groups.',
  evidence: ['gender bias', 'stereotypes'],
  source: 'classifier',
};
const added: CardTopic = {
  id: 'data',
  label: 'Data',
  color: '#0f766e',
  textColor: '#ffffff',
  description: 'Dataset and sampling bias.',
  evidence: [],
  source: 'user',
};

function handlers(overrides: Partial<CardUiHandlers> = {}): CardUiHandlers {
  return {
    onToggleSave: vi.fn(),
    topicChoices: () => ({
      choices: [
        { id: 'social', label: 'Social', color: '#dc2626', checked: true },
        { id: 'data', label: 'Data', color: '#0f766e', checked: false },
        { id: 'custom:audits', label: 'Audits', color: '#123456', checked: false },
      ],
      corrected: false,
    }),
    onCorrect: vi.fn(),
    onResetTopics: vi.fn(),
    loadNote: vi.fn(async () => 'Stored note'),
    onNoteInput: vi.fn(),
    onNoteFlush: vi.fn(),
    ...overrides,
  };
}

let ui: CardUi;
let h: CardUiHandlers;
let root: ShadowRoot;
const $ = <T extends Element = HTMLElement>(selector: string) =>
  root.querySelector(selector) as T | null;
const key = (target: Element, name: string) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true }));

beforeEach(() => {
  document.body.innerHTML = '<a href="/papers/1" id="link"><article id="card"></article></a>';
  h = handlers();
  ui = new CardUi(document, h);
  document.getElementById('card')?.append(ui.host);
  root = ui.host.shadowRoot as ShadowRoot;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('topic badges and tooltips', () => {
  it('shows one labelled badge per topic, in the topic colours', () => {
    ui.setTopics([social, added]);
    const badges = [...root.querySelectorAll<HTMLButtonElement>('button.badge')];
    expect(badges.map((b) => b.textContent)).toEqual(['Social', 'Data']);
    expect(badges[0]?.getAttribute('aria-label')).toBe('Social topic');
    expect(badges[1]?.getAttribute('aria-label')).toBe('Data topic, added by you');
    expect(badges[0]?.style.getPropertyValue('--bl-topic-bg')).toBe('#dc2626');
    expect(badges[0]?.style.getPropertyValue('--bl-topic-fg')).toBe('#ffffff');
  });

  it('describes each badge with a tooltip of its description and evidence (aria-describedby)', () => {
    ui.setTopics([social, added]);
    const [first, second] = root.querySelectorAll<HTMLButtonElement>('button.badge');
    const tip = root.getElementById(first?.getAttribute('aria-describedby') ?? '');
    expect(tip?.getAttribute('role')).toBe('tooltip');
    expect(tip?.textContent).toBe(
      'Social and demographic bias: fairness, stereotypes, discrimination against groups.' +
        'Evidence: “gender bias”, “stereotypes”.',
    );
    const userTip = root.getElementById(second?.getAttribute('aria-describedby') ?? '');
    expect(userTip?.textContent).toBe('Dataset and sampling bias.You added this topic.');
    expect(tip).not.toBe(userTip);
    // Not only a title attribute.
    expect(first?.hasAttribute('title')).toBe(false);
    expect(tooltipText({ ...social, evidence: [] }).evidence).toBe('');
  });

  it('marks a topic the model inferred from words of its field, in the tooltip and for readers', () => {
    const judges: CardTopic = {
      ...social,
      id: 'evaluation',
      label: 'Evaluation',
      evidence: ['LLM judges', 'leaderboards'],
      inferred: true,
    };
    ui.setTopics([social, judges]);
    const [plain, inferred] = root.querySelectorAll<HTMLButtonElement>('button.badge');
    expect(plain?.hasAttribute('data-inferred')).toBe(false);
    expect(inferred?.hasAttribute('data-inferred')).toBe(true);
    expect(inferred?.getAttribute('aria-label')).toBe('Evaluation topic, inferred');
    expect(tooltipText(judges).evidence).toBe(
      'Inferred from words of its field: “LLM judges”, “leaderboards”; no phrase names the bias.',
    );
    // The same topic with evidence of its own is redrawn as such.
    ui.setTopics([social, { ...judges, inferred: undefined, evidence: ['judge bias'] }]);
    const redrawn = root.querySelectorAll<HTMLButtonElement>('button.badge')[1];
    expect(redrawn?.hasAttribute('data-inferred')).toBe(false);
    expect(redrawn?.getAttribute('aria-label')).toBe('Evaluation topic');
  });

  it('shows the tooltip on focus, hides it on Escape and on blur', () => {
    ui.setTopics([social]);
    const badge = $<HTMLButtonElement>('button.badge') as HTMLButtonElement;
    const tip = $('[role="tooltip"]') as HTMLElement;
    expect(tip.hidden).toBe(true);
    badge.focus();
    expect(tip.hidden).toBe(false);
    key(badge, 'Escape');
    expect(tip.hidden).toBe(true);
    badge.click(); // Enter or a tap shows it again
    expect(tip.hidden).toBe(false);
    badge.blur();
    expect(tip.hidden).toBe(true);
  });

  it('shows the tooltip on hover and hides it shortly after the pointer leaves', () => {
    vi.useFakeTimers();
    ui.setTopics([social]);
    const badge = $('button.badge') as HTMLElement;
    const tip = $('[role="tooltip"]') as HTMLElement;
    badge.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(tip.hidden).toBe(false);
    badge.dispatchEvent(new MouseEvent('mouseout', { bubbles: true }));
    // Moving onto the tooltip keeps it (WCAG 1.4.13).
    tip.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    vi.advanceTimersByTime(500);
    expect(tip.hidden).toBe(false);
    tip.dispatchEvent(new MouseEvent('mouseout', { bubbles: true }));
    vi.advanceTimersByTime(500);
    expect(tip.hidden).toBe(true);
  });

  it('leaves the DOM alone when the topics did not change', () => {
    ui.setTopics([social]);
    const badge = $('button.badge');
    ui.setTopics([{ ...social, evidence: [...social.evidence] }]);
    expect($('button.badge')).toBe(badge);
    ui.setTopics([]);
    expect(root.querySelectorAll('button.badge')).toHaveLength(0);
  });
});

describe('the Edit topics menu', () => {
  const edit = () => $<HTMLButtonElement>('button[data-action="edit"]') as HTMLButtonElement;

  it('opens from a button with aria-expanded and aria-controls, focusing the first checkbox', () => {
    expect(edit().textContent).toBe('Edit topics');
    expect(edit().getAttribute('aria-expanded')).toBe('false');
    edit().click();
    expect(edit().getAttribute('aria-expanded')).toBe('true');
    const menu = root.getElementById(edit().getAttribute('aria-controls') ?? '') as HTMLElement;
    expect(menu.getAttribute('role')).toBe('group');
    expect(menu.getAttribute('aria-label')).toBe('Topics of this paper');
    expect(menu.hidden).toBe(false);
    const boxes = [...menu.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(boxes.map((box) => [box.parentElement?.textContent, box.checked])).toEqual([
      ['Social', true],
      ['Data', false],
      ['Audits', false],
    ]);
    expect(root.activeElement).toBe(boxes[0]);
  });

  it('reports checks and unchecks as corrections', () => {
    edit().click();
    const data = $<HTMLInputElement>('input[data-topic="data"]') as HTMLInputElement;
    data.click();
    expect(h.onCorrect).toHaveBeenCalledWith(ui, 'data', true);
    const socialBox = $<HTMLInputElement>('input[data-topic="social"]') as HTMLInputElement;
    socialBox.click();
    expect(h.onCorrect).toHaveBeenLastCalledWith(ui, 'social', false);
  });

  it('closes on Escape and gives focus back to its button', () => {
    edit().click();
    key($('input[data-topic="data"]') as HTMLElement, 'Escape');
    expect(edit().getAttribute('aria-expanded')).toBe('false');
    expect(($('#topics-menu') as HTMLElement).hidden).toBe(true);
    expect(root.activeElement).toBe(edit());
  });

  it('closes with Done or a second click, and offers Automatic topics only when corrected', () => {
    edit().click();
    const reset = $<HTMLButtonElement>('button[data-action="reset"]') as HTMLButtonElement;
    expect(reset.disabled).toBe(true);
    ($('button[data-action="done"]') as HTMLElement).click();
    expect(ui.isMenuOpen()).toBe(false);
    edit().click();
    edit().click();
    expect(ui.isMenuOpen()).toBe(false);

    const corrected = handlers({
      topicChoices: () => ({ choices: [], corrected: true }),
    });
    const other = new CardUi(document, corrected);
    document.body.append(other.host);
    other.openMenu();
    const otherReset = other.host.shadowRoot?.querySelector<HTMLButtonElement>(
      'button[data-action="reset"]',
    );
    expect(otherReset?.disabled).toBe(false);
    otherReset?.click();
    expect(corrected.onResetTopics).toHaveBeenCalledWith(other);
  });
});

describe('the quick note', () => {
  const toggle = () => $<HTMLButtonElement>('button[data-action="note"]') as HTMLButtonElement;

  it('opens a textarea named "Quick note" with the stored note, read-only until loaded', async () => {
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    toggle().click();
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    const textarea = $<HTMLTextAreaElement>('textarea') as HTMLTextAreaElement;
    expect(textarea.getAttribute('aria-label')).toBe('Quick note');
    expect(toggle().getAttribute('aria-controls')).toBe(textarea.parentElement?.id);
    expect(textarea.readOnly).toBe(true);
    expect(root.activeElement).toBe(textarea);
    await vi.waitFor(() => expect(textarea.value).toBe('Stored note'));
    expect(textarea.readOnly).toBe(false);
  });

  it('reports edits, flushes on blur and on close', async () => {
    toggle().click();
    const textarea = $<HTMLTextAreaElement>('textarea') as HTMLTextAreaElement;
    await vi.waitFor(() => expect(textarea.readOnly).toBe(false));
    textarea.value = 'New';
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    expect(h.onNoteInput).toHaveBeenCalledWith(ui, 'New');
    textarea.dispatchEvent(new FocusEvent('blur'));
    expect(h.onNoteFlush).toHaveBeenCalledTimes(1);
    key(textarea, 'Escape');
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    expect(textarea.parentElement?.hidden).toBe(true);
    expect(root.activeElement).toBe(toggle());
    // Closing flushes (the blur that follows may flush again: flushing twice sends once).
    expect(vi.mocked(h.onNoteFlush).mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps typing away from the page’s keyboard shortcuts', () => {
    const pageKeys = vi.fn();
    document.addEventListener('keydown', pageKeys);
    toggle().click();
    key($('textarea') as HTMLElement, '/');
    expect(pageKeys).not.toHaveBeenCalled();
    document.removeEventListener('keydown', pageKeys);
  });
});

describe('the card row', () => {
  it('saves on click without following a link around the card', () => {
    const outside = vi.fn();
    document.getElementById('link')?.addEventListener('click', outside);
    const save = $<HTMLButtonElement>('button[data-action="save"]') as HTMLButtonElement;
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    save.dispatchEvent(event);
    expect(h.onToggleSave).toHaveBeenCalledTimes(1);
    expect(h.onToggleSave).toHaveBeenCalledWith(ui);
    expect(outside).not.toHaveBeenCalled();
    expect(event.defaultPrevented).toBe(true);
  });

  it('names every control for keyboard and screen reader users, in reading order', async () => {
    ui.setTopics([social]);
    const names = [...root.querySelectorAll('button')].map(
      (b) => b.getAttribute('aria-label') ?? b.textContent,
    );
    expect(names).toEqual(['Social topic', 'Edit topics', 'Note', 'Save']);
    ui.setSaveState('saved');
    expect($('button[data-action="save"]')?.textContent).toBe('Saved');
    ui.setSaveState('error', 'disk full');
    // The live region is made on the first announcement and filled just after, so it is read.
    await vi.waitFor(() => expect($('[role="status"]')?.textContent).toContain('disk full'));
  });

  it('follows the page theme', () => {
    ui.setTheme('dark');
    expect(ui.host.dataset.theme).toBe('dark');
  });
});
