import { applyCardStyles } from './styles';

/** Tag name of the page-summary panel's host element (one per page, fixed in a corner). */
export const SUMMARY_TAG = 'biaslens-summary';

/** One row of the summary: a topic and how many cards carry it. */
export interface SummaryItem {
  id: string;
  label: string;
  color: string;
  count: number;
}

/** How many cards carry each topic (a card counts once per topic). */
export function countTopics(topicLists: Iterable<readonly string[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const topics of topicLists) {
    for (const id of new Set(topics)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/**
 * The summary's rows: every topic some card carries, in display order, plus the active filter's
 * topic even when no card carries it (so the user can see and undo it).
 */
export function summaryItems(
  counts: ReadonlyMap<string, number>,
  topics: readonly { id: string; label: string; color: string }[],
  filter: string | undefined,
): SummaryItem[] {
  return topics
    .filter((topic) => (counts.get(topic.id) ?? 0) > 0 || topic.id === filter)
    .map(({ id, label, color }) => ({ id, label, color, count: counts.get(id) ?? 0 }));
}

/** Whether a card with `topics` is dimmed while `filter` is chosen (none chosen: never). */
export function isDimmed(filter: string | undefined, topics: readonly string[]): boolean {
  return filter !== undefined && !topics.includes(filter);
}

/** The filter after the user chooses `chosen`: choosing the active topic again clears it. */
export function nextFilter(current: string | undefined, chosen: string): string | undefined {
  return current === chosen ? undefined : chosen;
}

export interface SummaryHandlers {
  /** The user chose a topic (or, with undefined, cleared the filter). */
  onChoose(topic: string | undefined): void;
}

/**
 * The page summary: a collapsible panel counting the cards per topic, whose topic buttons dim
 * the cards without that topic. One host element with its own shadow root, sharing the cards'
 * stylesheet; rows are reused across updates, so focus survives a count change.
 */
export class SummaryPanel {
  readonly host: HTMLElement;
  readonly #toggle: HTMLButtonElement;
  readonly #toggleCount: HTMLElement;
  readonly #body: HTMLElement;
  readonly #list: HTMLElement;
  readonly #hint: HTMLElement;
  readonly #rows = new Map<string, HTMLButtonElement>();
  #listKey = '';
  #filter: string | undefined;

  constructor(doc: Document, handlers: SummaryHandlers) {
    this.host = doc.createElement(SUMMARY_TAG);
    this.host.style.setProperty('display', 'block', 'important');
    const root = this.host.attachShadow({ mode: 'open' });
    applyCardStyles(root);
    const panel = doc.createElement('div');
    panel.className = 'summary';
    this.#toggle = doc.createElement('button');
    this.#toggle.type = 'button';
    this.#toggle.setAttribute('aria-expanded', 'false');
    this.#toggle.setAttribute('aria-controls', 'summary-topics');
    const title = doc.createElement('span');
    title.textContent = 'BiasLens topics';
    this.#toggleCount = doc.createElement('span');
    this.#toggleCount.className = 'count';
    // The spaces keep the accessible name readable ("BiasLens topics 5 cards"); flex hides them.
    this.#toggle.append(title, ' ', this.#toggleCount);
    this.#body = doc.createElement('div');
    this.#body.id = 'summary-topics';
    this.#body.hidden = true;
    this.#list = doc.createElement('ul');
    this.#list.setAttribute('aria-label', 'Dim the cards without a topic');
    this.#hint = doc.createElement('p');
    this.#body.append(this.#list, this.#hint);
    panel.append(this.#toggle, this.#body);
    root.append(panel);

    root.addEventListener('click', (event) => {
      event.stopPropagation();
      const button = (event.target as Element).closest('button');
      if (button === this.#toggle) this.setExpanded(this.#body.hidden);
      else if (button?.dataset.topic)
        handlers.onChoose(nextFilter(this.#filter, button.dataset.topic));
    });
    root.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key !== 'Escape' || this.#body.hidden) return;
      event.stopPropagation();
      this.setExpanded(false);
      this.#toggle.focus();
    });
  }

  /** Whether the topic list is shown. */
  get expanded(): boolean {
    return !this.#body.hidden;
  }

  setExpanded(expanded: boolean): void {
    this.#body.hidden = !expanded;
    this.#toggle.setAttribute('aria-expanded', String(expanded));
  }

  setTheme(theme: 'light' | 'dark'): void {
    if (this.host.dataset.theme !== theme) this.host.dataset.theme = theme;
  }

  /** Shows the rows for `items` out of `total` cards, with `filter` pressed. */
  update(items: readonly SummaryItem[], total: number, filter: string | undefined): void {
    this.#filter = filter;
    const doc = this.host.ownerDocument;
    const key = items
      .map((item) => `${item.id}\u0001${item.label}\u0001${item.color}`)
      .join('\u0002');
    if (key !== this.#listKey) {
      this.#listKey = key;
      const kept = new Map<string, HTMLButtonElement>();
      const lis = items.map((item) => {
        const button = this.#rows.get(item.id) ?? doc.createElement('button');
        if (!button.dataset.topic) {
          button.type = 'button';
          button.dataset.topic = item.id;
        }
        const dot = doc.createElement('span');
        dot.className = 'dot';
        dot.style.setProperty('--bl-topic-bg', item.color);
        const label = doc.createElement('span');
        label.textContent = item.label;
        const count = doc.createElement('span');
        count.className = 'count';
        button.replaceChildren(dot, label, ' ', count);
        kept.set(item.id, button);
        let li = button.parentElement;
        if (!li) {
          li = doc.createElement('li');
          li.append(button);
        }
        return li;
      });
      this.#rows.clear();
      for (const [id, button] of kept) this.#rows.set(id, button);
      // Insert new rows in place and leave the others where they are: moving a focused row
      // would drop its focus.
      lis.forEach((li, index) => {
        const current = this.#list.children[index];
        if (current !== li) this.#list.insertBefore(li, current ?? null);
      });
      while (this.#list.children.length > lis.length) this.#list.lastElementChild?.remove();
    }
    for (const item of items) {
      const button = this.#rows.get(item.id);
      if (!button) continue;
      const count = button.lastElementChild as HTMLElement;
      count.textContent = String(item.count);
      button.setAttribute('aria-pressed', String(item.id === filter));
      button.title =
        item.id === filter
          ? 'Showing only these cards clearly. Choose again to undo.'
          : `Dim the cards without ${item.label}`;
    }
    const active = items.find((item) => item.id === filter);
    this.#toggleCount.textContent = active
      ? `${active.label}: ${active.count} of ${total}`
      : `${total} cards`;
    this.#hint.textContent =
      items.length === 0
        ? 'No card on this page has a bias topic.'
        : 'Choose a topic to dim the cards without it; choose it again to undo.';
  }
}
