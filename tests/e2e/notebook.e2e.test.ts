/**
 * The research notebook in real Chromium on the built extension: importing a file through the
 * options page, search and tags in the popup, BibTeX exports (popup and options), delete with
 * undo reaching an open listing, and the keyboard command in the manifest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTENSION_DIR,
  type ExtensionSession,
  launchWithExtension,
  popupUrl,
  readCards,
  waitForCards,
} from './harness';
import { PAGES, pageByName } from './pages';

const arxivList = pageByName('arxiv-new');

/** An export file as a user would have it from another browser (format version 1). */
function exportFile(): string {
  const paper = (arxivId: string, extra: Record<string, unknown>) => ({
    id: `arxiv:${arxivId}`,
    arxivId,
    version: null,
    urls: {
      abs: `https://arxiv.org/abs/${arxivId}`,
      pdf: `https://arxiv.org/pdf/${arxivId}`,
      huggingface: `https://huggingface.co/papers/${arxivId}`,
    },
    title: 'Untitled',
    authors: [],
    abstract: null,
    topics: [],
    source: 'arxiv',
    savedAt: '2025-11-01T10:00:00.000Z',
    updatedAt: '2025-11-01T10:00:00.000Z',
    note: '',
    noteUpdatedAt: null,
    tags: [],
    tagsUpdatedAt: null,
    ...extra,
  });
  return JSON.stringify({
    format: 'biaslens-notes',
    version: 1,
    exportedAt: '2025-11-20T09:30:00.000Z',
    papers: [
      paper('2406.12345', {
        title: 'Measuring Gender Bias in Language Models',
        authors: ['Ada Lovelace', 'Alan Turing'],
        abstract: 'We measure 100% of the stereotypes & more.',
        topics: ['social', 'evaluation'],
        savedAt: '2025-11-20T09:00:00.000Z',
        updatedAt: '2025-11-20T09:00:00.000Z',
        note: 'Read §3 first.\nCompare with {baseline}.',
        noteUpdatedAt: '2025-11-20T09:00:00.000Z',
        tags: ['fairness'],
        tagsUpdatedAt: '2025-11-20T09:00:00.000Z',
      }),
      paper('2405.00001', {
        title: 'Fair Ranking under Exposure Constraints',
        authors: ['Grace Hopper'],
        topics: ['ranking'],
        savedAt: '2025-11-10T09:00:00.000Z',
        updatedAt: '2025-11-10T09:00:00.000Z',
      }),
      paper('hep-th/9901001', {
        title: 'An Old-Style Paper on Statistical Bias',
        authors: ['Emmy Noether'],
        topics: ['statistical'],
        savedAt: '2025-11-05T09:00:00.000Z',
        updatedAt: '2025-11-05T09:00:00.000Z',
        note: 'Classic.',
        noteUpdatedAt: '2025-11-05T09:00:00.000Z',
      }),
    ],
  });
}

