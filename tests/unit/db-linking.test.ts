/**
 * Identity beyond arXiv through the whole stack: a paper is one record whatever ids the pages
 * showed (arXiv, DOI, ACL Anthology, OpenReview). Saves link records by alias, saved state and
 * notes are looked up by alias, exports carry the ids, imports merge by alias.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createRequestHandler } from '../../lib/background/handler';
import { buildExport, serializeExport } from '../../lib/db/export';
import { importText } from '../../lib/db/import';
import { getSavedIds, savePaper } from '../../lib/db/papers';
import { type BiasLensDB, openDatabase } from '../../lib/db/schema';
import type { PaperRecord } from '../../lib/db/types';
import type { Broadcast } from '../../lib/messages';
import { mergeLinkedRecords } from '../../lib/notebook/merge';
import type { ExtractedPaper } from '../../lib/paper';
import { contentScript, dumpDatabase, extensionPage, makeRecord } from './notebook-helpers';

const DOI = '10.1145/3442188.3445922';
const NOW = 1_750_000_000_000;

const fromDblp: ExtractedPaper = {
  id: `doi:${DOI}`,
  doi: DOI,
  title: 'On the Dangers of Stochastic Parrots',
  authors: ['Emily M. Bender', 'Timnit Gebru'],
  url: `https://doi.org/${DOI}`,
  site: 'dblp',
};
const fromArxiv: ExtractedPaper = {
  id: 'arxiv:2101.00001',
  arxivId: '2101.00001',
  doi: DOI,
  title: 'On the Dangers of Stochastic Parrots: Can Language Models Be Too Big?',
  authors: ['Emily M. Bender', 'Timnit Gebru', 'Angelina McMillan-Major'],
  abstract: 'The past 3 years of work in NLP…',
  url: 'https://arxiv.org/abs/2101.00001',
  site: 'generic',
};

let db: BiasLensDB;
let counter = 0;
let broadcasts: Broadcast[];
let clock: number;
let handle: ReturnType<typeof createRequestHandler>;

beforeEach(async () => {
  fakeBrowser.reset();
  counter += 1;
  db = openDatabase(`biaslens-test-linking-${counter}-${Date.now()}`);
  broadcasts = [];
  clock = NOW;
  handle = createRequestHandler(db, {
    broadcast: (message) => {
      broadcasts.push(message);
    },
    now: () => clock++,
  });
});
afterEach(async () => {
  await db.delete();
  vi.restoreAllMocks();
});

/** Lets the handler's unawaited broadcasts run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('saving a paper of any scheme', () => {
  it('a DOI-only paper is saved under its DOI, with the landing page as its URL', async () => {
    const response = await handle(
      { type: 'save-paper', paper: fromDblp, topics: [] },
      contentScript(),
    );
    expect(response).toMatchObject({
      ok: true,
      record: {
        id: `doi:${DOI}`,
        doi: DOI,
        aliases: [`doi:${DOI}`],
        urls: { abs: `https://doi.org/${DOI}` },
        source: 'dblp',
      },
    });
    const record = (await db.papers.get(`doi:${DOI}`)) as PaperRecord;
    expect(record.arxivId).toBeUndefined();
    expect(record.urls.pdf).toBeUndefined();
  });

  it('a card showing `doi:X` says Saved when the paper was saved as `arxiv:Y` with DOI X', async () => {
    await handle({ type: 'save-paper', paper: fromArxiv, topics: ['social'] }, contentScript());
    await settle();
    expect(broadcasts).toContainEqual({
      type: 'saved-changed',
      ids: ['arxiv:2101.00001', `doi:${DOI}`],
      saved: true,
    });
    const state = await handle(
      { type: 'get-page-state', ids: [`doi:${DOI}`, 'doi:10.1145/unrelated', 'arxiv:2101.00001'] },
      contentScript(),
    );
    const saved = (state as { saved?: string[] }).saved ?? [];
    expect(state).toMatchObject({ ok: true });
    expect([...saved].sort()).toEqual(['arxiv:2101.00001', `doi:${DOI}`]);
  });

  it('a DOI-only record and a page showing DOI + arXiv become one record; note and tags kept', async () => {
    await handle({ type: 'save-paper', paper: fromDblp, topics: [] }, contentScript());
    await handle(
      { type: 'update-note', id: `doi:${DOI}`, note: 'From the reading group.' },
      extensionPage(),
    );
    await handle(
      { type: 'update-tags', id: `doi:${DOI}`, add: ['ethics'], remove: [] },
      extensionPage(),
    );
    const savedAt = (await db.papers.get(`doi:${DOI}`))?.savedAt;
    await handle({ type: 'save-paper', paper: fromArxiv, topics: ['social'] }, contentScript());

    expect(await db.papers.count()).toBe(1);
    const record = (await db.papers.get(`doi:${DOI}`)) as PaperRecord;
    expect(record).toMatchObject({
      // The existing record keeps its id and gains the arXiv id.
      id: `doi:${DOI}`,
      doi: DOI,
      arxivId: '2101.00001',
      aliases: [`doi:${DOI}`, 'arxiv:2101.00001'],
      urls: {
        abs: 'https://arxiv.org/abs/2101.00001',
        pdf: 'https://arxiv.org/pdf/2101.00001',
      },
      title: fromArxiv.title,
      abstract: fromArxiv.abstract,
      note: 'From the reading group.',
      tags: ['ethics'],
      source: 'dblp',
      savedAt,
    });
    expect(await getSavedIds(db, ['arxiv:2101.00001'])).toEqual(['arxiv:2101.00001']);
  });

  it('two records of one paper are linked when a page shows both ids: both notes kept', async () => {
    await savePaper(db, fromDblp, [], 1000);
    await savePaper(db, { ...fromArxiv, doi: undefined }, [], 2000);
    await handle({ type: 'update-note', id: `doi:${DOI}`, note: 'dblp note' }, extensionPage());
    await handle(
      { type: 'update-note', id: 'arxiv:2101.00001', note: 'arXiv note' },
      extensionPage(),
    );
    await handle(
      { type: 'update-tags', id: 'arxiv:2101.00001', add: ['llm'], remove: [] },
      extensionPage(),
    );
    await handle(
      { type: 'update-tags', id: `doi:${DOI}`, add: ['ethics'], remove: [] },
      extensionPage(),
    );
    expect(await db.papers.count()).toBe(2);

    await handle({ type: 'save-paper', paper: fromArxiv, topics: [] }, contentScript());

    const records = await db.papers.toArray();
    expect(records).toHaveLength(1);
    const [record] = records as [PaperRecord];
    // Saved first: the DOI record keeps its id.
    expect(record.id).toBe(`doi:${DOI}`);
    expect(record.savedAt).toBe(1000);
    expect(record.aliases).toEqual([`doi:${DOI}`, 'arxiv:2101.00001']);
    expect(record.note).toContain('arXiv note');
    expect(record.note).toContain('dblp note');
    expect(record.note).toMatch(/conflicting version of this note \(from the same paper saved as/);
    expect([...record.tags].sort()).toEqual(['ethics', 'llm']);
  });

  it('notes, tags and unsave work by alias; the unsave tells every card of the paper', async () => {
    await handle({ type: 'save-paper', paper: fromArxiv, topics: [] }, contentScript());
    expect(
      await handle(
        { type: 'update-note', id: `doi:${DOI}`, note: 'typed on dblp' },
        contentScript(),
      ),
    ).toMatchObject({ ok: true, record: { id: 'arxiv:2101.00001', note: 'typed on dblp' } });
    expect(await handle({ type: 'get-note', id: `doi:${DOI}` }, contentScript())).toEqual({
      ok: true,
      saved: true,
      note: 'typed on dblp',
    });
    broadcasts.length = 0;
    expect(await handle({ type: 'unsave-paper', id: `doi:${DOI}` }, contentScript())).toMatchObject(
      {
        ok: true,
        removed: true,
        record: { id: 'arxiv:2101.00001' },
      },
    );
    await settle();
    expect(broadcasts).toEqual([
      { type: 'saved-changed', ids: [`doi:${DOI}`, 'arxiv:2101.00001'], saved: false },
    ]);
    expect(await db.papers.count()).toBe(0);
  });

  it('topic corrections stay keyed by the card’s id; a saved paper’s topics follow by alias', async () => {
    await handle({ type: 'save-paper', paper: fromArxiv, topics: ['social'] }, contentScript());
    const response = await handle(
      { type: 'set-topic-correction', id: `doi:${DOI}`, added: ['data'], removed: [] },
      contentScript(),
    );
    expect(response).toMatchObject({
      ok: true,
      correction: { id: `doi:${DOI}`, added: ['data'] },
      record: { id: 'arxiv:2101.00001', topics: ['social', 'data'] },
    });
  });

  it('never cuts a note: records whose notes are too long together stay apart', () => {
    const a = makeRecord(1, { note: 'a'.repeat(60_000), noteUpdatedAt: 1 });
    const b = makeRecord(2, { note: 'b'.repeat(60_000), noteUpdatedAt: 2 });
    expect(mergeLinkedRecords(a, b)).toEqual({
      ok: false,
      error: expect.stringMatching(/too long/),
    });
  });
});

describe('exports and imports carry the ids', () => {
  it('an all-arXiv notebook exports as version 1; a DOI-only paper makes it version 2', async () => {
    await savePaper(db, fromArxiv, [], 1000);
    expect(buildExport(await db.papers.toArray(), 0)).toMatchObject({
      version: 1,
      papers: [
        {
          id: 'arxiv:2101.00001',
          arxivId: '2101.00001',
          doi: DOI,
          aclId: null,
          openreviewId: null,
          aliases: ['arxiv:2101.00001', `doi:${DOI}`],
        },
      ],
    });
    await savePaper(
      db,
      { ...fromDblp, id: 'doi:10.1145/other.1', doi: '10.1145/other.1' },
      [],
      2000,
    );
    const doc = buildExport(await db.papers.toArray(), 0);
    expect(doc.version).toBe(2);
    expect(doc.papers[0]).toMatchObject({
      id: 'doi:10.1145/other.1',
      arxivId: null,
      urls: { abs: 'https://doi.org/10.1145/other.1', pdf: null, huggingface: null },
    });
  });

  it('export, wipe, import gives an identical database, linked and non-arXiv papers included', async () => {
    await savePaper(db, fromDblp, ['social'], 1000);
    await savePaper(db, fromArxiv, ['social'], 2000);
    await savePaper(
      db,
      {
        id: 'acl:2024.acl-long.1',
        aclId: '2024.acl-long.1',
        title: 'An ACL paper',
        authors: [],
        url: 'https://aclanthology.org/2024.acl-long.1/',
        site: 'acl',
      },
      [],
      3000,
    );
    await savePaper(
      db,
      { id: 'pmlr:v202/aamand23a', title: 'A PMLR paper', authors: [], url: '', site: 'pmlr' },
      [],
      4000,
    );
    const before = await dumpDatabase(db);
    const text = serializeExport(buildExport(await db.papers.toArray(), 5000));
    await db.papers.clear();
    expect(await importText(db, text, { apply: true })).toMatchObject({
      ok: true,
      summary: { version: 2, new: 3 },
    });
    expect(await dumpDatabase(db)).toStrictEqual(before);
    // The same file again changes nothing.
    expect(await importText(db, text, { apply: true })).toMatchObject({
      ok: true,
      summary: { unchanged: 3 },
    });
  });

  it('an imported paper merges into the record saved under another of its ids', async () => {
    await savePaper(db, { ...fromArxiv, doi: undefined }, [], 1000);
    const file = serializeExport(
      buildExport(
        [
          {
            ...makeRecord(0),
            id: `doi:${DOI}`,
            arxivId: '2101.00001',
            doi: DOI,
            aliases: [`doi:${DOI}`, 'arxiv:2101.00001'],
            note: 'from the other browser',
            noteUpdatedAt: 5000,
            updatedAt: 5000,
          },
        ],
        6000,
      ),
    );
    const dry = await importText(db, file, { apply: false });
    expect(dry).toMatchObject({ ok: true, newIds: [], summary: { new: 0, updated: 1 } });
    expect(await importText(db, file, { apply: true })).toMatchObject({
      ok: true,
      summary: { updated: 1 },
      newIds: [`doi:${DOI}`],
    });
    const records = await db.papers.toArray();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      id: 'arxiv:2101.00001',
      doi: DOI,
      aliases: ['arxiv:2101.00001', `doi:${DOI}`],
      note: 'from the other browser',
    });
  });

  it('rejects a file listing one paper twice under two of its ids', async () => {
    const doc = buildExport(
      [
        { ...makeRecord(1), doi: DOI, aliases: ['arxiv:2406.00001', `doi:${DOI}`] },
        {
          ...makeRecord(2),
          id: `doi:${DOI}`,
          arxivId: undefined,
          doi: DOI,
          aliases: [`doi:${DOI}`],
        },
      ],
      0,
    );
    expect(await importText(db, serializeExport(doc), { apply: true })).toEqual({
      ok: false,
      error: expect.stringMatching(
        /Papers 1 and 2 are the same paper \(both known as doi:10\.1145\/3442188\.3445922\)/,
      ),
    });
  });

  it('rejects ids that disagree with their fields, and ids of no scheme', async () => {
    const doc = JSON.parse(
      serializeExport(buildExport([{ ...makeRecord(1), id: `doi:${DOI}`, doi: DOI }], 0)),
    ) as { papers: Record<string, unknown>[] };
    (doc.papers[0] as Record<string, unknown>).doi = '10.1145/something.else';
    expect(await importText(db, JSON.stringify(doc), { apply: false })).toEqual({
      ok: false,
      error: expect.stringMatching(
        /id must be "doi:" followed by doi \("10\.1145\/something\.else"\)/,
      ),
    });
    (doc.papers[0] as Record<string, unknown>).id = 'isbn:123';
    expect(await importText(db, JSON.stringify(doc), { apply: false })).toEqual({
      ok: false,
      error: expect.stringMatching(/"isbn:123" is not a canonical paper id/),
    });
  });

  it('a version-1 file may not hold a paper without an arXiv id', async () => {
    const doc = JSON.parse(
      serializeExport(
        buildExport([{ ...makeRecord(1), id: `doi:${DOI}`, doi: DOI, arxivId: undefined }], 0),
      ),
    ) as { version: number };
    expect(doc.version).toBe(2);
    doc.version = 1;
    expect(await importText(db, JSON.stringify(doc), { apply: false })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/is not a canonical paper id \(e\.g\. "arxiv:2406\.12345"\)/),
    });
  });

  it('undo puts back a non-arXiv paper', async () => {
    await handle({ type: 'save-paper', paper: fromDblp, topics: [] }, contentScript());
    const removed = await handle({ type: 'unsave-paper', id: `doi:${DOI}` }, extensionPage());
    if (!removed.ok || !('record' in removed) || !removed.record) throw new Error('not removed');
    const { exportPaper } = await import('../../lib/db/export');
    expect(
      await handle(
        { type: 'restore-papers', papers: [exportPaper(removed.record)] },
        extensionPage(),
      ),
    ).toEqual({ ok: true, restored: [`doi:${DOI}`] });
    expect(await db.papers.get(`doi:${DOI}`)).toEqual(removed.record);
  });
});
