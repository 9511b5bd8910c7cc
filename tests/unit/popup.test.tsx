import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PopupApp } from '../../components/popup-app';
import { createRequestHandler } from '../../lib/background/handler';
import type { ExportDocument } from '../../lib/db/export';
import { savePaper, updateNote } from '../../lib/db/papers';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import type { ExtractedPaper, TopicId } from '../../lib/paper';

const NOW = new Date(2025, 10, 26, 12).getTime();

function paper(arxivId: string, title: string, authors: string[]): ExtractedPaper {
  return { id: `arxiv:${arxivId}`, arxivId, title, authors, url: '', site: 'arxiv' };
}

let db: BiasLensDB;
let counter = 0;
/** Every request the popup sent to the (real) background handler. */
let requests: unknown[];

beforeEach(async () => {
  fakeBrowser.reset();
  counter += 1;
  db = openDatabase(`biaslens-test-popup-${counter}-${Date.now()}`);
  requests = [];
  const handle = createRequestHandler(db, { broadcast: () => {}, now: () => NOW });
  // Wired like entrypoints/background.ts; the fake browser's sender has no id, the real one does.
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    requests.push(message);
    return handle(message, {
      id: fakeBrowser.runtime.id,
      url: fakeBrowser.runtime.getURL('/popup.html'),
    });
  });
});

afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await db.delete();
});

async function seed() {
  const saves: [ExtractedPaper, TopicId[], number][] = [
    [
      paper('2406.00001', 'Gender Bias in Language Models', ['Jane Doe', 'Ann Smith']),
      ['social'],
      100,
    ],
    [
      paper('2406.00002', 'Fair Ranking at Scale', ['John Roe', 'B', 'C', 'D', 'E']),
      ['ranking', 'evaluation'],
      300,
    ],
    [paper('2406.00003', 'Vision Transformers', ['Jane Roe']), [], 200],
  ];
  for (const [item, topics, at] of saves) await savePaper(db, item, topics, at);
  await updateNote(db, 'arxiv:2406.00003', 'Existing note', 250);
}

const titles = () =>
  screen.queryAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);

