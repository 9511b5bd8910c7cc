import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { BiasLensDB } from '../lib/db/schema';
import { getGenericOrigins } from '../lib/db/site-settings';
import { sendRequest } from '../lib/messages';
import {
  genericPattern,
  normalizeGenericOrigin,
  OPTIONAL_SITES,
  type OptionalSite,
} from '../lib/sites/optional-sites';
import { useLiveQuery } from './use-live-query';

/** The part of the permissions API the section uses (the browser's; tests pass a fake). */
export interface PermissionsApi {
  contains(permissions: { origins: string[] }): Promise<boolean>;
  request(permissions: { origins: string[] }): Promise<boolean>;
  remove(permissions: { origins: string[] }): Promise<boolean>;
  onAdded?: { addListener(listener: () => void): void; removeListener(listener: () => void): void };
  onRemoved?: {
    addListener(listener: () => void): void;
    removeListener(listener: () => void): void;
  };
}

type Message = { text: string; error: boolean };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether any of `origins` is granted (a site with two hosts may have one granted). */
async function anyGranted(permissions: PermissionsApi, origins: readonly string[]) {
  const checks = await Promise.all(
    origins.map((origin) => permissions.contains({ origins: [origin] })),
  );
  return checks.some(Boolean);
}

/**
 * The options page's Sites section: a switch per optional site, which asks the browser for the
 * site's permission (permissions.request: the browser shows its own prompt) or gives it back;
 * and generic mode, switched on per site the user names. The background registers the sites
 * content script for what is granted (lib/background/site-scripts.ts).
 *
 * permissions.request is called first thing in the click handler: browsers grant it only during
 * the user's gesture (Firefox allows no await before it).
 */
