/**
 * The options page's Sites section: the switches ask the browser (permissions.request, during
 * the click) and tell the background to register the sites script; generic mode stores the
 * origin after its permission is given. The browser's permissions API is a fake here; the
 * end-to-end test (tests/e2e/optional-sites.e2e.test.ts) runs the real one.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { type PermissionsApi, SitesSettings } from '../../components/sites-settings';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import { getGenericOrigins } from '../../lib/db/site-settings';
import { OPTIONAL_SITES } from '../../lib/sites/optional-sites';
import { wireBackground } from './notebook-helpers';

/** A browser's permissions: `answer` is what the user says to the prompt. */
function fakePermissions(granted: string[] = []) {
  const listeners = new Set<() => void>();
  const state = { granted: new Set(granted), answer: true, requests: [] as string[][] };
  const api: PermissionsApi = {
    contains: async ({ origins }) => origins.every((origin) => state.granted.has(origin)),
    request: vi.fn(async ({ origins }: { origins: string[] }) => {
      state.requests.push(origins);
      if (!state.answer) return false;
      for (const origin of origins) state.granted.add(origin);
      for (const listener of listeners) listener();
      return true;
    }),
    remove: vi.fn(async ({ origins }: { origins: string[] }) => {
      for (const origin of origins) state.granted.delete(origin);
      for (const listener of listeners) listener();
      return true;
    }),
    onAdded: { addListener: (l) => listeners.add(l), removeListener: (l) => listeners.delete(l) },
    onRemoved: { addListener: (l) => listeners.add(l), removeListener: (l) => listeners.delete(l) },
  };
  return { api, state };
}

let db: BiasLensDB;
let requests: unknown[];
let counter = 0;
beforeEach(() => {
  fakeBrowser.reset();
  counter += 1;
  db = openDatabase(`biaslens-test-sites-settings-${counter}-${Date.now()}`);
  requests = [];
  wireBackground(db, { requests });
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await db.delete();
});

const switchFor = (name: string) => screen.getByRole('switch', { name }) as HTMLInputElement;

describe('Sites', () => {
  it('lists every optional site with a switch showing whether it is on', async () => {
    const { api } = fakePermissions(['https://dblp.uni-trier.de/*']);
    render(<SitesSettings db={db} permissions={api} />);
    const list = screen.getByRole('list', { name: 'Optional sites' });
    expect(within(list).getAllByRole('switch')).toHaveLength(OPTIONAL_SITES.length);
    // One of dblp's two hosts is enough for the site to be on.
    await waitFor(() => expect(switchFor('dblp').checked).toBe(true));
    expect(switchFor('ACL Anthology').checked).toBe(false);
    expect(screen.getByText(/event, volume and author pages/)).toBeTruthy();
  });

  it('switching a site on asks the browser for its origins during the click, then syncs', async () => {
    const { api, state } = fakePermissions();
    render(<SitesSettings db={db} permissions={api} />);
    await waitFor(() => expect(switchFor('NeurIPS Proceedings').disabled).toBe(false));
    fireEvent.click(switchFor('NeurIPS Proceedings'));
    // Called synchronously in the handler: the browser's prompt needs the user's gesture.
    expect(api.request).toHaveBeenCalledWith({
      origins: ['https://proceedings.neurips.cc/*', 'https://papers.nips.cc/*'],
    });
    await waitFor(() => expect(switchFor('NeurIPS Proceedings').checked).toBe(true));
    expect(state.granted.has('https://papers.nips.cc/*')).toBe(true);
    expect(requests).toContainEqual({ type: 'sync-site-scripts' });
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toMatch(/NeurIPS Proceedings is on/),
    );
  });

  it('a refused prompt leaves the site off and says so', async () => {
    const { api, state } = fakePermissions();
    state.answer = false;
    render(<SitesSettings db={db} permissions={api} />);
    await waitFor(() => expect(switchFor('OpenReview').disabled).toBe(false));
    fireEvent.click(switchFor('OpenReview'));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toMatch(/OpenReview stays off/),
    );
    expect(switchFor('OpenReview').checked).toBe(false);
    expect(requests).not.toContainEqual({ type: 'sync-site-scripts' });
  });

  it('switching a site off gives its permission back and syncs', async () => {
    const { api, state } = fakePermissions(['https://aclanthology.org/*']);
    render(<SitesSettings db={db} permissions={api} />);
    await waitFor(() => expect(switchFor('ACL Anthology').checked).toBe(true));
    fireEvent.click(switchFor('ACL Anthology'));
    expect(api.remove).toHaveBeenCalledWith({ origins: ['https://aclanthology.org/*'] });
    await waitFor(() => expect(switchFor('ACL Anthology').checked).toBe(false));
    expect(state.granted.size).toBe(0);
    expect(requests).toContainEqual({ type: 'sync-site-scripts' });
  });

  it('follows permissions changed in the browser’s own settings', async () => {
    const { api, state } = fakePermissions();
    render(<SitesSettings db={db} permissions={api} />);
    await waitFor(() => expect(switchFor('dblp').disabled).toBe(false));
    await api.request({ origins: ['https://dblp.org/*'] });
    await waitFor(() => expect(switchFor('dblp').checked).toBe(true));
    expect(state.granted.has('https://dblp.org/*')).toBe(true);
  });

  it('says so, with every switch off, where the browser has no permissions API', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const broken: PermissionsApi = {
      contains: () => Promise.reject(new Error('not implemented')),
      request: () => Promise.reject(new Error('not implemented')),
      remove: () => Promise.reject(new Error('not implemented')),
    };
    render(<SitesSettings db={db} permissions={broken} />);
    expect(await screen.findByText(/does not let BiasLens ask for access/)).toBeTruthy();
    expect(switchFor('dblp').disabled).toBe(true);
  });
});

