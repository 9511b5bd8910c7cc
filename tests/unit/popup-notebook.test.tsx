import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PAGE_SIZE, PopupApp } from '../../components/popup-app';
import { SORT_STORAGE_KEY } from '../../components/sort-preference';
import { editNote } from '../../lib/db/papers';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import type { Broadcast } from '../../lib/messages';
import { makeRecord, wireBackground } from './notebook-helpers';

const NOW = new Date(2025, 10, 26, 12).getTime();

let db: BiasLensDB;
let counter = 0;
let requests: unknown[];
let broadcasts: Broadcast[];
/** The background's clock (a test moves it forward). */
let backgroundNow = NOW;

beforeEach(async () => {
  fakeBrowser.reset();
  localStorage.clear();
  counter += 1;
  db = openDatabase(`biaslens-test-popup-notebook-${counter}-${Date.now()}`);
  requests = [];
  broadcasts = [];
  backgroundNow = NOW;
  wireBackground(db, { now: () => backgroundNow, requests, broadcasts });
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await db.delete();
});

const titles = () =>
  screen.queryAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
const paperItems = () => document.querySelectorAll('li.paper');

/** Captures downloads: file name and text of each. */
function captureDownloads() {
  const files: { name: string; text: Promise<string> }[] = [];
  let last: Blob | undefined;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob: Blob | MediaSource) => {
    last = blob as Blob;
    return 'blob:biaslens-test';
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    if (last) files.push({ name: this.download, text: last.text() });
  });
  return files;
}

describe('a long list', () => {
  it('renders one page at a time, newest first, and shows more on request', async () => {
    await db.papers.bulkPut(Array.from({ length: 60 }, (_, i) => makeRecord(i)));
    render(<PopupApp db={db} now={() => NOW} />);
    await waitFor(() => expect(paperItems()).toHaveLength(PAGE_SIZE));
    expect(titles()[0]).toBe('Paper 59');
    expect(await screen.findByText('60 saved papers')).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Show more (35 more)' }));
    await waitFor(() => expect(paperItems()).toHaveLength(2 * PAGE_SIZE));
    fireEvent.click(screen.getByRole('button', { name: 'Show more (10 more)' }));
    await waitFor(() => expect(paperItems()).toHaveLength(60));
    expect(screen.queryByRole('button', { name: /Show more/ })).toBeNull();
  });
});

