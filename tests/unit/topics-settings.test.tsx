import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { TopicSettings } from '../../components/topic-settings';
import { createRequestHandler } from '../../lib/background/handler';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import { getDisabledTopics, listCustomTopics } from '../../lib/db/topic-settings';
import type { Broadcast } from '../../lib/messages';

let db: BiasLensDB;
let counter = 0;
let broadcasts: Broadcast[];

beforeEach(() => {
  fakeBrowser.reset();
  counter += 1;
  db = openDatabase(`biaslens-test-topic-settings-${counter}-${Date.now()}`);
  broadcasts = [];
  const handle = createRequestHandler(db, {
    broadcast: (message) => void broadcasts.push(message),
    now: () => 1_000,
  });
  // Wired like entrypoints/background.ts, the options page as sender.
  fakeBrowser.runtime.onMessage.addListener((message: unknown) =>
    handle(message, {
      id: fakeBrowser.runtime.id,
      url: fakeBrowser.runtime.getURL('/options.html'),
    }),
  );
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await db.delete();
});

describe('TopicSettings', () => {
  it('switches built-in topics off and on', async () => {
    render(<TopicSettings db={db} />);
    const social = (await screen.findByRole('checkbox', { name: /^Social/ })) as HTMLInputElement;
    await waitFor(() => expect(social.disabled).toBe(false));
    expect(social.checked).toBe(true);
    fireEvent.click(social);
    await waitFor(async () => expect(await getDisabledTopics(db)).toEqual(['social']));
    await waitFor(() => expect(social.checked).toBe(false));
    expect(broadcasts).toContainEqual({ type: 'config-changed' });
    fireEvent.click(social);
    await waitFor(async () => expect(await getDisabledTopics(db)).toEqual([]));
  });

  it('adds, edits and deletes a custom topic', async () => {
    render(<TopicSettings db={db} />);
    fireEvent.input(screen.getByRole('textbox', { name: 'Name' }), {
      target: { value: 'Fairness audits' },
    });
    fireEvent.input(screen.getByRole('textbox', { name: /^Phrases/ }), {
      target: { value: 'audit\nalgorithmic audit, audit' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add topic' }));
    await screen.findByText('Added “Fairness audits”.');
    expect(await listCustomTopics(db)).toMatchObject([
      {
        id: 'custom:fairness-audits',
        label: 'Fairness audits',
        color: '#0e7490',
        phrases: ['audit', 'algorithmic audit'],
      },
    ]);
    await screen.findByText('“audit”, “algorithmic audit”');

    fireEvent.click(screen.getByRole('button', { name: 'Edit Fairness audits' }));
    const phrases = screen.getByRole('textbox', { name: /^Phrases/ }) as HTMLTextAreaElement;
    expect(phrases.value).toBe('audit\nalgorithmic audit');
    fireEvent.input(phrases, { target: { value: 'audit study' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save topic' }));
    await screen.findByText('Saved “Fairness audits”.');
    expect((await listCustomTopics(db))[0]?.phrases).toEqual(['audit study']);

    fireEvent.click(screen.getByRole('button', { name: 'Delete Fairness audits' }));
    await screen.findByText('Deleted “Fairness audits”.');
    expect(await listCustomTopics(db)).toEqual([]);
    expect(broadcasts.filter((b) => b.type === 'config-changed')).toHaveLength(3);
  });

  it('explains what is missing instead of saving', async () => {
    render(<TopicSettings db={db} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add topic' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Give the topic a name.');
    fireEvent.input(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'X' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add topic' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Give at least one phrase.'),
    );
    expect(await listCustomTopics(db)).toEqual([]);
  });
});
