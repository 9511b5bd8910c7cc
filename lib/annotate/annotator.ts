import type { CorrectionEntry } from '../db/corrections';
import type { TopicConfig } from '../db/topic-settings';
import { KnownIds } from '../known-ids';
import type { ExtractedPaper, SiteId, TopicId } from '../paper';
import type { ExtractOptions, PageData, SiteAdapter } from '../sites/types';
import type { CustomMatch } from '../topics/custom';
import type { ClassifierData } from '../topics/engine';
import {
  builtInTopicIds,
  type FinalTopic,
  isEmptyCorrection,
  type TopicCorrection,
  toggleCorrection,
} from '../topics/merge';
import type { TopicMatch } from '../topics/types';
import { CardUi, type CardUiHandlers, HOST_TAG } from './card-ui';
import { QuickNotes } from './quick-notes';
import { createScheduler, type Scheduler } from './scheduler';
import { countTopics, isDimmed, SUMMARY_TAG, SummaryPanel, summaryItems } from './summary';
import { TopicContext } from './topic-context';

/** What one per-page state request returns: which papers are saved, and their corrections. */
export interface PageState {
  saved: string[];
  corrections: CorrectionEntry[];
  /** When asked for: the digest of every id the database knows (../known-ids.ts). */
  known?: readonly number[];
}

/** What the annotator needs from the background; typed messages in the extension, fakes in tests. */
export interface AnnotatorPort {
  /** Saved state and corrections of a page's papers, in one message (plus the known-ids digest). */
  getPageState(ids: string[], options?: { knownIds?: boolean }): Promise<PageState>;
  /** Custom topics, switched-off topics and the remembered summary filter of `site`. */
  getConfig(site: SiteId): Promise<TopicConfig>;
  /**
   * The built-in classifier's data: the cue table and the learned model (asked for once: it does
   * not change while the page is open).
   */
  getClassifier(): Promise<ClassifierData>;
  save(paper: ExtractedPaper, topics: TopicId[]): Promise<void>;
  unsave(id: string): Promise<void>;
  /** Stores a correction (empty: removes it); `topics` become a saved paper's stored topics. */
  setCorrection(id: string, correction: TopicCorrection, topics: TopicId[]): Promise<void>;
  setSummaryFilter(site: SiteId, topic: string | null): Promise<void>;
  /** The paper's note ('' when it has none or is not saved). */
  getNote(id: string): Promise<string>;
  updateNote(id: string, note: string): Promise<void>;
}

export interface AnnotatorOptions {
  doc: Document;
  adapter: SiteAdapter;
  /**
   * The built-in classifier, with the data the background sends (port.getClassifier); until that
   * has come, cards show custom topics and corrections only.
   */
  classify: (paper: ExtractedPaper, data: ClassifierData) => TopicMatch[];
  port: AnnotatorPort;
  /** Stops everything (observer, scheduled work) and removes our UI when aborted. */
  signal: AbortSignal;
  scheduler?: Scheduler;
  log?: (message: string, error?: unknown) => void;
  /** Quiet time before a quick-note edit is sent (tests shorten it). */
  noteDelayMs?: number;
}

interface AnnotatedCard {
  card: Element;
  /** The card's paper id as last annotated; a different id on a re-scan means the card was reused. */
  paperId: string;
  /**
   * The paper as the pass read it, without its abstract: 2,000 kept abstracts would be half of
   * our memory on the biggest listings, and the text is read again when needed (#readAgain).
   */
  paper: ExtractedPaper;
  /** The built-in classifier's topics and the custom topics' matches, before any correction. */
  classified: TopicMatch[];
  custom: CustomMatch[];
  /** What the card shows: after switched-off topics and the user's correction. */
  topics: FinalTopic[];
  saved: boolean;
  ui: CardUi;
}

/** Cards processed per slice before yielding, so no task grows long on 2,000-card pages. */
const SLICE_BUDGET_MS = 8;
/**
 * The first slice of a big pass, counted from the start of the pass (finding the cards included):
 * at page load it runs inside the page's own DOMContentLoaded task. Cards on screen it leaves are
 * taken next, reported by an IntersectionObserver, and their hosts render at once (no
 * `content-visibility`).
 */
const FIRST_SLICE_BUDGET_MS = 8;
/**
 * Hosts built in later slices are inserted this many at a time, and each batch is rendered before
 * the next slice runs. Every render of a long page has a fixed cost (the page below the new hosts
 * moves), so a few big batches beat one per slice; but a render of ~1,000 new hosts takes longer
 * than 50 ms on a 2,000-entry arXiv page, and this size keeps each one under that.
 */
const MOUNT_BATCH = 550;
/** Passes over more cards than this paint their first slice (the cards on screen) at once. */
const PAINT_FIRST_SLICE_ABOVE = 200;
/**
 * A pass over at most PAINT_FIRST_SLICE_ABOVE cards (a page loading more) gets this long before it
 * yields: it normally finishes inside the page's own task, so the browser renders the new cards
 * once, with our UI, instead of bare and then again.
 */
const SMALL_PASS_BUDGET_MS = 24;
/** How long the first pass waits for the user's topic settings before showing badges anyway. */
const CONFIG_WAIT_MS = 30;
/** Past this many changed subtrees in one batch, one full scan is cheaper than many small ones. */
const MAX_DIRTY_ROOTS = 200;

