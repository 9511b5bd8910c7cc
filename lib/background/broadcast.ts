import { browser } from 'wxt/browser';
import type { Broadcast } from '../messages';

/**
 * Sends `message` to every tab (our content script answers where it runs; tabs without it
 * reject, which is expected and ignored; tabs.query without the "tabs" permission still
 * returns ids) and to the extension's own pages such as the popup. Never rejects.
 */
export async function broadcastToAll(message: Broadcast): Promise<void> {
  const tabs = await browser.tabs.query({}).catch(() => []);
  const deliveries = tabs
    .map((tab) => tab.id)
    .filter((id): id is number => typeof id === 'number' && id >= 0)
    // Wrapped in a then() so a synchronous throw is ignored like a rejection.
    .map((id) => Promise.resolve().then(() => browser.tabs.sendMessage(id, message)));
  // "Receiving end does not exist" when no extension page (popup) is open: ignored.
  deliveries.push(Promise.resolve().then(() => browser.runtime.sendMessage(message)));
  await Promise.allSettled(deliveries);
}
