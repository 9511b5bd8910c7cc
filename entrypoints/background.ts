import { browser } from 'wxt/browser';
import { broadcastToAll } from '../lib/background/broadcast';
import { forwardCommand } from '../lib/background/commands';
import { createRequestHandler } from '../lib/background/handler';
import { getDatabase } from '../lib/db/schema';

// The background owns every database write; content scripts and the popup send requests.
export default defineBackground(() => {
  const handle = createRequestHandler(getDatabase(), { broadcast: broadcastToAll, now: Date.now });
  // With webextension-polyfill, the promise returned here becomes the response.
  browser.runtime.onMessage.addListener((message, sender) => handle(message, sender));
  // Keyboard shortcuts (manifest `commands`) act on the active tab's listing.
  browser.commands.onCommand.addListener((command) => void forwardCommand(command));
});
