import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { OptionsApp } from '../../components/options-app';
import { SORT_STORAGE_KEY } from '../../components/sort-preference';
import { QUOTA_MESSAGE } from '../../lib/db/errors';
import { buildExport, serializeExport } from '../../lib/db/export';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import { dumpDatabase, installFaults, makeRecord, wireBackground } from './notebook-helpers';

const NOW = new Date(2025, 10, 26, 12).getTime();

let db: BiasLensDB;
let faults: ReturnType<typeof installFaults>;
let counter = 0;

beforeEach(async () => {
  fakeBrowser.reset();
  localStorage.clear();
  counter += 1;
  db = openDatabase(`biaslens-test-options-${counter}-${Date.now()}`);
  faults = installFaults(db);
  wireBackground(db, { now: () => NOW });
  await db.papers.bulkPut([
    makeRecord(1, { note: 'a note', tags: ['ml', 'to-read'] }),
    makeRecord(2, { tags: ['ml'] }),
    makeRecord(3),
  ]);
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await db.delete();
});

const section = (name: string) => screen.getByRole('region', { name });

/** Chooses `text` as the file in the import section. */
function chooseFile(text: string, name = 'biaslens-export-2025-11-20.json') {
  const input = document.querySelector('#import-file') as HTMLInputElement;
  const file = new File([text], name, { type: 'application/json' });
  fireEvent.change(input, { target: { files: [file] } });
}

