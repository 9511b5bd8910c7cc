/**
 * The card UI against page scripts (docs/SECURITY.md, "Page scripts"): our shadow root is open, so
 * a page script can reach our buttons and the quick note. A scripted click (`element.click()`,
 * `dispatchEvent`) or a scripted input event must not save, unsave, correct topics or overwrite
 * a note; only the user's own (trusted) events may. Browsers mark scripted events
 * `isTrusted: false`; happy-dom leaves it undefined, so the tests set it.
 */
import { describe, expect, it, vi } from 'vitest';
import { CardUi, type CardUiHandlers } from '../../lib/annotate/card-ui';

function handlers() {
  return {
    onToggleSave: vi.fn(),
    topicChoices: vi.fn(() => ({ choices: [], corrected: false })),
    onCorrect: vi.fn(),
    onResetTopics: vi.fn(),
    loadNote: vi.fn(async () => 'stored note'),
    onNoteInput: vi.fn(),
    onNoteFlush: vi.fn(),
  } satisfies CardUiHandlers;
}

/** An event as a page script would make it. */
function scripted<T extends Event>(event: T): T {
  Object.defineProperty(event, 'isTrusted', { value: false });
  return event;
}

function setup() {
  const spies = handlers();
  const ui = new CardUi(document, spies);
  document.body.append(ui.host);
  const root = ui.host.shadowRoot as ShadowRoot;
  const button = (action: string) =>
    root.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`) as HTMLButtonElement;
  return { spies, ui, root, button };
}

describe('the card UI ignores what page scripts do to it', () => {
  it('a scripted click on Save does nothing, and is cancelled', () => {
    const { spies, button } = setup();
    const click = scripted(
      new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }),
    );
    button('save').dispatchEvent(click);
    expect(spies.onToggleSave).not.toHaveBeenCalled();
    expect(click.defaultPrevented).toBe(true);
  });

  it('a user click on Save saves', () => {
    const { spies, button } = setup();
    button('save').click(); // isTrusted undefined in happy-dom: treated as the user's
    expect(spies.onToggleSave).toHaveBeenCalledTimes(1);
  });

  it('scripted clicks on the other buttons do nothing either', () => {
    const { spies, ui, button } = setup();
    for (const action of ['edit', 'note']) {
      button(action).dispatchEvent(
        scripted(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true })),
      );
    }
    expect(ui.isMenuOpen()).toBe(false);
    expect(spies.topicChoices).not.toHaveBeenCalled();
    expect(spies.loadNote).not.toHaveBeenCalled();
  });

  it('a scripted input event in the quick note is not saved', async () => {
    const { spies, ui, root } = setup();
    ui.toggleNote(true);
    await vi.waitFor(() => expect(spies.loadNote).toHaveBeenCalled());
    const textarea = root.querySelector('textarea') as HTMLTextAreaElement;
    textarea.value = 'overwritten by the page';
    textarea.dispatchEvent(scripted(new Event('input', { bubbles: true })));
    expect(spies.onNoteInput).not.toHaveBeenCalled();
    textarea.value = 'typed by the user';
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    expect(spies.onNoteInput.mock.calls.at(-1)).toContain('typed by the user');
  });
});