export function SitesSettings({
  db,
  permissions = browser.permissions as unknown as PermissionsApi,
}: {
  db: BiasLensDB;
  permissions?: PermissionsApi;
}) {
  const [granted, setGranted] = useState<Record<string, boolean> | undefined>();
  const [waiting, setWaiting] = useState<Record<string, boolean>>({});
  const [message, setMessage] = useState<Message | undefined>();
  const [unavailable, setUnavailable] = useState(false);
  const [originInput, setOriginInput] = useState('');
  const generic = useLiveQuery(() => getGenericOrigins(db), [db]);
  const genericOrigins = generic.status === 'ready' ? generic.value : [];

  const refresh = async () => {
    try {
      const entries = await Promise.all([
        ...OPTIONAL_SITES.map(
          async (site) => [site.id, await anyGranted(permissions, site.origins)] as const,
        ),
        ...genericOrigins.map(
          async (origin) =>
            [origin, await permissions.contains({ origins: [genericPattern(origin)] })] as const,
        ),
      ]);
      setGranted(Object.fromEntries(entries));
    } catch (error) {
      // A browser without the permissions API: the switches stay off and say why.
      console.warn('[BiasLens] could not read the site permissions', error);
      setUnavailable(true);
      setGranted({});
    }
  };

  useEffect(() => {
    void refresh();
    // The user can also grant or remove access in the browser's own extension settings.
    const onChange = () => void refresh();
    try {
      permissions.onAdded?.addListener(onChange);
      permissions.onRemoved?.addListener(onChange);
    } catch {
      // No permission events here (tests): the section refreshes after its own changes.
    }
    return () => {
      try {
        permissions.onAdded?.removeListener(onChange);
        permissions.onRemoved?.removeListener(onChange);
      } catch {
        // As above.
      }
    };
  }, [permissions, genericOrigins.join(' ')]);

  /** After a permission change: the background registers the script for what is granted. */
  const afterChange = async (done: string) => {
    const reply = await sendRequest({ type: 'sync-site-scripts' });
    await refresh();
    setMessage(
      reply.ok
        ? { text: done, error: false }
        : { text: `${done} (the background said: ${reply.error})`, error: true },
    );
  };

  const toggleSite = (site: OptionalSite, on: boolean) => {
    const origins = [...site.origins];
    // First thing in the handler: the browser's prompt needs the user's gesture.
    const change = on ? permissions.request({ origins }) : permissions.remove({ origins });
    setWaiting((state) => ({ ...state, [site.id]: true }));
    setMessage(
      on ? { text: `Asking your browser for access to ${site.name}…`, error: false } : undefined,
    );
    change
      .then((ok) => {
        if (on && !ok)
          return refresh().then(() =>
            setMessage({ text: `${site.name} stays off: access was not given.`, error: false }),
          );
        return afterChange(
          on
            ? `${site.name} is on: its ${site.pages} get badges (reload pages that were open).`
            : `${site.name} is off.`,
        );
      })
      .catch((error: unknown) => {
        setMessage({
          text: `Couldn't switch ${site.name} ${on ? 'on' : 'off'}: ${errorText(error)}`,
          error: true,
        });
      })
      .finally(() => setWaiting((state) => ({ ...state, [site.id]: false })));
  };

  const enableGeneric = (event: Event) => {
    event.preventDefault();
    const normalized = normalizeGenericOrigin(originInput);
    if (!normalized.ok) {
      setMessage({ text: normalized.error, error: true });
      return;
    }
    const { origin } = normalized;
    // First thing after the synchronous check: the prompt needs the user's gesture.
    const request = permissions.request({ origins: [genericPattern(origin)] });
    setMessage({ text: `Asking your browser for access to ${origin}…`, error: false });
    request
      .then(async (ok) => {
        if (!ok) {
          setMessage({
            text: `Generic mode stays off for ${origin}: access was not given.`,
            error: false,
          });
          return;
        }
        const reply = await sendRequest({ type: 'set-generic-site', origin, enabled: true });
        if (!reply.ok) {
          setMessage({ text: `Couldn't switch generic mode on: ${reply.error}`, error: true });
          return;
        }
        setOriginInput('');
        await refresh();
        setMessage({ text: `Generic mode is on for ${origin}.`, error: false });
      })
      .catch((error: unknown) =>
        setMessage({ text: `Couldn't switch generic mode on: ${errorText(error)}`, error: true }),
      );
  };

  const disableGeneric = async (origin: string) => {
    const reply = await sendRequest({ type: 'set-generic-site', origin, enabled: false });
    if (!reply.ok) {
      setMessage({ text: `Couldn't switch generic mode off: ${reply.error}`, error: true });
      return;
    }
    try {
      await permissions.remove({ origins: [genericPattern(origin)] });
    } catch {
      // Generic mode is off whatever happens to the permission: nothing is registered for it.
    }
    await refresh();
    setMessage({ text: `Generic mode is off for ${origin}.`, error: false });
  };

  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">Sites</h2>
      <p class="hint">
        BiasLens always reads arXiv and Hugging Face Papers. Switch on the other sites you use: your
        browser asks you to allow BiasLens to read that site, and you can take it back here or in
        the browser's extension settings. Pages already open get badges once reloaded.
      </p>
      {unavailable && (
        <p class="hint">This browser does not let BiasLens ask for access to other sites.</p>
      )}
      <ul class="sites" aria-label="Optional sites">
        {OPTIONAL_SITES.map((site) => {
          const on = granted?.[site.id] ?? false;
          return (
            <li key={site.id}>
              <label class="site-switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={on}
                  aria-checked={on}
                  disabled={granted === undefined || unavailable || waiting[site.id]}
                  aria-describedby={`site-${site.id}-pages`}
                  onChange={(event) => toggleSite(site, event.currentTarget.checked)}
                />
                {site.name}
              </label>
              <span id={`site-${site.id}-pages`} class="muted">
                {' '}
                {site.pages} ({site.origins.map((origin) => origin.replace(/\/\*$/, '')).join(', ')}
                )
              </span>
            </li>
          );
        })}
      </ul>

      <h3>Generic mode</h3>
      <p class="hint">
        Off by default. For a site you name (a researcher's publication list, a reading list),
        BiasLens treats repeated blocks that link an arXiv paper or a DOI and show a title as paper
        cards. It reads the page's text only and sends nothing anywhere.
      </p>
      <form class="generic-form" onSubmit={enableGeneric}>
        <label>
          Site
          <input
            type="text"
            inputMode="url"
            placeholder="www.example.edu"
            value={originInput}
            onInput={(event) => setOriginInput(event.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={originInput.trim() === ''}>
          Turn on generic mode
        </button>
      </form>
      {genericOrigins.length > 0 && (
        <ul class="generic-sites" aria-label="Generic mode is on for">
          {genericOrigins.map((origin) => (
            <li key={origin}>
              {origin}
              {granted && granted[origin] === false && (
                <span class="muted"> (no access: the browser's permission was taken back)</span>
              )}{' '}
              <button type="button" onClick={() => void disableGeneric(origin)}>
                Turn off
              </button>
            </li>
          ))}
        </ul>
      )}
      {message && (
        <p class={message.error ? 'error' : 'status'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