describe('generic mode', () => {
  const input = () => screen.getByRole('textbox', { name: 'Site' }) as HTMLInputElement;
  const submit = () => screen.getByRole('button', { name: 'Turn on generic mode' });

  it('asks for the one origin typed, stores it, and lists it', async () => {
    const { api } = fakePermissions();
    render(<SitesSettings db={db} permissions={api} />);
    fireEvent.input(input(), { target: { value: 'https://www.cs.example.edu/~ada/pubs.html' } });
    fireEvent.click(submit());
    expect(api.request).toHaveBeenCalledWith({ origins: ['https://www.cs.example.edu/*'] });
    await waitFor(async () =>
      expect(await getGenericOrigins(db)).toEqual(['https://www.cs.example.edu']),
    );
    expect(requests).toContainEqual({
      type: 'set-generic-site',
      origin: 'https://www.cs.example.edu',
      enabled: true,
    });
    const list = await screen.findByRole('list', { name: 'Generic mode is on for' });
    expect(within(list).getByText(/https:\/\/www\.cs\.example\.edu/)).toBeTruthy();
    expect(input().value).toBe('');
  });

  it('refuses a site with its own adapter or a non-https one without asking the browser', async () => {
    const { api } = fakePermissions();
    render(<SitesSettings db={db} permissions={api} />);
    for (const [typed, error] of [
      ['dblp.org', /has its own support/],
      ['http://example.org', /Only https/],
    ] as const) {
      fireEvent.input(input(), { target: { value: typed } });
      fireEvent.click(submit());
      expect((await screen.findByRole('alert')).textContent).toMatch(error);
    }
    expect(api.request).not.toHaveBeenCalled();
    expect(await getGenericOrigins(db)).toEqual([]);
  });

  it('a refused prompt stores nothing', async () => {
    const { api, state } = fakePermissions();
    state.answer = false;
    render(<SitesSettings db={db} permissions={api} />);
    fireEvent.input(input(), { target: { value: 'www.cs.example.edu' } });
    fireEvent.click(submit());
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toMatch(
        /stays off for https:\/\/www\.cs\.example\.edu/,
      ),
    );
    expect(await getGenericOrigins(db)).toEqual([]);
  });

  it('turning it off forgets the origin and gives its permission back', async () => {
    const { api, state } = fakePermissions(['https://www.cs.example.edu/*']);
    render(<SitesSettings db={db} permissions={api} />);
    fireEvent.input(input(), { target: { value: 'www.cs.example.edu' } });
    fireEvent.click(submit());
    const list = await screen.findByRole('list', { name: 'Generic mode is on for' });
    fireEvent.click(within(list).getByRole('button', { name: 'Turn off' }));
    await waitFor(async () => expect(await getGenericOrigins(db)).toEqual([]));
    expect(api.remove).toHaveBeenCalledWith({ origins: ['https://www.cs.example.edu/*'] });
    expect(state.granted.size).toBe(0);
  });
});
