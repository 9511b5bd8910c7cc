import { describe, expect, it } from 'vitest';
import type { PaperRecord } from '../../lib/db/types';
import { conflictMarker, mergeImportedPaper, mergeNotes } from '../../lib/notebook/merge';
import { makeRecord } from './notebook-helpers';

const merge = (stored: PaperRecord | undefined, incoming: PaperRecord) => {
  const result = mergeImportedPaper(stored, incoming);
  if (!result.ok) throw new Error(result.error);
  return result;
};

describe('mergeNotes', () => {
  const side = (note: string, at: number | undefined, origin: 'file' | 'browser') => ({
    note,
    at,
    origin,
  });

  it.each([
    ['equal notes', side('a', 1, 'browser'), side('a', 2, 'file'), 'a', false],
    [
      'the newer note wins when it contains the older',
      side('draft', 1, 'browser'),
      side('draft, then more', 2, 'file'),
      'draft, then more',
      false,
    ],
    [
      'an older empty note adds nothing',
      side('kept', 2, 'browser'),
      side('', 1, 'file'),
      'kept',
      false,
    ],
    [
      'a never-edited note loses to an edited one',
      side('', undefined, 'browser'),
      side('new', 5, 'file'),
      'new',
      false,
    ],
    [
      'an older note inside the newer one adds nothing',
      side('the whole note', 9, 'browser'),
      side('whole', 1, 'file'),
      'the whole note',
      false,
    ],
  ] as const)('%s', (_name, stored, incoming, note, conflict) => {
    expect(mergeNotes(stored, incoming)).toEqual({
      note,
      at: Math.max(stored.at ?? 0, incoming.at ?? 0) || undefined,
      conflict,
    });
  });

  it('keeps both diverging notes, the newer first and the older below a marker', () => {
    const result = mergeNotes(
      side('mine, edited later', 20, 'browser'),
      side('theirs', 10, 'file'),
    );
    expect(result).toEqual({
      note: `mine, edited later\n\n${conflictMarker('file', 10)}\ntheirs`,
      at: 20,
      conflict: true,
    });
    expect(result.note).toContain(
      '--- BiasLens: conflicting version of this note (from the imported file, edited 1970-01-01T00:00:00.010Z) ---',
    );
  });

  it('never lets a newer empty note erase the other: keeps it, flagged', () => {
    expect(mergeNotes(side('', 30, 'browser'), side('important', 10, 'file'))).toEqual({
      note: 'important',
      at: 30,
      conflict: true,
    });
  });

  it('on equal times keeps the note that contains the other, else both', () => {
    expect(mergeNotes(side('a', 5, 'browser'), side('a b', 5, 'file')).note).toBe('a b');
    const both = mergeNotes(side('x', 5, 'browser'), side('y', 5, 'file'));
    expect(both.conflict).toBe(true);
    expect(both.note.startsWith('x\n\n--- BiasLens')).toBe(true);
    expect(both.note.endsWith('\ny')).toBe(true);
  });
});

describe('mergeImportedPaper', () => {
  it('imports a paper that is not saved as new', () => {
    const incoming = makeRecord(1);
    expect(merge(undefined, incoming)).toEqual({ ok: true, record: incoming, outcome: 'new' });
  });

  it('reports an identical paper as unchanged', () => {
    const stored = makeRecord(1, { note: 'n', noteUpdatedAt: 5, tags: ['a'], tagsUpdatedAt: 6 });
    expect(merge(stored, structuredClone(stored)).outcome).toBe('unchanged');
  });

  it('takes each field from its newer edit', () => {
    const stored = makeRecord(1, {
      title: 'Stored title',
      savedAt: 100,
      updatedAt: 500,
      source: 'huggingface',
      note: 'stored note',
      noteUpdatedAt: 400,
      tags: ['stored'],
      tagsUpdatedAt: 100,
      version: 3,
    });
    const incoming = makeRecord(1, {
      title: 'File title',
      abstract: 'From the file.',
      savedAt: 50,
      updatedAt: 300,
      source: 'arxiv',
      note: 'stored note, then more from the file',
      noteUpdatedAt: 450,
      tags: ['file'],
      tagsUpdatedAt: 200,
      version: 2,
    });
    const { record, outcome } = merge(stored, incoming);
    expect(outcome).toBe('updated');
    expect(record).toMatchObject({
      title: 'Stored title', // metadata: the stored record's updatedAt is newer
      abstract: 'From the file.', // a known abstract is never replaced by a missing one
      savedAt: 50, // the first save
      source: 'arxiv', // the site of the first save
      updatedAt: 500,
      note: 'stored note, then more from the file',
      noteUpdatedAt: 450,
      tags: ['file'],
      tagsUpdatedAt: 200,
      version: 3,
    });
  });

  it('unions tags edited at the same time, ignoring case', () => {
    const stored = makeRecord(1, { tags: ['a', 'B'], tagsUpdatedAt: 5 });
    const incoming = makeRecord(1, { tags: ['b', 'c'], tagsUpdatedAt: 5 });
    expect(merge(stored, incoming).record.tags).toEqual(['a', 'B', 'c']);
  });

  it('marks a note conflict and is idempotent: importing the same file again changes nothing', () => {
    const stored = makeRecord(1, { note: 'browser', noteUpdatedAt: 20, updatedAt: 20 });
    const incoming = makeRecord(1, { note: 'file', noteUpdatedAt: 10, updatedAt: 10 });
    const first = merge(stored, incoming);
    expect(first.outcome).toBe('conflict');
    expect(first.record.note).toBe(`browser\n\n${conflictMarker('file', 10)}\nfile`);
    expect(merge(first.record, incoming).outcome).toBe('unchanged');
    // A newer file note than the stored one: the file's text leads.
    const newer = merge(stored, makeRecord(1, { note: 'file', noteUpdatedAt: 30, updatedAt: 30 }));
    expect(newer.record.note).toBe(`file\n\n${conflictMarker('browser', 20)}\nbrowser`);
  });

  it('refuses (rather than cut) when both notes together exceed the note limit', () => {
    const stored = makeRecord(1, { note: 'a'.repeat(60_000), noteUpdatedAt: 2 });
    const incoming = makeRecord(1, { note: 'b'.repeat(60_000), noteUpdatedAt: 1 });
    const result = mergeImportedPaper(stored, incoming);
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/keeping both would exceed 100000 characters/),
    });
  });

  it('keeps fields a newer build may have stored', () => {
    const stored = { ...makeRecord(1), futureField: 'kept' } as PaperRecord;
    const { record } = merge(
      stored,
      makeRecord(1, { updatedAt: stored.updatedAt + 1, title: 'New' }),
    );
    expect((record as PaperRecord & { futureField?: string }).futureField).toBe('kept');
  });
});