// Attributes of the public contract (see README): tools outside the code rely on these names.
const ATTR_PAPER = 'data-biaslens-paper';
const ATTR_TOPICS = 'data-biaslens-topics';
const ATTR_SAVED = 'data-biaslens-saved';
const ATTR_COUNT = 'data-biaslens-cards';
/** Set on cards without the topic chosen in the page summary. */
const ATTR_DIMMED = 'data-biaslens-dimmed';
const DIMMED_OPACITY = '0.35';
const NO_TOPICS: FinalTopic[] = [];

/**
 * Finds the cards of a listing page, annotates each once with topic badges (after the user's
 * custom topics, switched-off topics and corrections) and a Save button, keeps the saved state
 * and corrections current, shows the page summary, and follows single-page-app changes (cards
 * added, replaced or reused) without ever duplicating the UI.
 */
export class Annotator {
  readonly #cards = new Map<Element, AnnotatedCard>();
  readonly #cardsById = new Map<string, Set<AnnotatedCard>>();
  /** The user's corrections of the papers on this page, by paper id. */
  readonly #corrections = new Map<string, TopicCorrection>();
  /** Papers whose correction this tab is sending: their broadcasts would be stale. */
  readonly #correcting = new Map<string, number>();
  /** Cards whose extraction failed, so each broken card is logged once, not on every pass. */
  readonly #brokenCards = new WeakSet<Element>();
  readonly #scheduler: Scheduler;
  readonly #log: (message: string, error?: unknown) => void;
  readonly #notes: QuickNotes;
  #context = new TopicContext();
  /** The built-in classifier's data, from the background's first answer. */
  #classifier: ClassifierData | undefined;
  /**
   * Until the user's topic settings and the classifier have arrived (or failed to): the first
   * pass waits a little.
   */
  #configLoad: Promise<void> | undefined;
  #prepared = false;
  #freshDocument = false;
  /** Which ids may be saved or corrected: cards of other papers need no round trip. */
  readonly #knownIds = new KnownIds();
  #filter: string | undefined;
  #summary: SummaryPanel | undefined;
  #theme: 'light' | 'dark' = 'light';
  #lastHovered: Element | undefined;
  #observer: MutationObserver | undefined;
  #themeObserver: MutationObserver | undefined;
  #passRunning = false;
  #passRequested = false;
  /** The next pass scans the whole document (first pass, navigation, many changes). */
  #fullScanRequested = true;
  /** Subtrees the page added or changed since the last pass; a pass looks only there. */
  #dirtyRoots = new Set<Node>();
  /** The page's embedded data as read by the last pass, kept for extracting at save time. */
  #pageData: PageData | undefined;
  #stopped = false;
  /** Resolves when the current pass (and any pass it scheduled) has finished; used by tests. */
  #idleWaiters: Array<() => void> = [];

  readonly #options: AnnotatorOptions;

  constructor(options: AnnotatorOptions) {
    this.#options = options;
    this.#scheduler = options.scheduler ?? createScheduler(options.doc.defaultView ?? undefined);
    this.#log =
      options.log ?? ((message, error) => console.warn(`[BiasLens] ${message}`, error ?? ''));
    this.#notes = new QuickNotes({
      delayMs: options.noteDelayMs ?? 500,
      ensureSaved: (id) => this.#ensureSaved(id),
      sendNote: (id, note) => options.port.updateNote(id, note),
      onStatus: (id, status, message) => {
        const text =
          status === 'pending'
            ? 'Saving…'
            : status === 'saved'
              ? 'Note saved.'
              : `Could not save the note: ${message ?? 'unknown error'}`;
        for (const entry of this.#cardsById.get(id) ?? []) entry.ui.setNoteStatus(text);
      },
    });
    options.signal.addEventListener('abort', () => this.#stop(), { once: true });
  }

  /**
   * Asks the background for the topic settings and the known-ids digest. Called while the page is
   * still loading (the content script runs at document_start), so on a long page both are here
   * by the time the cards are: the first cards then need no waiting and, mostly, no question.
   */
  prepare(): void {
    if (this.#prepared || this.#options.signal.aborted) return;
    this.#prepared = true;
    const { doc } = this.#options;
    // A document still being parsed holds nothing of an earlier instance of this script.
    this.#freshDocument =
      doc.readyState === 'loading' && !doc.documentElement?.hasAttribute(ATTR_COUNT);
    const configLoad = this.#loadConfig(true).finally(() => {
      if (this.#configLoad === configLoad) this.#configLoad = undefined;
    });
    this.#configLoad = configLoad;
    this.#fetchDigest();
  }

