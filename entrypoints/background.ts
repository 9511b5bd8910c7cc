import { browser } from 'wxt/browser';
import { broadcastToAll } from '../lib/background/broadcast';
import { forwardCommand } from '../lib/background/commands';
import { createRequestHandler } from '../lib/background/handler';
import { watchSitePermissions } from '../lib/background/site-permissions';
import {
  browserSiteScriptsEnv,
  createSiteScriptSync,
  injectIntoOpenTabs,
} from '../lib/background/site-scripts';
import { getDatabase } from '../lib/db/schema';
import { getGenericOrigins } from '../lib/db/site-settings';

// The background owns every database write; content scripts and the popup send requests.
export default defineBackground(() => {
  const db = getDatabase();
  // The sites content script is registered for exactly the sites the user switched on.
  const syncSiteScripts = createSiteScriptSync(browserSiteScriptsEnv(() => getGenericOrigins(db)));
  const handle = createRequestHandler(db, {
    broadcast: broadcastToAll,
    now: Date.now,
    syncSiteScripts,
    injectIntoOpenTabs,
  });
  // With webextension-polyfill, the promise returned here becomes the response.
  browser.runtime.onMessage.addListener((message, sender) => handle(message, sender));
  // Keyboard shortcuts (manifest `commands`) act on the active tab's listing.
  browser.commands.onCommand.addListener((command) => void forwardCommand(command));
  watchSitePermissions({ sync: syncSiteScripts, injectIntoOpenTabs });
});