describe('PopupApp', () => {
  it('shows the empty state with no saved papers', async () => {
    render(<PopupApp db={db} />);
    expect(await screen.findByText(/No saved papers yet/)).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Note' })).toBeNull();
  });

  it('renders saved papers newest first with link, authors, topics, note and a count', async () => {
    await seed();
    render(<PopupApp db={db} />);
    await waitFor(() => expect(titles()).toHaveLength(3));
    expect(titles()).toEqual([
      'Fair Ranking at Scale',
      'Vision Transformers',
      'Gender Bias in Language Models',
    ]);
    expect(await screen.findByText('3 saved papers')).toBeTruthy();

    const link = screen.getByRole('link', { name: 'Fair Ranking at Scale' });
    expect(link.getAttribute('href')).toBe('https://arxiv.org/abs/2406.00002');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');

    const [first] = screen.getAllByRole('listitem');
    if (!first) throw new Error('no list item');
    expect(within(first).getByText('John Roe, B, C et al.')).toBeTruthy();
    expect(within(first).getByText('Ranking')).toBeTruthy();
    expect(within(first).getByText('Evaluation')).toBeTruthy();

    const notes = screen.getAllByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement[];
    expect(notes.map((note) => note.value)).toEqual(['', 'Existing note', '']);
    expect(screen.getByRole('button', { name: 'Delete Vision Transformers' })).toBeTruthy();
  });

  it('renders page-derived text as text, never as markup', async () => {
    await savePaper(
      db,
      paper('2406.00004', '<img src=x onerror="alert(1)">Title', ['<b>X</b>']),
      [],
      1,
    );
    const { container } = render(<PopupApp db={db} />);
    await screen.findByText('<img src=x onerror="alert(1)">Title');
    expect(container.querySelector('img, b')).toBeNull();
  });

  it('saves the note through the background after typing stops, in one request', async () => {
    await seed();
    render(<PopupApp db={db} now={() => NOW} />);
    const [note] = await screen.findAllByRole('textbox', { name: 'Note' });
    if (!note) throw new Error('no note');
    fireEvent.input(note, { target: { value: 'R' } });
    fireEvent.input(note, { target: { value: 'Read' } });
    fireEvent.input(note, { target: { value: 'Read §3 first' } });
    expect(requests).toEqual([]);
    await waitFor(async () =>
      expect((await db.papers.get('arxiv:2406.00002'))?.note).toBe('Read §3 first'),
    );
    expect(requests).toEqual([
      { type: 'update-note', id: 'arxiv:2406.00002', note: 'Read §3 first', editedAt: NOW },
    ]);
    expect((note as HTMLTextAreaElement).value).toBe('Read §3 first');
  });

  it('flushes a pending note at once on blur and when the popup is hidden', async () => {
    await seed();
    render(<PopupApp db={db} noteDelayMs={60_000} />);
    const [first, second] = await screen.findAllByRole('textbox', { name: 'Note' });
    if (!first || !second) throw new Error('no notes');

    fireEvent.input(first, { target: { value: 'blurred' } });
    fireEvent.blur(first);
    await waitFor(async () =>
      expect((await db.papers.get('arxiv:2406.00002'))?.note).toBe('blurred'),
    );

    fireEvent.input(second, { target: { value: 'closing' } });
    window.dispatchEvent(new Event('pagehide'));
    await waitFor(async () =>
      expect((await db.papers.get('arxiv:2406.00003'))?.note).toBe('closing'),
    );
  });

  it('filters as you type in the search box', async () => {
    await seed();
    render(<PopupApp db={db} />);
    const search = await screen.findByRole('searchbox', { name: 'Search saved papers' });
    fireEvent.input(search, { target: { value: 'jane' } });
    // Every paper is loaded just after the first paint; then each keystroke filters at once.
    await waitFor(() =>
      expect(titles()).toEqual(['Vision Transformers', 'Gender Bias in Language Models']),
    );
    expect(screen.getByText('2 of 3 saved papers')).toBeTruthy();
    fireEvent.input(search, { target: { value: 'existing NOTE' } });
    expect(titles()).toEqual(['Vision Transformers']);
    fireEvent.input(search, { target: { value: 'quantum' } });
    expect(titles()).toEqual([]);
    expect(screen.getByText(/No saved papers match/)).toBeTruthy();
  });

  it('deletes through the background, and the list follows the database', async () => {
    await seed();
    render(<PopupApp db={db} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Vision Transformers' }));
    await waitFor(() =>
      expect(titles()).toEqual(['Fair Ranking at Scale', 'Gender Bias in Language Models']),
    );
    expect(requests).toContainEqual({ type: 'unsave-paper', id: 'arxiv:2406.00003' });
    expect(await screen.findByText('2 saved papers')).toBeTruthy();
  });

  it('also follows writes made elsewhere (the background saving from a tab)', async () => {
    render(<PopupApp db={db} />);
    await screen.findByText(/No saved papers yet/);
    await savePaper(db, paper('2406.00009', 'Saved From A Tab', ['X']), [], 5);
    expect(await screen.findByRole('link', { name: 'Saved From A Tab' })).toBeTruthy();
  });

  it('Export JSON downloads the document with every paper and the note being typed', async () => {
    await seed();
    const blobs: Blob[] = [];
    const createObjectURL = vi
      .spyOn(URL, 'createObjectURL')
      .mockImplementation((blob: Blob | MediaSource) => {
        blobs.push(blob as Blob);
        return 'blob:biaslens-test';
      });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });

    render(<PopupApp db={db} now={() => NOW} noteDelayMs={60_000} />);
    const [note] = await screen.findAllByRole('textbox', { name: 'Note' });
    if (!note) throw new Error('no note');
    fireEvent.input(note, { target: { value: 'Typed just before exporting' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    const anchor = clicked[0];
    expect(anchor?.download).toBe('biaslens-export-2025-11-26.json');
    expect(anchor?.getAttribute('href')).toBe('blob:biaslens-test');
    expect(anchor?.isConnected).toBe(false); // removed after the click

    const blob = blobs[0];
    if (!blob) throw new Error('no blob');
    expect(blob.type).toBe('application/json');
    const doc = JSON.parse(await blob.text()) as ExportDocument;
    expect(doc.format).toBe('biaslens-notes');
    expect(doc.version).toBe(1);
    expect(doc.exportedAt).toBe(new Date(NOW).toISOString());
    expect(doc.papers.map((item) => item.id)).toEqual([
      'arxiv:2406.00002',
      'arxiv:2406.00003',
      'arxiv:2406.00001',
    ]);
    expect(doc.papers[0]).toMatchObject({
      title: 'Fair Ranking at Scale',
      note: 'Typed just before exporting',
      topics: ['evaluation', 'ranking'], // taxonomy order
    });
    expect(doc.papers[1]?.note).toBe('Existing note');
  });

  it('shows an error when the background refuses a note', async () => {
    await seed();
    render(<PopupApp db={db} noteDelayMs={0} />);
    const [note] = await screen.findAllByRole('textbox', { name: 'Note' });
    if (!note) throw new Error('no note');
    fireEvent.input(note, { target: { value: 'x'.repeat(100_001) } });
    expect((await screen.findByRole('alert')).textContent).toMatch(/Couldn't save the note/);
  });
});