describe('OptionsApp', () => {
  it('has every section, with storage counts', async () => {
    render(<OptionsApp db={db} now={() => NOW} />);
    for (const name of ['Storage', 'Export', 'Import', 'Tags', 'Topics', 'Settings']) {
      expect(screen.getByRole('heading', { level: 2, name })).toBeTruthy();
    }
    const storage = section('Storage');
    await waitFor(() =>
      expect(within(storage).getByText('Saved papers').nextSibling?.textContent).toBe('3'),
    );
    expect(within(storage).getByText('Papers with a note').nextSibling?.textContent).toBe('1');
    expect(within(storage).getByText('Tags in use').nextSibling?.textContent).toBe('2');
  });

  it('exports all papers as BibTeX', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob: Blob | MediaSource) => {
      blobs.push(blob as Blob);
      return 'blob:x';
    });
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
    render(<OptionsApp db={db} now={() => NOW} />);
    fireEvent.click(
      within(section('Export')).getByRole('button', { name: 'Export all papers as BibTeX' }),
    );
    await waitFor(() => expect(names).toEqual(['biaslens-export-2025-11-26.bib']));
    const bib = await blobs[0]?.text();
    expect(bib?.match(/^@misc\{/gm)).toHaveLength(3);
    expect(bib).toContain('note = {a note}');
    expect(
      await screen.findByText('Exported 3 papers to biaslens-export-2025-11-26.bib.'),
    ).toBeTruthy();
  });

  it('imports a file: dry run counts first, then one click merges it', async () => {
    const text = serializeExport(
      buildExport(
        [
          makeRecord(1, { note: 'a note', tags: ['ml', 'to-read'] }),
          makeRecord(2, { title: 'Retitled', updatedAt: NOW, tags: ['ml'] }),
          makeRecord(3, { note: 'other machine', noteUpdatedAt: 5 }),
          makeRecord(4),
        ],
        NOW,
      ),
    );
    await db.papers.update('arxiv:2406.00003', { note: 'this machine', noteUpdatedAt: 9 });
    const before = await dumpDatabase(db);
    render(<OptionsApp db={db} now={() => NOW} />);
    chooseFile(text);
    const preview = await screen.findByText(/Importing would give/);
    expect(preview.textContent).toBe(
      'biaslens-export-2025-11-20.json: 4 papers (format version 1). Importing would give 1 new, 1 updated, 1 unchanged, 1 in conflict.',
    );
    expect(screen.getByText(/Papers in conflict keep both notes/).textContent).toContain(
      'arxiv:2406.00003',
    );
    expect(await dumpDatabase(db)).toStrictEqual(before); // the dry run wrote nothing

    fireEvent.click(screen.getByRole('button', { name: 'Import 4 papers' }));
    expect(
      (await screen.findByText(/^Imported biaslens-export-2025-11-20\.json/)).textContent,
    ).toContain('1 new, 1 updated, 1 unchanged, 1 in conflict');
    expect(await db.papers.count()).toBe(4);
    expect((await db.papers.get('arxiv:2406.00002'))?.title).toBe('Retitled');
    expect((await db.papers.get('arxiv:2406.00003'))?.note).toMatch(
      /^this machine\n\n--- BiasLens: conflicting version.*\nother machine$/s,
    );
  });

  it.each([
    ['truncated JSON', '{"format":"biaslens-notes","version":1,"papers":[{"id"', /not valid JSON/],
    [
      'a newer format',
      '{"format":"biaslens-notes","version":9,"papers":[]}',
      /exported by a newer BiasLens/,
    ],
    [
      'a bad paper',
      '{"format":"biaslens-notes","version":1,"papers":[{"id":"arxiv:1"}]}',
      /Paper 1 \(arxiv:1\): id: "arxiv:1" is not a canonical paper id/,
    ],
  ])(
    'shows why a file with %s cannot be imported, and changes nothing',
    async (_name, text, message) => {
      const before = await dumpDatabase(db);
      render(<OptionsApp db={db} now={() => NOW} />);
      chooseFile(text, 'bad.json');
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toMatch(/^Couldn't import bad\.json: /);
      expect(alert.textContent).toMatch(message);
      expect(alert.textContent).toContain('Nothing was imported');
      expect(await dumpDatabase(db)).toStrictEqual(before);
      fireEvent.click(within(alert).getByRole('button', { name: 'Choose another file' }));
      expect(screen.queryByRole('alert')).toBeNull();
    },
  );

  it('shows the storage-full message when the disk is full, and changes nothing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const text = serializeExport(buildExport([makeRecord(7), makeRecord(8), makeRecord(9)], NOW));
    const before = await dumpDatabase(db);
    render(<OptionsApp db={db} now={() => NOW} />);
    chooseFile(text);
    await screen.findByText(/Importing would give 3 new/);
    faults.quotaOn.add('papers');
    fireEvent.click(screen.getByRole('button', { name: 'Import 3 papers' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(QUOTA_MESSAGE);
    faults.quotaOn.clear();
    expect(await dumpDatabase(db)).toStrictEqual(before);
  });

  it('renames a tag everywhere, and merges into an existing one', async () => {
    render(<OptionsApp db={db} now={() => NOW} />);
    const tags = section('Tags');
    await waitFor(() =>
      expect(within(tags).getByRole('list', { name: 'Tags in use' }).textContent).toBe(
        'ml (2)to-read (1)',
      ),
    );
    fireEvent.change(within(tags).getByRole('combobox', { name: 'Tag' }), {
      target: { value: 'ml' },
    });
    fireEvent.input(within(tags).getByRole('combobox', { name: 'New name' }), {
      target: { value: 'machine learning' },
    });
    expect(
      within(tags).getByText('The 2 papers tagged “ml” will be tagged “machine learning”.'),
    ).toBeTruthy();
    fireEvent.click(within(tags).getByRole('button', { name: 'Rename' }));
    expect(
      await within(tags).findByText('Renamed “ml” to “machine learning” on 2 papers.'),
    ).toBeTruthy();
    expect((await db.papers.get('arxiv:2406.00001'))?.tags).toEqual([
      'machine learning',
      'to-read',
    ]);

    await waitFor(() =>
      expect(within(tags).getByRole('list', { name: 'Tags in use' }).textContent).toContain(
        'machine learning (2)',
      ),
    );
    fireEvent.change(within(tags).getByRole('combobox', { name: 'Tag' }), {
      target: { value: 'to-read' },
    });
    fireEvent.input(within(tags).getByRole('combobox', { name: 'New name' }), {
      target: { value: 'Machine Learning' },
    });
    fireEvent.click(within(tags).getByRole('button', { name: 'Merge into “machine learning”' }));
    expect(
      await within(tags).findByText('Merged “to-read” into “machine learning” on 1 papers.'),
    ).toBeTruthy();
    expect((await db.papers.get('arxiv:2406.00001'))?.tags).toEqual(['machine learning']);
  });

  it('sets the popup sort order and lists the keyboard shortcuts', async () => {
    vi.spyOn(fakeBrowser.commands, 'getAll').mockResolvedValue([
      { name: '_execute_action', description: '', shortcut: 'Alt+Shift+B' },
      { name: 'save-card', description: 'Save the focused or hovered paper card', shortcut: '' },
    ]);
    render(<OptionsApp db={db} now={() => NOW} />);
    const settings = section('Settings');
    fireEvent.change(within(settings).getByRole('combobox', { name: 'Popup sort order' }), {
      target: { value: 'edited-desc' },
    });
    expect(localStorage.getItem(SORT_STORAGE_KEY)).toBe('edited-desc');
    await waitFor(() =>
      expect(within(settings).getByRole('table').textContent).toBe(
        'Open the BiasLens popupAlt+Shift+BSave the focused or hovered paper cardnot set',
      ),
    );
  });
});
