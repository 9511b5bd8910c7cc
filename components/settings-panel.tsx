import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { isSortOrder, SORT_ORDERS, type SortOrder } from '../lib/notebook/filter';
import { readSortPreference, storeSortPreference } from './sort-preference';

/** What each manifest command does, for commands whose description the browser leaves empty. */
const COMMAND_NAMES: Record<string, string> = {
  _execute_action: 'Open the BiasLens popup',
  _execute_browser_action: 'Open the BiasLens popup',
};

interface Shortcut {
  name: string;
  description: string;
  shortcut: string;
}

/** The options page's settings: the popup's sort order and the keyboard shortcuts. */
export function SettingsPanel() {
  const [sort, setSort] = useState<SortOrder>(readSortPreference);
  const [shortcuts, setShortcuts] = useState<Shortcut[] | undefined>();
  useEffect(() => {
    Promise.resolve()
      .then(() => browser.commands.getAll())
      .then((commands) =>
        setShortcuts(
          commands.map((command) => ({
            name: command.name ?? '',
            description:
              command.description || COMMAND_NAMES[command.name ?? ''] || command.name || '',
            shortcut: command.shortcut ?? '',
          })),
        ),
      )
      .catch(() => setShortcuts([]));
  }, []);

  const onSort = (value: string) => {
    if (!isSortOrder(value)) return;
    setSort(value);
    storeSortPreference(value);
  };

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <label class="setting">
        Popup sort order
        <select value={sort} onChange={(event) => onSort(event.currentTarget.value)}>
          {SORT_ORDERS.map((order) => (
            <option key={order.id} value={order.id}>
              {order.label}
            </option>
          ))}
        </select>
      </label>
      <h3>Keyboard shortcuts</h3>
      {shortcuts === undefined ? (
        <p>Reading shortcuts…</p>
      ) : (
        <table class="shortcuts">
          <tbody>
            {shortcuts.map((command) => (
              <tr key={command.name}>
                <td>{command.description}</td>
                <td>{command.shortcut ? <kbd>{command.shortcut}</kbd> : 'not set'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="hint">
        Change them in Chrome at chrome://extensions/shortcuts, in Firefox under about:addons → ⚙ →
        Manage Extension Shortcuts. In the popup, “/” jumps to the search box.
      </p>
    </section>
  );
}
