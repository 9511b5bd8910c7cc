import type { ExtractedPaper, TopicId } from '../paper';
import type { PageData, SiteAdapter } from '../sites/types';
import type { TopicMatch } from '../topics/types';
import { CardUi, HOST_TAG } from './card-ui';
import { createScheduler, type Scheduler } from './scheduler';

/** What the annotator needs from the background; typed messages in the extension, fakes in tests. */
export interface SavedPapersPort {
  getSavedIds(ids: string[]): Promise<string[]>;
  save(paper: ExtractedPaper, topics: TopicId[]): Promise<void>;
  unsave(id: string): Promise<void>;
}

export interface AnnotatorOptions {
  doc: Document;
  adapter: SiteAdapter;
  classify: (paper: ExtractedPaper) => TopicMatch[];
  port: SavedPapersPort;
  /** Stops everything (observer, scheduled work) and removes our UI when aborted. */
  signal: AbortSignal;
  scheduler?: Scheduler;
  log?: (message: string, error?: unknown) => void;
}

interface AnnotatedCard {
  card: Element;
  /** The card's paper id as last annotated; a different id on a re-scan means the card was reused. */
  paperId: string;
  paper: ExtractedPaper;
  topics: TopicMatch[];
  saved: boolean;
  ui: CardUi;
}

/** Cards processed per slice before yielding, so no task grows long on 2,000-card pages. */
const SLICE_BUDGET_MS = 8;

// Attributes of the public contract (see README): tools outside the code rely on these names.
const ATTR_PAPER = 'data-biaslens-paper';
const ATTR_TOPICS = 'data-biaslens-topics';
const ATTR_SAVED = 'data-biaslens-saved';
const ATTR_COUNT = 'data-biaslens-cards';

/**
 * Finds the cards of a listing page, annotates each once with topic badges and a Save button,
 * keeps the saved state current, and follows single-page-app changes (cards added, replaced or
 * reused) without ever duplicating the UI.
 */
