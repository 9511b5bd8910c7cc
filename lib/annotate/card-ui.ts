import type { TopicSource } from '../topics/merge';
import { hideLayer, initLayer, isLayerOpen, placeLayer, showLayer } from './layer';
import { applyCardStyles } from './styles';

/** Tag name of the element that hosts our UI inside a card (part of the public contract). */
export const HOST_TAG = 'biaslens-card';

export type SaveState = 'unsaved' | 'saved' | 'pending' | 'error';

/** A topic as a card shows it: display data, the phrases that triggered it, and its source. */
export interface CardTopic {
  id: string;
  label: string;
  /** Badge background and text colours, `#rrggbb`. */
  color: string;
  textColor: string;
  description: string;
  evidence: readonly string[];
  source: TopicSource;
  /** Shown on the learned model's judgement of words of the topic's field (FinalTopic.inferred). */
  inferred?: true;
}

/** One checkbox of the "Edit topics" menu. */
export interface TopicChoice {
  id: string;
  label: string;
  color: string;
  checked: boolean;
}

/**
 * What a card's controls do. One object serves every card of a page (no closures per card): each
 * call says which card's UI it comes from.
 */
export interface CardUiHandlers {
  /** The user clicked Save (or Saved, to remove it). */
  onToggleSave(ui: CardUi): void;
  /** The menu's topics (every topic not switched off) and whether the paper has a correction. */
  topicChoices(ui: CardUi): { choices: TopicChoice[]; corrected: boolean };
  /** The user checked (`include`) or unchecked a topic in the menu. */
  onCorrect(ui: CardUi, topicId: string, include: boolean): void;
  /** The user asked for the automatic topics back. */
  onResetTopics(ui: CardUi): void;
  /** The paper's note, read when the note editor opens ('' when none or not saved). */
  loadNote(ui: CardUi): Promise<string>;
  /** The note text changed (debounced by the caller). */
  onNoteInput(ui: CardUi, note: string): void;
  /** Send a pending note edit now (the editor lost focus or closed). */
  onNoteFlush(ui: CardUi): void;
}

/** Delay before a hovered tooltip hides, so the pointer can move onto it (WCAG 1.4.13). */
const TIP_HIDE_MS = 200;

/**
 * The UI of one card, in an open shadow root: topic badges with tooltips, an "Edit topics" menu,
 * a quick note editor and the Save button. Only the row is built per card; the menu and the note
 * editor are built on first use. Everything is built with DOM calls and textContent, so
 * page-derived text is never parsed as markup.
 */
export class CardUi {
  readonly host: HTMLElement;
  readonly #root: ShadowRoot;
  readonly #row: HTMLElement;
  /** The card's live region, made on the first announcement (most cards never need one). */
  #status: HTMLElement | undefined;
  #menu: HTMLElement | undefined;
  #notePanel: HTMLElement | undefined;
  #textarea: HTMLTextAreaElement | undefined;
  #noteHint: HTMLElement | undefined;
  #topicsKey: string | undefined;
  #menuKey: string | undefined;
  #openTip: HTMLElement | undefined;
  #tipTimer: ReturnType<typeof setTimeout> | undefined;
  #badgeEvents = false;
  /** Created when a top-layer layer first opens; most cards never need it. */
  #onScroll: (() => void) | undefined;
  /** The card this UI belongs to (set by whoever mounts it). */
  owner: Element | undefined;

  readonly #handlers: CardUiHandlers;