describe('the research notebook', () => {
  let session: ExtensionSession;
  let options: Page;
  let popup: Page;

  beforeAll(async () => {
    session = await launchWithExtension({ fixtures: PAGES });
    options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('declares the keyboard command that opens the popup, and the options page', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.commands._execute_action).toEqual({
      suggested_key: { default: 'Alt+Shift+B' },
      description: 'Open the BiasLens popup (saved papers)',
    });
    expect(manifest.options_ui).toEqual({ open_in_tab: true, page: 'options.html' });
    // `scripting` only, for the optional sites' content script (README, Permissions and privacy).
    expect(manifest.permissions).toEqual(['scripting']);
  });

  it('imports a file through the options page: a dry run first, then the import', async () => {
    await options.getByLabel('Choose a BiasLens JSON export').setInputFiles({
      name: 'biaslens-export-2025-11-20.json',
      mimeType: 'application/json',
      buffer: Buffer.from(exportFile()),
    });
    await expect
      .poll(() => options.getByText(/Importing would give/).textContent())
      .toBe(
        'biaslens-export-2025-11-20.json: 3 papers (format version 1). Importing would give 3 new, 0 updated, 0 unchanged, 0 in conflict.',
      );
    await options.getByRole('button', { name: 'Import 3 papers' }).click();
    await expect
      .poll(() => options.getByRole('status').first().textContent())
      .toContain(
        'Imported biaslens-export-2025-11-20.json: 3 new, 0 updated, 0 unchanged, 0 in conflict.',
      );
    const storage = options.getByRole('region', { name: 'Storage' });
    await expect
      .poll(() => storage.getByText('Saved papers').locator('+ dd').textContent())
      .toBe('3');

    // A malformed file: a clear message, nothing changes.
    await options.getByRole('button', { name: 'Import another file' }).click();
    await options.getByLabel('Choose a BiasLens JSON export').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(exportFile().slice(0, 200)),
    });
    await expect
      .poll(() => options.getByRole('alert').textContent())
      .toMatch(/^Couldn't import broken\.json: The file is not valid JSON .* Nothing was imported/);
    await expect
      .poll(() => storage.getByText('Saved papers').locator('+ dd').textContent())
      .toBe('3');
  });

  it('searches and tags in the popup', async () => {
    popup = await session.context.newPage();
    await popup.setViewportSize({ width: 420, height: 700 });
    await popup.goto(popupUrl(session));
    const items = popup
      .getByRole('listitem')
      .filter({ has: popup.getByRole('heading', { level: 2 }) });
    await expect.poll(() => items.count()).toBe(3);
    expect(await items.first().getByRole('heading').textContent()).toBe(
      'Measuring Gender Bias in Language Models',
    );

    const search = popup.getByRole('searchbox', { name: 'Search saved papers' });
    await search.fill('exposure'); // a word of one title
    await expect.poll(() => items.count()).toBe(1);
    await search.fill('stereotypes'); // in an abstract
    await expect.poll(() => items.count()).toBe(1);
    await search.fill('classic'); // in a note
    await expect.poll(() => items.count()).toBe(1);
    await search.fill('fairness'); // a tag
    await expect.poll(() => items.count()).toBe(1);
    await search.fill('');
    await expect.poll(() => items.count()).toBe(3);

    // Tag the ranking paper, with the existing tag offered for autocomplete.
    const ranking = items.filter({ hasText: 'Fair Ranking under Exposure Constraints' });
    const addTag = ranking.getByRole('combobox', { name: 'Add tag' });
    expect(
      await popup
        .locator('#biaslens-tags option')
        .evaluateAll((o) => o.map((x) => x.getAttribute('value'))),
    ).toEqual(['fairness']);
    await addTag.fill('fairness');
    await addTag.press('Enter');
    await addTag.fill('to read');
    await addTag.press('Enter');
    await expect
      .poll(() => ranking.getByRole('list', { name: 'Tags' }).textContent())
      .toBe('fairness×to read×');

    await popup.reload();
    await expect.poll(() => items.count()).toBe(3);
    await popup.getByRole('button', { name: 'Filters' }).click();
    await popup.getByRole('combobox', { name: 'Tag', exact: true }).selectOption('fairness');
    await expect.poll(() => items.count()).toBe(2);
    expect(await popup.getByText(/of 3 saved papers/).textContent()).toBe('2 of 3 saved papers');

    // Remove a tag.
    await ranking.getByRole('button', { name: 'Remove tag to read' }).click();
    await expect
      .poll(() => ranking.getByRole('list', { name: 'Tags' }).textContent())
      .toBe('fairness×');
  });

  it('exports the shown papers as BibTeX from the popup', async () => {
    const download = popup.waitForEvent('download');
    await popup.getByRole('button', { name: 'Export the 2 shown papers as BibTeX' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^biaslens-export-\d{4}-\d{2}-\d{2}\.bib$/);
    const bib = readFileSync(await file.path(), 'utf8');
    expect(bib).toBe(
      [
        '@misc{lovelace2024measuring,',
        '  title = {Measuring Gender Bias in Language Models},',
        '  author = {Ada Lovelace and Alan Turing},',
        '  year = {2024},',
        '  month = jun,',
        '  eprint = {2406.12345},',
        '  archivePrefix = {arXiv},',
        '  url = {https://arxiv.org/abs/2406.12345},',
        '  abstract = {We measure 100\\% of the stereotypes \\& more.},',
        '  keywords = {fairness},',
        '  note = {Read §3 first.\nCompare with \\textbraceleft{}baseline\\textbraceright{}.},',
        '}',
        '',
        '@misc{hopper2024fair,',
        '  title = {Fair Ranking under Exposure Constraints},',
        '  author = {Grace Hopper},',
        '  year = {2024},',
        '  month = may,',
        '  eprint = {2405.00001},',
        '  archivePrefix = {arXiv},',
        '  url = {https://arxiv.org/abs/2405.00001},',
        '  keywords = {fairness},',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('exports every paper as BibTeX from the options page, old-style ids with primaryClass', async () => {
    const download = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export all papers as BibTeX' }).click();
    const bib = readFileSync(await (await download).path(), 'utf8');
    expect(bib.match(/^@misc\{/gm)).toHaveLength(3);
    expect(bib).toContain(
      [
        '@misc{noether1999oldstyle,',
        '  title = {An Old-Style Paper on Statistical Bias},',
        '  author = {Emmy Noether},',
        '  year = {1999},',
        '  month = jan,',
        '  eprint = {hep-th/9901001},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {hep-th},',
        '  url = {https://arxiv.org/abs/hep-th/9901001},',
        '  note = {Classic.},',
        '}',
      ].join('\n'),
    );
  });

  it('a delete in the popup, and its undo, reach an open listing within a second', async () => {
    const listing = await session.context.newPage();
    await listing.goto(arxivList.url);
    await waitForCards(listing, arxivList.cards);
    const [target] = await readCards(listing);
    if (!target) throw new Error('no card');
    const card = listing.locator(`[data-biaslens-paper="${target.id}"]`);
    await card.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => card.getAttribute('data-biaslens-saved')).toBe('true');

    await popup.reload();
    const title = (await popup.getByRole('heading', { level: 2 }).first().textContent()) ?? '';
    await popup.getByRole('button', { name: `Delete ${title}` }).click();
    await expect
      .poll(() => card.getAttribute('data-biaslens-saved'), { timeout: 1000 })
      .toBe('false');
    await popup.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(() => card.getAttribute('data-biaslens-saved'), { timeout: 1000 })
      .toBe('true');
    await expect
      .poll(() => popup.getByRole('heading', { level: 2 }).first().textContent())
      .toBe(title);
    await listing.close();
  });
});