export class Annotator {
  private readonly cards = new Map<Element, AnnotatedCard>();
  private readonly cardsById = new Map<string, Set<AnnotatedCard>>();
  /** Cards whose extraction failed, so each broken card is logged once, not on every pass. */
  private readonly brokenCards = new WeakSet<Element>();
  private readonly scheduler: Scheduler;
  private readonly log: (message: string, error?: unknown) => void;
  private observer: MutationObserver | undefined;
  private passRunning = false;
  private passRequested = false;
  private stopped = false;
  /** Resolves when the current pass (and any pass it scheduled) has finished; used by tests. */
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: AnnotatorOptions) {
    this.scheduler = options.scheduler ?? createScheduler(options.doc.defaultView ?? undefined);
    this.log =
      options.log ?? ((message, error) => console.warn(`[BiasLens] ${message}`, error ?? ''));
    options.signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  /** Annotates the page now and follows later changes until the signal aborts. */
  start(): void {
    if (this.options.signal.aborted) return;
    // A previous instance of the content script (before an extension reload) may have left hosts.
    for (const stale of this.options.doc.querySelectorAll(HOST_TAG)) stale.remove();
    this.observeMutations();
    this.requestPass();
  }

  /** Resolves once no pass is running or pending. */
  whenIdle(): Promise<void> {
    if (!this.passRunning && !this.passRequested) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Applies a saved/unsaved change made anywhere (this tab, another tab, the popup). */
  applySavedChange(ids: readonly string[], saved: boolean): void {
    for (const id of ids) {
      for (const entry of this.cardsById.get(id) ?? []) this.setSaved(entry, saved);
    }
  }

  /** Re-reads the saved state of every card (after the background restarts, say). */
  async refreshSavedState(): Promise<void> {
    await this.loadSavedState([...this.cardsById.keys()]);
  }

  private requestPass(): void {
    if (this.stopped) return;
    this.passRequested = true;
    if (this.passRunning) return;
    this.scheduler.soon(() => void this.runPasses());
  }

  private async runPasses(): Promise<void> {
    if (this.passRunning || this.stopped) return;
    this.passRunning = true;
    try {
      while (this.passRequested && !this.stopped) {
        this.passRequested = false;
        await this.pass();
      }
    } catch (error) {
      this.log('annotation pass failed', error);
    } finally {
      this.passRunning = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** One scan of the page: annotate new or reused cards, drop cards that left the page. */
  private async pass(): Promise<void> {
    const { adapter, doc } = this.options;
    for (const entry of this.cards.values()) {
      if (!entry.card.isConnected) this.forget(entry);
    }

    const pending: Element[] = [];
    for (const card of adapter.findCards(doc)) {
      const entry = this.cards.get(card);
      if (!entry) {
        if (!this.brokenCards.has(card) || cardChangedSinceFailure(card)) pending.push(card);
        continue;
      }
      // The framework may reuse a card element for another paper, or wipe our host while re-rendering.
      const hostIntact = entry.ui.host.isConnected && card.contains(entry.ui.host);
      if (!hostIntact || this.readPaperId(card) !== entry.paperId) pending.push(card);
    }

    if (pending.length > 0) {
      const ordered = pending.length > 50 ? visibleFirst(pending, doc) : pending;
      let pageData: PageData | undefined;
      const readPageData = () => {
        if (pageData === undefined && adapter.readPageData) {
          try {
            pageData = adapter.readPageData(doc);
          } catch (error) {
            this.log(`[${adapter.id}] could not read the page's embedded data`, error);
            pageData = { abstracts: new Map() };
          }
        }
        return pageData;
      };
      const theme = pageTheme(doc);
      const newIds = new Set<string>();
      let index = 0;
      while (index < ordered.length && !this.stopped) {
        const sliceEnd = this.scheduler.now() + SLICE_BUDGET_MS;
        do {
          const card = ordered[index++] as Element;
          const id = this.annotateCard(card, readPageData(), theme);
          if (id) newIds.add(id);
        } while (index < ordered.length && this.scheduler.now() < sliceEnd);
        if (index < ordered.length) await this.scheduler.yield();
      }
      if (this.stopped) return;
      await this.loadSavedState([...newIds]);
    }
    this.writeCount();
  }

  /** Annotates (or re-annotates) one card; returns its paper id, or undefined when skipped. */
  private annotateCard(card: Element, pageData: PageData | undefined, theme: 'light' | 'dark') {
    const { adapter, classify } = this.options;
    try {
      const paper = adapter.extractPaper(card, pageData);
      const topics = classify(paper);
      const previous = this.cards.get(card);
      if (previous) this.forget(previous);
      const ui =
        previous?.ui ?? new CardUi(this.options.doc, { onToggleSave: () => this.toggle(card) });
      const entry: AnnotatedCard = { card, paperId: paper.id, paper, topics, saved: false, ui };
      ui.setTopics(topics);
      ui.setTheme(theme);
      ui.setSaveState('unsaved');
      if (!(ui.host.isConnected && card.contains(ui.host))) mount(adapter, card, ui.host);
      card.setAttribute(ATTR_PAPER, paper.id);
      card.setAttribute(ATTR_TOPICS, topics.map((topic) => topic.id).join(' '));
      card.setAttribute(ATTR_SAVED, 'false');
      this.remember(entry);
      this.brokenCards.delete(card);
      return paper.id;
    } catch (error) {
      if (!this.brokenCards.has(card)) {
        this.log(`skipped a card: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.brokenCards.add(card);
      markFailure(card);
      return undefined;
    }
  }

  private readPaperId(card: Element): string | undefined {
    const { adapter } = this.options;
    try {
      return adapter.paperIdOf ? adapter.paperIdOf(card) : adapter.extractPaper(card).id;
    } catch {
      return undefined;
    }
  }

  private async loadSavedState(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      const saved = new Set(await this.options.port.getSavedIds(ids));
      if (this.stopped) return;
      for (const id of ids) {
        for (const entry of this.cardsById.get(id) ?? []) this.setSaved(entry, saved.has(id));
      }
    } catch (error) {
      this.log('could not read which papers are saved', error);
    }
  }

  private async toggle(card: Element): Promise<void> {
    const entry = this.cards.get(card);
    if (!entry || this.stopped) return;
    const wasSaved = entry.saved;
    entry.ui.setSaveState('pending');
    try {
      if (wasSaved) await this.options.port.unsave(entry.paperId);
      else
        await this.options.port.save(
          entry.paper,
          entry.topics.map((topic) => topic.id),
        );
      this.applySavedChange([entry.paperId], !wasSaved);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      entry.ui.setSaveState('error', message);
      this.log(`could not ${wasSaved ? 'remove' : 'save'} ${entry.paperId}`, error);
    }
  }

  private setSaved(entry: AnnotatedCard, saved: boolean): void {
    entry.saved = saved;
    entry.ui.setSaveState(saved ? 'saved' : 'unsaved');
    const value = saved ? 'true' : 'false';
    if (entry.card.getAttribute(ATTR_SAVED) !== value) entry.card.setAttribute(ATTR_SAVED, value);
  }

  private remember(entry: AnnotatedCard): void {
    this.cards.set(entry.card, entry);
    const set = this.cardsById.get(entry.paperId) ?? new Set<AnnotatedCard>();
    set.add(entry);
    this.cardsById.set(entry.paperId, set);
  }

  private forget(entry: AnnotatedCard): void {
    this.cards.delete(entry.card);
    const set = this.cardsById.get(entry.paperId);
    set?.delete(entry);
    if (set?.size === 0) this.cardsById.delete(entry.paperId);
  }

  private writeCount(): void {
    const value = String(this.cards.size);
    const html = this.options.doc.documentElement;
    if (html.getAttribute(ATTR_COUNT) !== value) html.setAttribute(ATTR_COUNT, value);
  }

  private observeMutations(): void {
    const view = this.options.doc.defaultView;
    if (!view?.MutationObserver) return;
    this.observer = new view.MutationObserver((records) => {
      if (records.some(isForeignMutation)) this.requestPass();
    });
    this.observer.observe(this.options.doc.documentElement, {
      childList: true,
      subtree: true,
      // Frameworks that reuse a card for another paper often change only the link's href.
      attributes: true,
      attributeFilter: ['href'],
    });
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.observer?.disconnect();
    this.scheduler.cancel();
    for (const entry of this.cards.values()) {
      entry.ui.host.remove();
      entry.card.removeAttribute(ATTR_PAPER);
      entry.card.removeAttribute(ATTR_TOPICS);
      entry.card.removeAttribute(ATTR_SAVED);
    }
    this.cards.clear();
    this.cardsById.clear();
    this.options.doc.documentElement.removeAttribute(ATTR_COUNT);
    for (const resolve of this.idleWaiters) resolve();
    this.idleWaiters = [];
  }
}

function mount(adapter: SiteAdapter, card: Element, host: Element): void {
  const { anchor, position } = adapter.mountPoint(card);
  switch (position) {
    case 'before':
      anchor.before(host);
      break;
    case 'after':
      anchor.after(host);
      break;
    case 'prepend':
      anchor.prepend(host);
      break;
    default:
      anchor.append(host);
  }
}

/** A mutation made by the page, not by us adding or updating our own hosts. */
function isForeignMutation(record: MutationRecord): boolean {
  if (record.type === 'attributes') return true;
  const ours = (node: Node) => node.nodeName.toLowerCase() === HOST_TAG;
  for (const node of record.addedNodes) if (!ours(node)) return true;
  for (const node of record.removedNodes) if (!ours(node)) return true;
  return false;
}

const failureSizes = new WeakMap<Element, number>();

/** Remembers a broken card's size so it is retried only once its content changes. */
function markFailure(card: Element): void {
  failureSizes.set(card, card.childElementCount * 100_000 + (card.textContent?.length ?? 0));
}

function cardChangedSinceFailure(card: Element): boolean {
  const size = card.childElementCount * 100_000 + (card.textContent?.length ?? 0);
  return failureSizes.get(card) !== size;
}

/**
 * Orders cards so the ones on screen are annotated first. All layout reads happen here, in one
 * batch before any write of the pass, so they cost one layout at most.
 */
function visibleFirst(cards: Element[], doc: Document): Element[] {
  const viewportHeight = doc.defaultView?.innerHeight ?? 800;
  const distance = new Map<Element, number>();
  for (const card of cards) {
    const rect = card.getBoundingClientRect();
    const d =
      rect.bottom < 0 ? -rect.bottom : rect.top > viewportHeight ? rect.top - viewportHeight : 0;
    distance.set(card, d);
  }
  return [...cards].sort((a, b) => (distance.get(a) ?? 0) - (distance.get(b) ?? 0));
}

function pageTheme(doc: Document): 'light' | 'dark' {
  const html = doc.documentElement;
  if (html.classList.contains('dark') || html.dataset.theme === 'dark') return 'dark';
  return 'light';
}
