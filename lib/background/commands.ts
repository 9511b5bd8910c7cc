import { browser } from 'wxt/browser';
import type { SaveCardCommand } from '../messages';

/** The manifest command that saves the focused or hovered card (wxt.config.ts `commands`). */
export const SAVE_CARD_COMMAND = 'save-card';

/**
 * Forwards a keyboard command to the content script of the active tab of the current window.
 * tabs.query and tabs.sendMessage need no permission; a tab without our content script (no
 * receiving end) is ignored. Never rejects.
 */
export async function forwardCommand(command: string): Promise<void> {
  if (command !== SAVE_CARD_COMMAND) return;
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (typeof tab?.id !== 'number' || tab.id < 0) return;
    const message: SaveCardCommand = { type: 'save-card' };
    await browser.tabs.sendMessage(tab.id, message);
  } catch {
    // Not a listing page (no content script there): the shortcut does nothing.
  }
}