  constructor(doc: Document, handlers: CardUiHandlers) {
    this.#handlers = handlers;
    const template = templateFor(doc);
    this.host = template.host.cloneNode(false) as HTMLElement;
    this.#root = this.host.attachShadow({ mode: 'open' });
    applyCardStyles(this.#root);
    // One delegated listener for every button of the card, shared by all cards (no closure each).
    uiByRoot.set(this.#root, this);
    this.#root.addEventListener('click', onRootClick);
    // Cloned, not built call by call: a page builds 2,000 of these rows.
    this.#row = template.row.cloneNode(true) as HTMLElement;
    this.#root.append(this.#row);
  }

  // The row's parts, found when first needed: most cards never touch most of them, and each
  // element a script holds costs memory on a 2,000-card page. Order: see templateFor.
  get #badges(): HTMLElement {
    return this.#row.firstElementChild as HTMLElement;
  }
  get #editButton(): HTMLButtonElement {
    return this.#badges.nextElementSibling?.firstElementChild as HTMLButtonElement;
  }
  get #noteButton(): HTMLButtonElement {
    return this.#badges.nextElementSibling?.nextElementSibling as HTMLButtonElement;
  }
  get #button(): HTMLButtonElement {
    return this.#noteButton.nextElementSibling as HTMLButtonElement;
  }

  /** Shows the topic badges (an empty list shows none); unchanged topics touch no DOM. */
  setTopics(topics: readonly CardTopic[]): void {
    const key = topics
      .map((t) =>
        [t.id, t.source, !!t.inferred, t.label, t.color, t.description, ...t.evidence].join(
          '\u0001',
        ),
      )
      .join('\u0002');
    if (key === this.#topicsKey) return;
    const first = this.#topicsKey === undefined;
    this.#topicsKey = key;
    if (first && topics.length === 0) return; // a new card without topics: nothing to remove
    this.#hideTip();
    const doc = this.host.ownerDocument;
    this.#badges.replaceChildren(...topics.map((topic, index) => createBadge(doc, topic, index)));
    if (topics.length > 0 && !this.#badgeEvents) this.#listenToBadges();
  }

  setSaveState(state: SaveState, message?: string): void {
    showSaveState(this.#button, state, message);
    if (state === 'error') this.announce(this.#button.title);
  }

  setTheme(theme: 'light' | 'dark'): void {
    if (this.host.getAttribute('data-theme') !== theme) this.host.setAttribute('data-theme', theme);
  }

  /** Says `message` to screen readers (a polite live region in the card). */
  announce(message: string): void {
    if (this.#status) {
      this.#status.textContent = message;
      return;
    }
    // Not built up front: its clip costs the page's paint step once per card, 2,000 times.
    const status = this.host.ownerDocument.createElement('span');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    this.#row.append(status);
    this.#status = status;
    // A live region must exist before its text changes for screen readers to read the change.
    setTimeout(() => {
      status.textContent = message;
    }, 100);
  }

  /** Shows how the note is doing ("Saving…", "Saved", an error) under the note editor. */
  setNoteStatus(message: string): void {
    if (this.#noteHint) this.#noteHint.textContent = message;
  }

  /** True while the topics menu is open. */
  isMenuOpen(): boolean {
    return this.#menu !== undefined && isLayerOpen(this.#menu);
  }

  /** Re-reads the menu's checkboxes (after a correction arrived from elsewhere). */
  refreshMenu(): void {
    if (this.#menu && this.isMenuOpen()) this.#fillMenu(this.#menu);
  }

  /** Opens the topics menu and focuses its first checkbox. */
  openMenu(): void {
    const doc = this.host.ownerDocument;
    let menu = this.#menu;
    if (!menu) {
      menu = doc.createElement('div');
      menu.id = 'topics-menu';
      menu.className = 'menu';
      menu.tabIndex = -1;
      menu.setAttribute('role', 'group');
      menu.setAttribute('aria-label', 'Topics of this paper');
      initLayer(menu);
      menu.addEventListener('change', (event) => {
        const input = event.target as HTMLInputElement;
        if (input.dataset.topic) this.#handlers.onCorrect(this, input.dataset.topic, input.checked);
      });
      menu.addEventListener('keydown', (event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        this.closeMenu();
        this.#editButton.focus();
      });
      menu.addEventListener('focusout', (event) => {
        const next = event.relatedTarget as Node | null;
        if (!next || !(menu?.contains(next) || next === this.#editButton)) this.closeMenu();
      });
      this.#editButton.after(menu);
      this.#editButton.setAttribute('aria-controls', menu.id);
      this.#menu = menu;
    }
    this.#fillMenu(menu);
    showLayer(menu, this.#editButton);
    this.#editButton.setAttribute('aria-expanded', 'true');
    this.#listenToScroll();
    menu.querySelector('input')?.focus();
  }

  closeMenu(): void {
    if (!this.#menu) return;
    hideLayer(this.#menu);
    this.#editButton.setAttribute('aria-expanded', 'false');
  }

  /** Opens (or closes) the quick note editor; opening loads the note and focuses it. */
  toggleNote(open = this.#notePanel?.hidden !== false): void {
    const panel = this.#notePanel ?? this.#buildNotePanel();
    const textarea = this.#textarea as HTMLTextAreaElement;
    this.#noteButton.setAttribute('aria-expanded', String(open));
    if (!open) {
      panel.hidden = true;
      this.#handlers.onNoteFlush(this);
      return;
    }
    panel.hidden = false;
    // Read-only until loaded, so nothing typed is overwritten by the stored note.
    textarea.readOnly = true;
    this.setNoteStatus('Loading…');
    textarea.focus();
    this.#handlers.loadNote(this).then(
      (note) => {
        textarea.value = note;
        textarea.readOnly = false;
        this.setNoteStatus('Saved with the paper as you type.');
      },
      (error: unknown) => {
        textarea.readOnly = false;
        this.setNoteStatus(`Could not load the note: ${String(error)}`);
      },
    );
  }

  #buildNotePanel(): HTMLElement {
    const doc = this.host.ownerDocument;
    const panel = doc.createElement('div');
    panel.id = 'note';
    panel.className = 'note';
    panel.hidden = true;
    const textarea = doc.createElement('textarea');
    textarea.setAttribute('aria-label', 'Quick note');
    textarea.placeholder = 'A note on this paper (saves it)';
    textarea.rows = 3;
    const hint = doc.createElement('span');
    hint.className = 'hint';
    hint.setAttribute('role', 'status');
    textarea.addEventListener('input', (event) => {
      // Only the user's typing is saved, not an input event a page script dispatched.
      if (event.isTrusted !== false) this.#handlers.onNoteInput(this, textarea.value);
    });
    textarea.addEventListener('blur', () => this.#handlers.onNoteFlush(this));
    for (const type of ['keydown', 'keyup', 'keypress'] as const) {
      // Typing here must not trigger the page's own keyboard shortcuts.
      textarea.addEventListener(type, (event) => {
        event.stopPropagation();
        if (type === 'keydown' && (event as KeyboardEvent).key === 'Escape') {
          this.toggleNote(false);
          this.#noteButton.focus();
        }
      });
    }
    panel.append(textarea, hint);
    this.#root.append(panel);
    this.#noteButton.setAttribute('aria-controls', panel.id);
    this.#notePanel = panel;
    this.#textarea = textarea;
    this.#noteHint = hint;
    return panel;
  }

  #fillMenu(menu: HTMLElement): void {
    const doc = this.host.ownerDocument;
    const { choices, corrected } = this.#handlers.topicChoices(this);
    const key = choices
      .map((choice) => `${choice.id}\u0001${choice.label}\u0001${choice.color}`)
      .join('\u0002');
    if (key === this.#menuKey) {
      // Same topics: update in place, so the focused checkbox keeps focus.
      const inputs = menu.querySelectorAll('input');
      choices.forEach((choice, index) => {
        const input = inputs[index];
        if (input) input.checked = choice.checked;
      });
      const reset = menu.querySelector<HTMLButtonElement>('button[data-action="reset"]');
      if (reset) reset.disabled = !corrected;
      return;
    }
    this.#menuKey = key;
    const title = doc.createElement('span');
    title.className = 'title';
    title.textContent = 'Topics of this paper';
    title.setAttribute('aria-hidden', 'true');
    const items = choices.map((choice) => {
      const label = doc.createElement('label');
      const input = doc.createElement('input');
      input.type = 'checkbox';
      input.checked = choice.checked;
      input.dataset.topic = choice.id;
      const dot = doc.createElement('span');
      dot.className = 'dot';
      dot.style.setProperty('--bl-topic-bg', choice.color);
      label.append(input, dot, choice.label);
      return label;
    });
    const actions = doc.createElement('div');
    actions.className = 'actions';
    const reset = makeButton(doc, 'reset', 'Automatic topics', 'minor');
    reset.title = 'Forget your changes to this paper’s topics';
    reset.disabled = !corrected;
    actions.append(reset, makeButton(doc, 'done', 'Done', ''));
    menu.replaceChildren(title, ...items, actions);
  }

  /** A click anywhere in the card's shadow root. */
  onClick(event: Event): void {
    // A page script can click our buttons (`element.click()`); only the user may. Cancelling also
    // undoes a scripted checkbox toggle. (happy-dom leaves isTrusted undefined: let that through.)
    if (event.isTrusted === false) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    const target = event.target as Element;
    // The card may sit inside a link (Hugging Face thumbnails): never navigate or bubble.
    event.stopPropagation();
    if (!target.closest('label, input, textarea')) event.preventDefault();
    const button = target.closest('button');
    switch (button?.dataset.action) {
      case 'save':
        this.#handlers.onToggleSave(this);
        break;
      case 'edit':
        if (this.isMenuOpen()) this.closeMenu();
        else this.openMenu();
        break;
      case 'done':
        this.closeMenu();
        this.#editButton.focus();
        break;
      case 'reset':
        this.#handlers.onResetTopics(this);
        break;
      case 'note':
        this.toggleNote();
        break;
      case 'tip':
        // A tap (touch) or Enter shows the tooltip; Escape, blur or leaving it hides it.
        this.#showTip(button);
    }
  }

  /** Hover and focus on badges show their tooltip; attached once a card has a badge. */
  #listenToBadges(): void {
    this.#badgeEvents = true;
    const badgeOf = (event: Event) =>
      (event.target as Element).closest('.topic')?.querySelector<HTMLElement>('.badge');
    this.#badges.addEventListener('mouseover', (event) => {
      const badge = badgeOf(event);
      if (badge) this.#showTip(badge);
    });
    this.#badges.addEventListener('mouseout', () => this.#hideTipSoon());
    this.#badges.addEventListener('focusin', (event) => {
      const badge = badgeOf(event);
      if (badge) this.#showTip(badge);
    });
    this.#badges.addEventListener('focusout', () => this.#hideTip());
    this.#badges.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.#openTip) {
        event.stopPropagation();
        this.#hideTip();
      }
    });
  }

  #showTip(badge: HTMLElement): void {
    clearTimeout(this.#tipTimer);
    const tip = badge.nextElementSibling as HTMLElement | null;
    if (!tip) return;
    if (this.#openTip && this.#openTip !== tip) hideLayer(this.#openTip);
    this.#openTip = tip;
    showLayer(tip, badge);
    this.#listenToScroll();
  }

  #hideTipSoon(): void {
    clearTimeout(this.#tipTimer);
    this.#tipTimer = setTimeout(() => this.#hideTip(), TIP_HIDE_MS);
  }

  #hideTip(): void {
    clearTimeout(this.#tipTimer);
    if (this.#openTip) hideLayer(this.#openTip);
    this.#openTip = undefined;
  }

  /** Top-layer layers are fixed: while one is open, a scroll moves the menu and hides tips. */
  #listenToScroll(): void {
    const view = this.host.ownerDocument.defaultView;
    if (!this.#menu?.hasAttribute('popover') && !this.#openTip?.hasAttribute('popover')) return;
    this.#onScroll ??= () => this.#followScroll();
    view?.addEventListener('scroll', this.#onScroll, { capture: true, passive: true });
  }

  #followScroll(): void {
    // A tooltip shown by hover goes; one shown by keyboard focus follows its badge, since
    // focusing a badge below the fold scrolls it into view right after the tooltip opened.
    const badge = this.#openTip?.previousElementSibling;
    const focused = !!badge && badge === this.#root.activeElement;
    if (focused) placeLayer(this.#openTip as HTMLElement, badge);
    else this.#hideTip();
    if (this.#menu && this.isMenuOpen()) placeLayer(this.#menu, this.#editButton);
    else if (!focused && this.#onScroll)
      this.host.ownerDocument.defaultView?.removeEventListener('scroll', this.#onScroll, true);
  }
}

const uiByRoot = new WeakMap<EventTarget, CardUi>();

function onRootClick(event: Event): void {
  if (event.currentTarget) uiByRoot.get(event.currentTarget)?.onClick(event);
}

function showSaveState(button: HTMLButtonElement, state: SaveState, message?: string): void {
  const saved = state === 'saved';
  button.dataset.state = state;
  button.textContent = saved ? 'Saved' : 'Save';
  button.disabled = state === 'pending';
  button.title =
    state === 'error'
      ? `BiasLens could not save this paper: ${message ?? 'unknown error'}`
      : saved
        ? 'Saved in BiasLens. Click to remove it from your saved papers.'
        : 'Save this paper to BiasLens';
}

interface CardTemplate {
  host: HTMLElement;
  row: HTMLElement;
}

const templates = new WeakMap<Document, CardTemplate>();

/**
 * A new card's host and row, built once per document: the row holds the (empty) badges, "Edit
 * topics", "Note" and an unsaved Save button, in the order the constructor reads them.
 */
function templateFor(doc: Document): CardTemplate {
  let template = templates.get(doc);
  if (template) return template;
  const host = doc.createElement(HOST_TAG);
  // Page stylesheets can still target the host element itself; inline !important wins over them.
  host.style.setProperty('display', 'block', 'important');
  host.style.setProperty('visibility', 'visible', 'important');
  const row = doc.createElement('div');
  row.className = 'row';
  const badges = doc.createElement('span');
  badges.className = 'row';
  const editWrap = doc.createElement('span');
  editWrap.className = 'topic';
  const editButton = makeButton(doc, 'edit', 'Edit topics', 'minor');
  editButton.setAttribute('aria-expanded', 'false');
  editWrap.append(editButton);
  const noteButton = makeButton(doc, 'note', 'Note', 'minor');
  noteButton.setAttribute('aria-expanded', 'false');
  const saveButton = makeButton(doc, 'save', 'Save', 'save');
  showSaveState(saveButton, 'unsaved');
  row.append(badges, editWrap, noteButton, saveButton);
  template = { host, row };
  templates.set(doc, template);
  return template;
}

function makeButton(
  doc: Document,
  action: string,
  text: string,
  className: string,
): HTMLButtonElement {
  const button = doc.createElement('button');
  button.type = 'button';
  button.dataset.action = action;
  button.className = className;
  button.textContent = text;
  return button;
}

/** The tooltip text of a topic: what it covers, then why the card has it. */
export function tooltipText(topic: CardTopic): { description: string; evidence: string } {
  const quoted = topic.evidence.map((phrase) => `“${phrase}”`).join(', ');
  const evidence =
    topic.source === 'user'
      ? 'You added this topic.'
      : topic.evidence.length === 0
        ? ''
        : topic.inferred
          ? `Inferred from words of its field: ${quoted}; no phrase names the bias.`
          : `Evidence: ${quoted}.`;
  return { description: topic.description, evidence };
}

function createBadge(doc: Document, topic: CardTopic, index: number): HTMLElement {
  const wrap = doc.createElement('span');
  wrap.className = 'topic';
  const badge = makeButton(doc, 'tip', topic.label, 'badge');
  badge.dataset.topic = topic.id;
  badge.dataset.source = topic.source;
  if (topic.inferred) badge.dataset.inferred = '';
  badge.style.setProperty('--bl-topic-bg', topic.color);
  badge.style.setProperty('--bl-topic-fg', topic.textColor);
  badge.setAttribute(
    'aria-label',
    `${topic.label} topic${topic.source === 'user' ? ', added by you' : topic.inferred ? ', inferred' : ''}`,
  );
  const tip = doc.createElement('div');
  tip.id = `topic-tip-${index}`;
  tip.className = 'tip';
  tip.setAttribute('role', 'tooltip');
  initLayer(tip);
  const { description, evidence } = tooltipText(topic);
  const what = doc.createElement('div');
  what.textContent = description;
  tip.append(what);
  if (evidence) {
    const why = doc.createElement('div');
    why.className = 'evidence';
    why.textContent = evidence;
    tip.append(why);
  }
  badge.setAttribute('aria-describedby', tip.id);
  wrap.append(badge, tip);
  return wrap;
}