  /** Asks for a fresh known-ids digest; until it comes, every new card is asked about. */
  #fetchDigest(): void {
    this.#knownIds.clearSnapshot();
    this.#options.port.getPageState([], { knownIds: true }).then(
      (state) => {
        if (state.known && !this.#stopped && !this.#knownIds.ready)
          this.#knownIds.setSnapshot(state.known);
      },
      // Not fatal: the next pass asks for the saved state (and the digest) again.
      (error: unknown) => this.#log('could not read which papers are saved', error),
    );
  }

  /**
   * Annotates the page now and follows later changes until the signal aborts. The first slice of
   * cards (the top of the page) is annotated within this call, so the page's first rendering
   * after DOMContentLoaded already shows their badges.
   */
  start(): void {
    if (this.#options.signal.aborted) return;
    const { doc, signal } = this.#options;
    this.prepare();
    // A previous instance of the content script (before an extension reload) may have left UI;
    // looking costs two walks of a 2,000-card document, so only where there can be any.
    if (!this.#freshDocument) {
      for (const stale of doc.querySelectorAll(`${HOST_TAG}, ${SUMMARY_TAG}`)) stale.remove();
      for (const dimmed of doc.querySelectorAll(`[${ATTR_DIMMED}]`)) undim(dimmed);
    }
    this.#theme = pageTheme(doc);
    this.#observeMutations();
    this.#observeTheme();
    // The keyboard command saves the card hovered last when no card has focus.
    doc.addEventListener(
      'mouseover',
      (event) => {
        const card = (event.target as Element | null)?.closest?.(`[${ATTR_PAPER}]`);
        if (card && this.#cards.has(card)) this.#lastHovered = card;
      },
      { passive: true, signal },
    );
    this.#passRequested = true;
    void this.#runPasses();
  }

  /** Scans the whole page again (after a single-page app navigated, say). */
  rescan(): void {
    this.#fullScanRequested = true;
    this.#requestPass();
  }

  /** Resolves once no pass is running or pending. */
  whenIdle(): Promise<void> {
    if (!this.#passRunning && !this.#passRequested) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Applies a saved/unsaved change made anywhere (this tab, another tab, the popup). */
  applySavedChange(ids: readonly string[], saved: boolean): void {
    if (saved) {
      this.#knownIds.add(ids);
      // A save, restore or import may also have given a paper ids the broadcast does not list
      // (a DOI, an alias merged in): the database knows them all.
      this.#fetchDigest();
    }
    for (const id of ids) {
      for (const entry of this.#cardsById.get(id) ?? []) this.#setSaved(entry, saved);
    }
  }

  /** Applies a correction made anywhere (a broadcast); this tab's own pending ones win. */
  applyCorrectionChange(id: string, correction: TopicCorrection): void {
    this.#knownIds.add([id]);
    if (this.#correcting.has(id)) return;
    this.#setCorrection(id, correction);
  }

  /** Re-reads the topic configuration (after a 'config-changed' broadcast) and re-applies it. */
  async reloadConfig(): Promise<void> {
    await this.#loadConfig(false);
  }

  /** Re-reads saved state, corrections and configuration (after the tab was frozen, say). */
  async refreshState(): Promise<void> {
    await this.#loadConfig(false);
    this.#knownIds.clearSnapshot();
    await this.#loadPageState([...this.#cardsById.keys()]);
  }

  /** Sends every unsent quick-note edit now (the page is being hidden). */
  flushNotes(): Promise<void> {
    return this.#notes.flush();
  }

  /**
   * Saves the card that has focus (or contains it), else the one hovered last: the "save-card"
   * keyboard command. Resolves to whether there was such a card.
   */
  async saveActiveCard(): Promise<boolean> {
    const active = this.#options.doc.activeElement?.closest(`[${ATTR_PAPER}]`);
    let entry = active ? this.#cards.get(active) : undefined;
    if (!entry && this.#lastHovered?.isConnected) entry = this.#cards.get(this.#lastHovered);
    if (!entry) return false;
    if (entry.saved) {
      entry.ui.announce('Already saved in BiasLens.');
      return true;
    }
    await this.#toggle(entry.card);
    if (entry.saved) entry.ui.announce('Saved to BiasLens.');
    return true;
  }

  /**
   * Schedules a pass. `beforeRender`: run it in a microtask, right after the page's own change,
   * so the browser renders the new cards once, with our UI in them, instead of twice.
   */
  #requestPass(beforeRender = false): void {
    if (this.#stopped) return;
    this.#passRequested = true;
    if (this.#passRunning) return;
    if (beforeRender) queueMicrotask(() => void this.#runPasses());
    else this.#scheduler.soon(() => void this.#runPasses());
  }

  async #runPasses(): Promise<void> {
    if (this.#passRunning || this.#stopped) return;
    this.#passRunning = true;
    try {
      while (this.#passRequested && !this.#stopped) {
        this.#passRequested = false;
        await this.#pass();
      }
    } catch (error) {
      this.#log('annotation pass failed', error);
    } finally {
      this.#passRunning = false;
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** One scan of the page: annotate new or reused cards, drop cards that left the page. */
  async #pass(): Promise<void> {
    const started = this.#scheduler.now();
    const { adapter, doc } = this.#options;
    let changed = false;
    for (const entry of this.#cards.values()) {
      if (!entry.card.isConnected) {
        this.#forget(entry);
        changed = true;
      }
    }

    const pending: Element[] = [];
    for (const card of this.#candidateCards()) {
      const entry = this.#cards.get(card);
      if (!entry) {
        if (!this.#brokenCards.has(card) || cardChangedSinceFailure(card)) pending.push(card);
        continue;
      }
      // The framework may reuse a card element for another paper, or wipe our host while re-rendering.
      const hostIntact = entry.ui.host.isConnected && card.contains(entry.ui.host);
      if (!hostIntact || this.#readPaperId(card) !== entry.paperId) pending.push(card);
    }

    if (pending.length > 0) {
      changed = true;
      // Custom and switched-off topics apply from the first card, unless the settings are slow
      // to come (a background waking up): then they are applied when they arrive.
      if (this.#configLoad)
        await Promise.race([this.#configLoad, this.#scheduler.sleep(CONFIG_WAIT_MS)]);
      let pageData: PageData | undefined;
      const readPageData = () => {
        if (pageData === undefined && adapter.readPageData) {
          try {
            pageData = adapter.readPageData(doc);
          } catch (error) {
            this.#log(`[${adapter.id}] could not read the page's embedded data`, error);
            pageData = { abstracts: new Map() };
          }
          this.#pageData = pageData;
        }
        return pageData;
      };
      // Saved state and corrections. With the known-ids digest, only ids it may know are asked
      // about, once their cards are done (on most pages: none). Without it (not here yet), every
      // card is asked about now, with the ids read cheaply, and the answer travels during the work.
      let early: { ids: ReadonlySet<string>; state: Promise<PageState> } | undefined;
      if (!this.#knownIds.ready) {
        const expectedIds = new Set<string>();
        for (const card of pending) {
          const id = this.#readPaperId(card);
          if (id) expectedIds.add(id);
        }
        if (expectedIds.size > 0) {
          const state = this.#options.port.getPageState([...expectedIds], { knownIds: true });
          // Handled where it is awaited; this keeps an early failure from being unhandled.
          state.catch(() => undefined);
          early = { ids: expectedIds, state };
        }
      }
      const asked = new Set<string>();
      const answers: Array<Promise<void>> = [];
      const small = pending.length <= PAINT_FIRST_SLICE_ABOVE;
      // At least two batches after the first slice: one render of a whole list of heavy cards
      // (500 Hugging Face articles) takes longer than 50 ms.
      const batchSize = Math.min(MOUNT_BATCH, Math.ceil(pending.length / 2));
      if (!small && adapter.readPageData && this.#pageData === undefined) {
        // The page's embedded data (megabytes of JSON on a long Hugging Face list) is read in a
        // task of its own, not in the page's DOMContentLoaded task nor in the first slice's.
        await this.#scheduler.sleep(0);
        if (this.#stopped) return;
        readPageData();
        await this.#scheduler.yield();
        if (this.#stopped) return;
      }
      const queue = new WorkQueue(pending, doc);
      const newIds = new Set<string>();
      const mounts: Array<[Element, Element]> = [];
      let firstSlice = true;
      while (!queue.done && !this.#stopped) {
        const sliceEnd = firstSlice
          ? started + (small ? SMALL_PASS_BUDGET_MS : FIRST_SLICE_BUDGET_MS)
          : this.#scheduler.now() + SLICE_BUDGET_MS;
        do {
          const card = queue.next();
          if (!card) break;
          const id = this.#annotateCard(card, readPageData(), mounts);
          if (id) newIds.add(id);
        } while (this.#scheduler.now() < sliceEnd);
        // The first slice holds the cards on screen: show them now; batch the rest, and let each
        // batch render on its own. Only worth a render of its own on big passes: a page that
        // added a few cards renders them once, with our UI, when the pass is done.
        const fullBatch = mounts.length >= batchSize;
        const paintNow = (firstSlice && !small) || fullBatch;
        if (firstSlice || fullBatch || queue.done) this.#mountAll(mounts, !firstSlice, queue);
        if (firstSlice && !early) {
          // The cards on screen learn their saved state first.
          const ids = [...newIds].filter((id) => this.#knownIds.mayKnow(id));
          for (const id of ids) asked.add(id);
          answers.push(this.#loadPageState(ids));
        }
        if (firstSlice && !small) queue.watchVisibility();
        firstSlice = false;
        // After a mount a macrotask lets the browser render it; between other slices a
        // prioritized yield keeps the remaining work ahead of other tasks.
        if (!queue.done) await (paintNow ? this.#scheduler.sleep(0) : this.#scheduler.yield());
      }
      queue.close();
      this.#mountAll(mounts, true, queue);
      if (this.#stopped) return;
      const rest = [...newIds].filter((id) => !asked.has(id) && this.#knownIds.mayKnow(id));
      answers.push(this.#loadPageState(rest, early));
      await Promise.all(answers);
    }
    if (changed || !this.#summary?.host.isConnected) this.#updateSummary();
    this.#writeCount();
  }

  /** Annotates (or re-annotates) one card; returns its paper id, or undefined when skipped. */
  #annotateCard(card: Element, pageData: PageData | undefined, mounts: Array<[Element, Element]>) {
    const { adapter, classify } = this.#options;
    try {
      // Authors are read when the paper is saved (#readAgain): the pass needs no more.
      const { abstract, ...paper } = adapter.extractPaper(card, pageData, { authors: false });
      const text = abstract === undefined ? paper : { ...paper, abstract };
      const classified = this.#classifier ? classify(text, this.#classifier) : [];
      const custom = this.#context.matchCustom(text);
      const previous = this.#cards.get(card);
      if (previous) this.#forget(previous);
      const ui = previous?.ui ?? this.#createUi(card);
      const entry: AnnotatedCard = {
        card,
        paperId: paper.id,
        paper,
        classified,
        custom,
        topics: NO_TOPICS,
        saved: false,
        ui,
      };
      ui.setTheme(this.#theme);
      // A new UI starts unsaved; a reused one may show another paper's state.
      if (previous) ui.setSaveState('unsaved');
      if (!(ui.host.isConnected && card.contains(ui.host))) mounts.push([card, ui.host]);
      card.setAttribute(ATTR_PAPER, paper.id);
      card.setAttribute(ATTR_SAVED, 'false');
      this.#showTopics(entry, true);
      this.#remember(entry);
      this.#brokenCards.delete(card);
      return paper.id;
    } catch (error) {
      if (!this.#brokenCards.has(card)) {
        this.#log(`skipped a card: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.#brokenCards.add(card);
      markFailure(card);
      return undefined;
    }
  }

  /**
   * Inserts the queued hosts in one batch of DOM writes. `offScreen`: hosts of a pass's later
   * slices, mostly below the fold: they skip rendering until scrolled near, except those of cards
   * `queue` saw on screen. The first slice's (on screen) do not either: an on-screen
   * `content-visibility: auto` element makes the browser run style, layout and paint twice in
   * that frame, which on a long page costs more than the few hosts themselves.
   */
  #mountAll(mounts: Array<[Element, Element]>, offScreen: boolean, queue?: WorkQueue): void {
    for (const [card, host] of mounts) {
      // A card the page removed meanwhile gets nothing; a later pass sees it if it comes back.
      if (!card.isConnected || !this.#cards.has(card)) continue;
      if (offScreen && !queue?.isOnScreen(card)) skipWhileOffScreen(host as HTMLElement);
      mount(this.#options.adapter, card, host);
    }
    mounts.length = 0;
  }

  /**
   * The cards a pass looks at: every card of the document on a full scan; otherwise only the
   * cards in, or around, the subtrees the page changed since the last pass.
   */
  #candidateCards(): Iterable<Element> {
    const { adapter, doc } = this.#options;
    const roots = this.#dirtyRoots;
    this.#dirtyRoots = new Set();
    if (this.#fullScanRequested || roots.size > MAX_DIRTY_ROOTS) {
      this.#fullScanRequested = false;
      return adapter.findCards(doc);
    }
    const found = new Set<Element>();
    for (const root of roots) {
      if (!root.isConnected) continue;
      const element = root.nodeType === 1 ? (root as Element) : root.parentElement;
      if (!element) continue;
      // A change inside a card we know (content wiped, link retargeted): re-check that card.
      const known = element.closest(`[${ATTR_PAPER}]`);
      if (known && this.#cards.has(known)) {
        found.add(known);
        continue;
      }
      let cards = adapter.findCards(element);
      // A piece of a card that was incomplete until now: look from a few ancestors up, short of
      // <body>, so a change outside every card (a clock, an ad) never costs a whole-page scan.
      for (
        let up = element.parentElement, level = 0;
        cards.length === 0 && up && up !== doc.body && up !== doc.documentElement && level < 4;
        level++
      ) {
        cards = adapter.findCards(up).filter((card) => card.contains(element));
        up = up.parentElement;
      }
      for (const card of cards) found.add(card);
    }
    return found;
  }

  /**
   * The card's paper read again: the pass keeps no abstracts (custom topics need them) and reads
   * no authors (a save needs them). What the pass read when the card changed meanwhile.
   */
  #readAgain(entry: AnnotatedCard, options?: ExtractOptions): ExtractedPaper {
    try {
      const paper = this.#options.adapter.extractPaper(entry.card, this.#pageData, options);
      if (paper.id === entry.paperId) return paper;
    } catch (error) {
      this.#log(`could not read ${entry.paperId} again`, error);
    }
    return entry.paper;
  }

  #createUi(card: Element): CardUi {
    const ui = new CardUi(this.#options.doc, this.#handlers);
    ui.owner = card;
    return ui;
  }

  /** What every card's controls do: one object for the page, told which card each time. */
  readonly #handlers: CardUiHandlers = {
    onToggleSave: (ui) => {
      if (ui.owner) void this.#toggle(ui.owner);
    },
    topicChoices: (ui) => {
      const entry = this.#entryOf(ui);
      const shown = new Set(entry?.topics.map((topic) => topic.id));
      return {
        choices: this.#context.enabled.map(({ id, label, color }) => ({
          id,
          label,
          color,
          checked: shown.has(id),
        })),
        corrected: entry !== undefined && !isEmptyCorrection(this.#corrections.get(entry.paperId)),
      };
    },
    onCorrect: (ui, topicId, include) => {
      const entry = this.#entryOf(ui);
      if (!entry) return;
      const next = toggleCorrection(this.#corrections.get(entry.paperId), topicId, include);
      void this.#sendCorrection(entry, next);
    },
    onResetTopics: (ui) => {
      const entry = this.#entryOf(ui);
      if (entry) void this.#sendCorrection(entry, { added: [], removed: [] });
    },
    loadNote: async (ui) => {
      const entry = this.#entryOf(ui);
      if (!entry) return '';
      return this.#notes.unsent(entry.paperId) ?? (await this.#options.port.getNote(entry.paperId));
    },
    onNoteInput: (ui, note) => {
      const entry = this.#entryOf(ui);
      if (entry) this.#notes.edit(entry.paperId, note);
    },
    onNoteFlush: (ui) => {
      const entry = this.#entryOf(ui);
      if (entry) void this.#notes.flush(entry.paperId);
    },
  };

  #entryOf(ui: CardUi): AnnotatedCard | undefined {
    return ui.owner ? this.#cards.get(ui.owner) : undefined;
  }

  /**
   * Recomputes what a card shows from its classifier and custom matches, the switched-off topics,
   * the paper's correction and the summary filter; touches the DOM only where something changed.
   */
  #showTopics(entry: AnnotatedCard, fresh = false): void {
    const correction = this.#corrections.get(entry.paperId);
    // Most cards of a listing have no topic at all: skip the merge for them.
    const topics =
      entry.classified.length === 0 && entry.custom.length === 0 && !correction
        ? NO_TOPICS
        : this.#context.merge(entry.classified, entry.custom, correction);
    const ids = topics.map((topic) => topic.id).join(' ');
    entry.topics = topics;
    entry.ui.setTopics(this.#context.toCardTopics(topics));
    if (fresh || entry.card.getAttribute(ATTR_TOPICS) !== ids)
      entry.card.setAttribute(ATTR_TOPICS, ids);
    this.#applyDim(entry);
  }

  #applyDim(entry: AnnotatedCard): void {
    const dimmed = isDimmed(
      this.#filter,
      entry.topics.map((topic) => topic.id),
    );
    if (dimmed === entry.card.hasAttribute(ATTR_DIMMED)) return;
    if (dimmed) {
      entry.card.setAttribute(ATTR_DIMMED, 'true');
      (entry.card as HTMLElement).style?.setProperty('opacity', DIMMED_OPACITY, 'important');
    } else {
      undim(entry.card);
    }
  }

  /** Shows a paper's correction (none: undefined or empty) on every card of the paper. */
  #setCorrection(id: string, correction: TopicCorrection | undefined): void {
    if (correction && !isEmptyCorrection(correction)) this.#corrections.set(id, correction);
    else this.#corrections.delete(id);
    const entries = this.#cardsById.get(id);
    if (!entries) return;
    for (const entry of entries) {
      this.#showTopics(entry);
      entry.ui.refreshMenu();
    }
    this.#updateSummary();
  }

  /** Shows a correction at once on every card of the paper, then stores it. */
  async #sendCorrection(entry: AnnotatedCard, correction: TopicCorrection): Promise<void> {
    const id = entry.paperId;
    const before = this.#corrections.get(id);
    this.#setCorrection(id, correction);
    this.#correcting.set(id, (this.#correcting.get(id) ?? 0) + 1);
    try {
      const topics = builtInTopicIds(entry.topics.map((topic) => topic.id));
      await this.#options.port.setCorrection(id, correction, topics);
      entry.ui.announce('Topics updated.');
    } catch (error) {
      this.#log(`could not store the topics of ${id}`, error);
      entry.ui.announce('BiasLens could not store your change of topics.');
      if (this.#correcting.get(id) === 1) this.#setCorrection(id, before);
    } finally {
      const left = (this.#correcting.get(id) ?? 1) - 1;
      if (left > 0) this.#correcting.set(id, left);
      else this.#correcting.delete(id);
    }
  }

  async #loadConfig(initial: boolean): Promise<void> {
    const { port, adapter } = this.#options;
    // Apart: a database that fails leaves the badges, and a lost classifier message the settings.
    const [config, classifier] = await Promise.allSettled([
      port.getConfig(adapter.id),
      this.#classifier ?? port.getClassifier(),
    ]);
    if (this.#stopped) return;
    if (classifier.status === 'rejected') {
      this.#log('could not load the topic classifier', classifier.reason);
    }
    // Cards annotated before the classifier came (a background slow to wake) are classified now.
    const fresh = !this.#classifier && classifier.status === 'fulfilled' && classifier.value;
    if (fresh) this.#classifier = fresh;
    if (config.status === 'fulfilled') {
      this.#context = new TopicContext(config.value);
      if (initial && config.value.summaryFilter) this.#filter = config.value.summaryFilter;
      if (this.#filter !== undefined && !this.#context.enabled.some((t) => t.id === this.#filter))
        this.#filter = undefined;
    } else {
      this.#log('could not read the topic settings', config.reason);
      if (!fresh) return;
    }
    // In slices: reading 2,000 cards again is over 100 ms of work.
    let sliceEnd = this.#scheduler.now() + SLICE_BUDGET_MS;
    for (const entry of [...this.#cards.values()]) {
      // Reading every card again (abstracts included) is only worth it when there is a phrase
      // to look for or a classifier just come: switching a built-in topic off must not re-extract
      // 2,000 cards.
      const text = (this.#context.hasCustom || fresh) && this.#readAgain(entry, { authors: false });
      entry.custom = text && this.#context.hasCustom ? this.#context.matchCustom(text) : [];
      if (text && fresh) entry.classified = this.#options.classify(text, fresh);
      this.#showTopics(entry);
      if (this.#scheduler.now() > sliceEnd) {
        await this.#scheduler.yield();
        if (this.#stopped) return;
        sliceEnd = this.#scheduler.now() + SLICE_BUDGET_MS;
      }
    }
    if (this.#cards.size > 0) this.#updateSummary();
  }

  #readPaperId(card: Element): string | undefined {
    const { adapter } = this.#options;
    try {
      return adapter.paperIdOf ? adapter.paperIdOf(card) : adapter.extractPaper(card).id;
    } catch {
      return undefined;
    }
  }

  /**
   * Reads and applies the saved state and corrections of `ids`. `early` is a request the pass
   * sent before its work for the ids it expected, so the round trip overlaps that work; ids it
   * did not cover (a card whose id changed meanwhile) go in one more request.
   */
  async #loadPageState(
    ids: string[],
    early?: { ids: ReadonlySet<string>; state: Promise<PageState> },
  ): Promise<void> {
    if (ids.length === 0) return;
    try {
      const missing = early ? ids.filter((id) => !early.ids.has(id)) : ids;
      const [first, rest] = await Promise.all([
        early?.state,
        missing.length > 0
          ? this.#options.port.getPageState(missing, { knownIds: !early && !this.#knownIds.ready })
          : undefined,
      ]);
      const known = first?.known ?? rest?.known;
      if (known && !this.#stopped) this.#knownIds.setSnapshot(known);
      const state: PageState = {
        saved: [...(first?.saved ?? []), ...(rest?.saved ?? [])],
        corrections: [...(first?.corrections ?? []), ...(rest?.corrections ?? [])],
      };
      if (this.#stopped) return;
      const saved = new Set(state.saved);
      for (const id of ids) {
        for (const entry of this.#cardsById.get(id) ?? []) this.#setSaved(entry, saved.has(id));
      }
      const corrected = new Map(state.corrections.map((c) => [c.id, c] as const));
      for (const id of ids) {
        const correction = corrected.get(id);
        const known = this.#corrections.get(id);
        if (this.#correcting.has(id) || (!correction && !known)) continue;
        this.#setCorrection(id, correction);
      }
    } catch (error) {
      this.#log('could not read which papers are saved', error);
    }
  }

  async #toggle(card: Element): Promise<void> {
    const entry = this.#cards.get(card);
    if (!entry || this.#stopped) return;
    const wasSaved = entry.saved;
    entry.ui.setSaveState('pending');
    try {
      if (wasSaved) await this.#options.port.unsave(entry.paperId);
      else
        await this.#options.port.save(
          this.#readAgain(entry),
          builtInTopicIds(entry.topics.map((topic) => topic.id)),
        );
      this.applySavedChange([entry.paperId], !wasSaved);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      entry.ui.setSaveState('error', message);
      this.#log(`could not ${wasSaved ? 'remove' : 'save'} ${entry.paperId}`, error);
    }
  }

  /** Saves a paper before its first quick note (a note belongs to a saved paper). */
  async #ensureSaved(id: string): Promise<void> {
    const entry = this.#cardsById.get(id)?.values().next().value;
    if (!entry || entry.saved) return;
    await this.#options.port.save(
      this.#readAgain(entry),
      builtInTopicIds(entry.topics.map((topic) => topic.id)),
    );
    this.applySavedChange([id], true);
  }

  #setSaved(entry: AnnotatedCard, saved: boolean): void {
    entry.saved = saved;
    entry.ui.setSaveState(saved ? 'saved' : 'unsaved');
    const value = saved ? 'true' : 'false';
    if (entry.card.getAttribute(ATTR_SAVED) !== value) entry.card.setAttribute(ATTR_SAVED, value);
  }

  /** The user chose a summary topic (or cleared it): dim the other cards, remember it per site. */
  #chooseFilter(topic: string | undefined): void {
    this.#filter = topic;
    for (const entry of this.#cards.values()) this.#applyDim(entry);
    this.#updateSummary();
    this.#options.port
      .setSummaryFilter(this.#options.adapter.id, topic ?? null)
      .catch((error: unknown) => this.#log('could not remember the summary filter', error));
  }

  /** Shows the page summary on pages with more than one card, with current counts. */
  #updateSummary(): void {
    const { doc } = this.#options;
    if (this.#cards.size < 2) {
      this.#summary?.host.remove();
      return;
    }
    this.#summary ??= new SummaryPanel(doc, { onChoose: (topic) => this.#chooseFilter(topic) });
    const counts = countTopics([...this.#cards.values()].map((e) => e.topics.map((t) => t.id)));
    this.#summary.update(
      summaryItems(counts, this.#context.enabled, this.#filter),
      this.#cards.size,
      this.#filter,
    );
    this.#summary.setTheme(this.#theme);
    if (!this.#summary.host.isConnected)
      (doc.body ?? doc.documentElement).append(this.#summary.host);
  }

  #remember(entry: AnnotatedCard): void {
    this.#cards.set(entry.card, entry);
    const set = this.#cardsById.get(entry.paperId) ?? new Set<AnnotatedCard>();
    set.add(entry);
    this.#cardsById.set(entry.paperId, set);
  }

  #forget(entry: AnnotatedCard): void {
    this.#cards.delete(entry.card);
    const set = this.#cardsById.get(entry.paperId);
    set?.delete(entry);
    if (set?.size === 0) this.#cardsById.delete(entry.paperId);
  }

  #writeCount(): void {
    const value = String(this.#cards.size);
    const html = this.#options.doc.documentElement;
    if (html.getAttribute(ATTR_COUNT) !== value) html.setAttribute(ATTR_COUNT, value);
  }

  #observeMutations(): void {
    const view = this.#options.doc.defaultView;
    if (!view?.MutationObserver) return;
    this.#observer = new view.MutationObserver((records) => {
      let foreign = false;
      for (const record of records) {
        if (!isForeignMutation(record)) continue;
        foreign = true;
        if (record.type === 'attributes') {
          this.#dirtyRoots.add(record.target);
          continue;
        }
        for (const node of record.addedNodes) {
          if (node.nodeType === 1 && !isOurs(node)) this.#dirtyRoots.add(node);
        }
        // Removals inside a card (a re-render wiping our host) make that card worth a look.
        if (record.removedNodes.length > 0) this.#dirtyRoots.add(record.target);
      }
      if (foreign) this.#requestPass(true);
    });
    this.#observer.observe(this.#options.doc.documentElement, {
      childList: true,
      subtree: true,
      // Frameworks that reuse a card for another paper often change only the link's href.
      attributes: true,
      attributeFilter: ['href'],
    });
  }

  /** Follows the page's theme: Hugging Face toggles class `dark` on <html>; the OS setting. */
  #observeTheme(): void {
    const { doc, signal } = this.#options;
    const view = doc.defaultView;
    const update = () => {
      const theme = pageTheme(doc);
      if (theme === this.#theme) return;
      this.#theme = theme;
      for (const entry of this.#cards.values()) entry.ui.setTheme(theme);
      this.#summary?.setTheme(theme);
    };
    if (view?.MutationObserver) {
      this.#themeObserver = new view.MutationObserver(update);
      this.#themeObserver.observe(doc.documentElement, {
        attributes: true,
        attributeFilter: ['class', 'data-theme', 'style'],
      });
    }
    view?.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', update, {
      signal,
    });
  }

  #stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#observer?.disconnect();
    this.#themeObserver?.disconnect();
    this.#scheduler.cancel();
    this.#notes.cancelAll();
    // Every element bearing our marks, the page's clones of annotated cards included.
    const { doc } = this.#options;
    for (const element of doc.querySelectorAll(
      `[${ATTR_PAPER}], [${ATTR_SAVED}], [${ATTR_TOPICS}]`,
    )) {
      element.removeAttribute(ATTR_PAPER);
      element.removeAttribute(ATTR_TOPICS);
      element.removeAttribute(ATTR_SAVED);
      undim(element);
    }
    for (const stale of doc.querySelectorAll(`${HOST_TAG}, ${SUMMARY_TAG}`)) stale.remove();
    this.#cards.clear();
    this.#cardsById.clear();
    this.#options.doc.documentElement.removeAttribute(ATTR_COUNT);
    for (const resolve of this.#idleWaiters) resolve();
    this.#idleWaiters = [];
  }
}

function undim(card: Element): void {
  card.removeAttribute(ATTR_DIMMED);
  (card as HTMLElement).style?.removeProperty('opacity');
}

/**
 * Off-screen, the host's UI is neither laid out nor painted; its height stays reserved (card.css,
 * `:host([data-offscreen])`). An attribute, not two inline declarations: 2,000 hosts set it.
 */
function skipWhileOffScreen(host: HTMLElement): void {
  host.setAttribute('data-offscreen', '');
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

function isOurs(node: Node): boolean {
  const name = node.nodeName.toLowerCase();
  return name === HOST_TAG || name === SUMMARY_TAG;
}

/** A mutation made by the page, not by us adding or updating our own hosts. */
function isForeignMutation(record: MutationRecord): boolean {
  if (record.type === 'attributes') return true;
  for (const node of record.addedNodes) if (!isOurs(node)) return true;
  for (const node of record.removedNodes) if (!isOurs(node)) return true;
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
 * The cards of a pass, in document order, except that cards the browser reports on screen jump
 * the queue. An IntersectionObserver tells us after the browser's own next layout, so finding
 * the visible cards never forces a layout of its own (no getBoundingClientRect in a loop).
 */
class WorkQueue {
  private index = 0;
  private readonly urgent: Element[] = [];
  private readonly taken = new Set<Element>();
  /** Cards the browser reported on screen: their hosts must not skip rendering. */
  private readonly onScreen = new Set<Element>();
  private observer: IntersectionObserver | undefined;

  constructor(
    private readonly cards: Element[],
    private readonly doc: Document,
  ) {}

  /**
   * From now on, cards the browser reports on screen come next: for passes spanning several
   * slices, started after the first slice so the page's DOMContentLoaded task stays short.
   */
  watchVisibility(): void {
    const View = this.doc.defaultView?.IntersectionObserver;
    if (!View || this.observer) return;
    this.observer = new View((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting || this.taken.has(entry.target)) continue;
        this.urgent.push(entry.target);
        this.onScreen.add(entry.target);
      }
      this.close();
    });
    for (const card of this.cards) if (!this.taken.has(card)) this.observer.observe(card);
  }

  get done(): boolean {
    return this.taken.size >= this.cards.length;
  }

  isOnScreen(card: Element): boolean {
    return this.onScreen.has(card);
  }

  next(): Element | undefined {
    let card = this.urgent.pop();
    while (card && this.taken.has(card)) card = this.urgent.pop();
    if (!card) {
      while (this.index < this.cards.length && this.taken.has(this.cards[this.index] as Element))
        this.index++;
      card = this.cards[this.index++];
    }
    if (card) this.taken.add(card);
    return card;
  }

  close(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }
}

/**
 * The page's theme: explicit marks on <html> first (Hugging Face sets class `dark`), then the
 * system setting when the page says it follows it (`<meta name="color-scheme">` or the root's
 * `color-scheme` listing dark). Read once at start and when <html> or the setting changes.
 */
export function pageTheme(doc: Document): 'light' | 'dark' {
  const html = doc.documentElement;
  const marked = html.dataset.theme ?? html.getAttribute('data-color-mode');
  if (html.classList.contains('dark') || marked === 'dark') return 'dark';
  if (html.classList.contains('light') || marked === 'light') return 'light';
  const view = doc.defaultView;
  if (!view?.matchMedia?.('(prefers-color-scheme: dark)').matches) return 'light';
  const meta = doc.querySelector('meta[name="color-scheme"]')?.getAttribute('content') ?? '';
  const rootScheme = view.getComputedStyle?.(html).colorScheme ?? '';
  return /\bdark\b/.test(`${meta} ${rootScheme}`) ? 'dark' : 'light';
}