describe('filters and sort', () => {
  beforeEach(async () => {
    await db.papers.bulkPut([
      makeRecord(1, {
        title: 'Social one',
        topics: ['social'],
        tags: ['to-read'],
        savedAt: new Date(2025, 0, 10).getTime(),
      }),
      makeRecord(2, {
        title: 'Ranking two',
        topics: ['ranking'],
        source: 'huggingface',
        savedAt: new Date(2025, 1, 10).getTime(),
      }),
      makeRecord(3, {
        title: 'A third',
        topics: [],
        tags: ['to-read'],
        savedAt: new Date(2025, 2, 10).getTime(),
      }),
    ]);
  });

  it('filters by topic, tag, site and saved date, and sorts (remembered)', async () => {
    render(<PopupApp db={db} now={() => NOW} />);
    await waitFor(() => expect(titles()).toEqual(['A third', 'Ranking two', 'Social one']));
    const toggle = screen.getByRole('button', { name: 'Filters' });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const filters = screen.getByRole('group', { name: 'Filters and sort order' });

    fireEvent.change(within(filters).getByRole('combobox', { name: 'Topic' }), {
      target: { value: 'ranking' },
    });
    await waitFor(() => expect(titles()).toEqual(['Ranking two']));
    expect(screen.getByText('1 of 3 saved papers')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Filters (1)' })).toBeTruthy();

    fireEvent.click(within(filters).getByRole('button', { name: 'Clear filters' }));
    fireEvent.change(within(filters).getByRole('combobox', { name: 'Tag' }), {
      target: { value: 'to-read' },
    });
    await waitFor(() => expect(titles()).toEqual(['A third', 'Social one']));

    fireEvent.click(within(filters).getByRole('button', { name: 'Clear filters' }));
    fireEvent.change(within(filters).getByRole('combobox', { name: 'Site' }), {
      target: { value: 'huggingface' },
    });
    await waitFor(() => expect(titles()).toEqual(['Ranking two']));

    fireEvent.click(within(filters).getByRole('button', { name: 'Clear filters' }));
    fireEvent.input(within(filters).getByLabelText('Saved from'), {
      target: { value: '2025-02-01' },
    });
    fireEvent.input(within(filters).getByLabelText('Saved until'), {
      target: { value: '2025-02-28' },
    });
    await waitFor(() => expect(titles()).toEqual(['Ranking two']));

    fireEvent.click(within(filters).getByRole('button', { name: 'Clear filters' }));
    fireEvent.change(within(filters).getByRole('combobox', { name: 'Sort' }), {
      target: { value: 'title-asc' },
    });
    await waitFor(() => expect(titles()).toEqual(['A third', 'Ranking two', 'Social one']));
    expect(localStorage.getItem(SORT_STORAGE_KEY)).toBe('title-asc');
  });

  it('starts with the remembered sort order', async () => {
    localStorage.setItem(SORT_STORAGE_KEY, 'saved-asc');
    render(<PopupApp db={db} now={() => NOW} />);
    await waitFor(() => expect(titles()).toEqual(['Social one', 'Ranking two', 'A third']));
  });

  it('exports only what is shown, in each format', async () => {
    const files = captureDownloads();
    render(<PopupApp db={db} now={() => NOW} />);
    const search = await screen.findByRole('searchbox', { name: 'Search saved papers' });
    fireEvent.input(search, { target: { value: 'ranking' } });
    await waitFor(() => expect(titles()).toEqual(['Ranking two']));
    fireEvent.click(screen.getByRole('button', { name: 'Export the 1 shown papers as BibTeX' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export the 1 shown papers as JSON' }));
    await waitFor(() => expect(files).toHaveLength(2));
    expect(files[0]?.name).toBe('biaslens-export-2025-11-26.bib');
    const bib = (await files[0]?.text) ?? '';
    expect(bib).toContain('eprint = {2406.00002}');
    expect(bib).not.toContain('2406.00001');
    expect(
      JSON.parse((await files[1]?.text) ?? '').papers.map((p: { id: string }) => p.id),
    ).toEqual(['arxiv:2406.00002']);
  });

  it('exports everything as CSV and Markdown when nothing is filtered', async () => {
    const files = captureDownloads();
    render(<PopupApp db={db} now={() => NOW} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Export all papers as CSV' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export all papers as Markdown' }));
    await waitFor(() => expect(files).toHaveLength(2));
    expect(files.map((file) => file.name)).toEqual([
      'biaslens-export-2025-11-26.csv',
      'biaslens-reading-list-2025-11-26.md',
    ]);
    expect(((await files[0]?.text) ?? '').split('\r\n')).toHaveLength(5); // header, 3 rows, end
    expect(await files[1]?.text).toContain('- [ ] [Social one](https://arxiv.org/abs/2406.00001)');
  });

  it('"/" jumps to the search box', async () => {
    render(<PopupApp db={db} now={() => NOW} />);
    const search = await screen.findByRole('searchbox', { name: 'Search saved papers' });
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(search);
  });
});

describe('tags', () => {
  it('adds a tag (autocompleted spelling), lists it for autocomplete, and removes it', async () => {
    await db.papers.bulkPut([makeRecord(1, { tags: ['LLM'] }), makeRecord(2)]);
    render(<PopupApp db={db} now={() => NOW} />);
    await waitFor(() => expect(titles()).toEqual(['Paper 2', 'Paper 1']));
    const [first] = [...paperItems()] as HTMLElement[];
    if (!first) throw new Error('no item');
    const input = within(first).getByRole('combobox', { name: 'Add tag' });
    expect(input.getAttribute('list')).toBe('biaslens-tags');
    await waitFor(() =>
      expect(
        [...document.querySelectorAll('#biaslens-tags option')].map((o) => o.getAttribute('value')),
      ).toEqual(['LLM']),
    );
    fireEvent.input(input, { target: { value: ' llm ' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() =>
      expect(within(first).getByRole('list', { name: 'Tags' }).textContent).toContain('LLM'),
    );
    expect(requests).toContainEqual({
      type: 'update-tags',
      id: 'arxiv:2406.00002',
      add: ['LLM'],
      remove: [],
    });
    expect((await db.papers.get('arxiv:2406.00002'))?.tags).toEqual(['LLM']);

    fireEvent.click(within(first).getByRole('button', { name: 'Remove tag LLM' }));
    await waitFor(async () => expect((await db.papers.get('arxiv:2406.00002'))?.tags).toEqual([]));
    await waitFor(() => expect(within(first).queryByRole('list', { name: 'Tags' })).toBeNull());
  });

  it('adds a typed tag when the field loses focus, and finds papers by tag in the search', async () => {
    await db.papers.bulkPut([makeRecord(1), makeRecord(2)]);
    render(<PopupApp db={db} now={() => NOW} />);
    const [input] = await screen.findAllByRole('combobox', { name: 'Add tag' });
    if (!input) throw new Error('no input');
    fireEvent.input(input, { target: { value: 'fairness' } });
    fireEvent.blur(input);
    await waitFor(async () =>
      expect((await db.papers.get('arxiv:2406.00002'))?.tags).toEqual(['fairness']),
    );
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search saved papers' }), {
      target: { value: 'fairness' },
    });
    await waitFor(() => expect(titles()).toEqual(['Paper 2']));
  });
});

describe('delete with undo', () => {
  it('deletes at once (listings are told), and Undo brings the paper back with its note', async () => {
    await db.papers.bulkPut([
      makeRecord(1, { note: 'precious', noteUpdatedAt: 5, tags: ['t'] }),
      makeRecord(2),
    ]);
    const before = await db.papers.get('arxiv:2406.00001');
    render(<PopupApp db={db} now={() => NOW} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Paper 1' }));
    await waitFor(() => expect(titles()).toEqual(['Paper 2']));
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Deleted “Paper 1”.');
    expect(broadcasts).toContainEqual({
      type: 'saved-changed',
      ids: ['arxiv:2406.00001'],
      saved: false,
    });

    fireEvent.click(within(status).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(titles()).toEqual(['Paper 2', 'Paper 1']));
    expect(await db.papers.get('arxiv:2406.00001')).toEqual(before);
    expect(broadcasts).toContainEqual({
      type: 'saved-changed',
      ids: ['arxiv:2406.00001'],
      saved: true,
    });
    expect(screen.queryByText(/Deleted/)).toBeNull();
  });

  it('keeps the note being typed when a paper is deleted and restored', async () => {
    await db.papers.bulkPut([makeRecord(1)]);
    render(<PopupApp db={db} now={() => NOW} noteDelayMs={60_000} />);
    const note = await screen.findByRole('textbox', { name: 'Note' });
    fireEvent.input(note, { target: { value: 'typed just before deleting' } });
    fireEvent.click(screen.getByRole('button', { name: 'Delete Paper 1' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(async () =>
      expect((await db.papers.get('arxiv:2406.00001'))?.note).toBe('typed just before deleting'),
    );
  });

  it('offers one Undo for several deletes', async () => {
    await db.papers.bulkPut([makeRecord(1), makeRecord(2), makeRecord(3)]);
    render(<PopupApp db={db} now={() => NOW} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Paper 1' }));
    await screen.findByText('Deleted “Paper 1”.');
    fireEvent.click(screen.getByRole('button', { name: 'Delete Paper 3' }));
    await screen.findByText('Deleted 2 papers.');
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(titles()).toEqual(['Paper 3', 'Paper 2', 'Paper 1']));
  });
});

describe('notes', () => {
  it('shows when the note was last edited', async () => {
    await db.papers.bulkPut([makeRecord(1, { note: 'n', noteUpdatedAt: NOW - 5 * 60_000 })]);
    render(<PopupApp db={db} now={() => NOW} />);
    expect(await screen.findByText('Note edited 5 minutes ago')).toBeTruthy();
  });

  it('shows the stored note when a later edit (a card editor) won over ours', async () => {
    await db.papers.bulkPut([makeRecord(1, { note: 'original' })]);
    let clock = NOW;
    render(<PopupApp db={db} now={() => clock} noteDelayMs={60_000} />);
    const note = (await screen.findByRole('textbox', { name: 'Note' })) as HTMLTextAreaElement;
    fireEvent.input(note, { target: { value: 'popup draft' } }); // typed at NOW
    clock = NOW + 1000;
    backgroundNow = NOW + 1000;
    await editNote(db, 'arxiv:2406.00001', 'edited on the card later', NOW + 500, NOW + 500);
    fireEvent.blur(note); // sends the popup's older edit
    await waitFor(() => expect(note.value).toBe('edited on the card later'));
    expect((await db.papers.get('arxiv:2406.00001'))?.note).toBe('edited on the card later');
  });
});
