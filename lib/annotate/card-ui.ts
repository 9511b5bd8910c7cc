import { getTopicInfo } from '../topics/taxonomy';
import type { TopicMatch } from '../topics/types';
import { applyCardStyles } from './styles';

/** Tag name of the element that hosts our UI inside a card (part of the public contract). */
export const HOST_TAG = 'biaslens-card';

export type SaveState = 'unsaved' | 'saved' | 'pending' | 'error';

export interface CardUiHandlers {
  /** The user clicked Save (or Saved, to remove it). */
  onToggleSave(): void;
}

/**
 * The UI of one card: a host element with an open shadow root holding the topic badges and the
 * Save button. Everything is built with DOM calls and textContent, so page-derived text is never
 * parsed as markup.
 */
export class CardUi {
  readonly host: HTMLElement;
  private readonly badges: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly status: HTMLElement;

  constructor(doc: Document, handlers: CardUiHandlers) {
    this.host = doc.createElement(HOST_TAG);
    // Page stylesheets can still target the host element itself; inline !important wins over them.
    this.host.style.setProperty('display', 'block', 'important');
    this.host.style.setProperty('visibility', 'visible', 'important');
    const root = this.host.attachShadow({ mode: 'open' });
    applyCardStyles(root);

    const row = doc.createElement('div');
    row.className = 'row';
    this.badges = doc.createElement('span');
    this.badges.className = 'row';
    this.button = doc.createElement('button');
    this.button.type = 'button';
    this.button.addEventListener('click', (event) => {
      // The card may sit inside a link (Hugging Face thumbnails): never navigate or bubble.
      event.preventDefault();
      event.stopPropagation();
      handlers.onToggleSave();
    });
    this.status = doc.createElement('span');
    this.status.className = 'visually-hidden';
    this.status.setAttribute('role', 'status');
    row.append(this.badges, this.button, this.status);
    root.append(row);
    this.setSaveState('unsaved');
  }

  /** Shows the topic badges; an empty list shows none. */
  setTopics(topics: readonly TopicMatch[]): void {
    const doc = this.host.ownerDocument;
    const badges = topics.map((topic) => createBadge(doc, topic));
    this.badges.replaceChildren(...badges);
  }

  setSaveState(state: SaveState, message?: string): void {
    const saved = state === 'saved';
    this.button.dataset.state = state;
    this.button.textContent = saved ? 'Saved' : 'Save';
    this.button.disabled = state === 'pending';
    this.button.title =
      state === 'error'
        ? `BiasLens could not save this paper: ${message ?? 'unknown error'}`
        : saved
          ? 'Saved in BiasLens. Click to remove it from your saved papers.'
          : 'Save this paper to BiasLens';
    if (state === 'error') this.status.textContent = this.button.title;
  }

  setTheme(theme: 'light' | 'dark'): void {
    if (this.host.dataset.theme !== theme) this.host.dataset.theme = theme;
  }
}

function createBadge(doc: Document, topic: TopicMatch): HTMLElement {
  const info = getTopicInfo(topic.id);
  const badge = doc.createElement('span');
  badge.className = 'badge';
  badge.tabIndex = 0;
  badge.textContent = info.label;
  badge.style.setProperty('--bl-topic-bg', info.color);
  badge.style.setProperty('--bl-topic-fg', info.textColor);
  const evidence = topic.evidence.length
    ? ` Evidence: ${topic.evidence.map((e) => `“${e}”`).join(', ')}.`
    : '';
  const description = `${info.description}${evidence}`;
  badge.title = description;
  badge.setAttribute('aria-label', `Topic ${info.label}. ${description}`);
  return badge;
}
