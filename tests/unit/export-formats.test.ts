import { describe, expect, it } from 'vitest';
import type { PaperRecord } from '../../lib/db/types';
import {
  arxivIdDate,
  bibtexAuthors,
  citationKey,
  escapeBibTeX,
  primaryClassOf,
  toBibTeX,
} from '../../lib/notebook/bibtex';
import { CSV_COLUMNS, csvCell, toCSV } from '../../lib/notebook/csv';
import { buildExportFile } from '../../lib/notebook/export-formats';
import { escapeMarkdown, toMarkdown } from '../../lib/notebook/markdown';
import { makeRecord } from './notebook-helpers';

const NOW = new Date(2025, 10, 26, 12).getTime();

describe('escapeBibTeX', () => {
  it.each([
    ['plain text', 'plain text'],
    ['50% & more', '50\\% \\& more'],
    ['$x_1$ #1', '\\$x\\_1\\$ \\#1'],
    ['a\\b', 'a\\textbackslash{}b'],
    ['{unbalanced', '\\textbraceleft{}unbalanced'],
    ['close}', 'close\\textbraceright{}'],
    ['~ and ^', '\\textasciitilde{} and \\textasciicircum{}'],
    ['line 1\n\n\nline 2', 'line 1\nline 2'],
    ['  trimmed \r\n', 'trimmed'],
    ['ctrl\u0000\u0007chars\u202e', 'ctrlchars'],
    ['Ünïcödé “quotes” 🙂', 'Ünïcödé “quotes” 🙂'],
    [
      '@misc{evil, title={x}}',
      '@misc\\textbraceleft{}evil, title=\\textbraceleft{}x\\textbraceright{}\\textbraceright{}',
    ],
  ])('%j → %j', (input, expected) => {
    expect(escapeBibTeX(input)).toBe(expected);
  });

  it('always leaves braces balanced, whatever the input', () => {
    for (const input of ['{{{', '}}}', '}{', '\\{', 'a{b}c}', '\\}\\{']) {
      const out = escapeBibTeX(input);
      let depth = 0;
      for (const char of out) {
        depth += char === '{' ? 1 : char === '}' ? -1 : 0;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth).toBe(0);
    }
  });
});

describe('BibTeX entries', () => {
  it('reads the date and primary class from the arXiv id', () => {
    expect(arxivIdDate('2406.12345')).toEqual({ year: 2024, month: 6 });
    expect(arxivIdDate('0704.0001')).toEqual({ year: 2007, month: 4 });
    expect(arxivIdDate('hep-th/9901001')).toEqual({ year: 1999, month: 1 });
    expect(arxivIdDate('math.GT/0309136')).toEqual({ year: 2003, month: 9 });
    expect(primaryClassOf('hep-th/9901001')).toBe('hep-th');
    expect(primaryClassOf('math.GT/0309136')).toBe('math.GT');
    expect(primaryClassOf('2406.12345')).toBeUndefined();
  });

  it('makes ASCII citation keys from author, year and first word', () => {
    expect(
      citationKey(makeRecord(1, { title: 'The Measuring of Bias', authors: ['Ada Lovelace'] })),
    ).toBe('lovelace2024measuring');
    expect(citationKey(makeRecord(1, { title: 'Équité', authors: ['José Núñez'] }))).toBe(
      'nunez2024equite',
    );
    expect(citationKey(makeRecord(1, { title: 'On', authors: ['Lovelace, Ada'] }))).toBe(
      'arxiv240600001',
    );
    expect(citationKey(makeRecord(1, { authors: [] }))).toBe('arxiv240600001');
  });

  it('joins authors with "and" and braces names BibTeX would split', () => {
    expect(bibtexAuthors(['Ada Lovelace', 'Alan Turing'])).toBe('Ada Lovelace and Alan Turing');
    expect(bibtexAuthors(['Smith and Sons Lab', 'A, B, C'])).toBe(
      '{Smith and Sons Lab} and {A, B, C}',
    );
    expect(bibtexAuthors(['Lovelace, Ada'])).toBe('Lovelace, Ada');
  });

  it('writes an arXiv @misc entry with eprint, archivePrefix, url, keywords and the note', () => {
    const record: PaperRecord = makeRecord(12345, {
      title: 'Measuring 100% of {Bias}',
      authors: ['Ada Lovelace', 'Alan Turing'],
      abstract: 'We use $x$.',
      note: 'Read §3 first.\n\nCompare with the baseline & the ablation.',
      tags: ['to-read', 'fairness_eval'],
    });
    expect(toBibTeX([record])).toBe(
      [
        '@misc{lovelace2024measuring,',
        '  title = {Measuring 100\\% of \\textbraceleft{}Bias\\textbraceright{}},',
        '  author = {Ada Lovelace and Alan Turing},',
        '  year = {2024},',
        '  month = jun,',
        '  eprint = {2406.12345},',
        '  archivePrefix = {arXiv},',
        '  url = {https://arxiv.org/abs/2406.12345},',
        '  abstract = {We use \\$x\\$.},',
        '  keywords = {to-read, fairness\\_eval},',
        '  note = {Read §3 first.\nCompare with the baseline \\& the ablation.},',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('adds primaryClass for old-style ids and leaves out what is unknown', () => {
    const arxivId = 'hep-th/9901001';
    const bib = toBibTeX([
      {
        ...makeRecord(1),
        id: `arxiv:${arxivId}`,
        arxivId,
        urls: { abs: `https://arxiv.org/abs/${arxivId}`, pdf: '', huggingface: '' },
        authors: [],
      },
    ]);
    expect(bib).toContain('  primaryClass = {hep-th},');
    expect(bib).toContain('  year = {1999},\n  month = jan,');
    expect(bib).not.toContain('author =');
    expect(bib).not.toContain('note =');
    expect(bib).not.toContain('keywords =');
  });

  it('keeps citation keys unique with letter suffixes', () => {
    const same = { title: 'Bias', authors: ['Ada Lovelace'] };
    const bib = toBibTeX([makeRecord(1, same), makeRecord(2, same), makeRecord(3, same)]);
    expect(bib.match(/^@misc\{[^,]+,/gm)).toEqual([
      '@misc{lovelace2024bias,',
      '@misc{lovelace2024biasa,',
      '@misc{lovelace2024biasb,',
    ]);
  });

  it('is empty for no papers', () => {
    expect(toBibTeX([])).toBe('');
  });
});

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1 555', "'+1 555"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tTAB', "'\tTAB"],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['Ünïcödé 🙂', 'Ünïcödé 🙂'],
  ])('csvCell(%j) → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes a BOM, a header, CRLF rows, lists joined by "; " and ISO times', () => {
    const csv = toCSV([
      makeRecord(1, {
        title: 'Bias, "measured"',
        authors: ['Ada Lovelace', 'Alan Turing'],
        topics: ['social', 'evaluation'],
        tags: ['to-read'],
        note: 'line 1\nline 2',
        noteUpdatedAt: Date.UTC(2025, 0, 2),
        savedAt: Date.UTC(2025, 0, 1),
        updatedAt: Date.UTC(2025, 0, 2),
      }),
    ]);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const [header, row, end] = csv.slice(1).split('\r\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(row).toBe(
      [
        'arxiv:2406.00001',
        '2406.00001',
        '"Bias, ""measured"""',
        'Ada Lovelace; Alan Turing',
        '',
        'social; evaluation',
        'to-read',
        '"line 1\nline 2"',
        'arxiv',
        '2025-01-01T00:00:00.000Z',
        '2025-01-02T00:00:00.000Z',
        '2025-01-02T00:00:00.000Z',
        'https://arxiv.org/abs/2406.00001',
        'https://arxiv.org/pdf/2406.00001',
        // doi, acl_id, openreview_id: none for this paper.
        '',
        '',
        '',
      ].join(','),
    );
    expect(end).toBe('');
  });

  it('parses back to the same cells with a standard CSV reading', () => {
    const nasty = 'a,"b"\r\nc\n=d';
    const csv = toCSV([makeRecord(1, { title: nasty, note: nasty })]);
    const cells = parseCsvRow(csv.slice(1).split('\r\n').slice(1).join('\r\n'));
    expect(cells[2]).toBe(nasty);
    expect(cells[7]).toBe(nasty);
  });
});

/** A minimal RFC 4180 reader for the first record of `text`. */
function parseCsvRow(text: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') break;
    else cell += char;
  }
  cells.push(cell);
  return cells;
}

describe('Markdown reading list', () => {
  it('escapes page text so it renders literally', () => {
    expect(escapeMarkdown('*Bias* in [LLMs](x) <img> #1 a_b')).toBe(
      '\\*Bias\\* in \\[LLMs\\]\\(x\\) \\<img\\> \\#1 a\\_b',
    );
  });

  it('lists each paper as a task with link, byline, topics, tags and the note quoted', () => {
    const md = toMarkdown(
      [
        makeRecord(1, {
          title: 'Fair <b>Ranking</b>',
          topics: ['ranking'],
          tags: ['to-read'],
          note: 'Check **section 3**\n<script>x</script>',
          savedAt: new Date(2025, 10, 20).getTime(),
        }),
      ],
      NOW,
      (id) => id.toUpperCase(),
    );
    expect(md).toBe(
      [
        '# BiasLens reading list',
        '',
        'Exported 26 Nov 2025 · 1 paper',
        '',
        '- [ ] [Fair \\<b\\>Ranking\\</b\\>](https://arxiv.org/abs/2406.00001)',
        '  Ada Lovelace, Alan Turing · arXiv:2406.00001 · saved 20 Nov 2025',
        '  Topics: RANKING · Tags: `to-read`',
        '',
        '  > Check **section 3**',
        '  > \\<script\\>x\\</script\\>',
        '',
      ].join('\n'),
    );
  });
});

describe('buildExportFile', () => {
  it.each([
    ['json', 'biaslens-export-2025-11-26.json', 'application/json'],
    ['bibtex', 'biaslens-export-2025-11-26.bib', 'application/x-bibtex'],
    ['csv', 'biaslens-export-2025-11-26.csv', 'text/csv'],
    ['markdown', 'biaslens-reading-list-2025-11-26.md', 'text/markdown'],
  ] as const)('%s files are named %s with type %s, newest saved first', (format, name, type) => {
    const file = buildExportFile(format, [makeRecord(1), makeRecord(2)], NOW);
    expect(file.fileName).toBe(name);
    expect(file.type).toBe(type);
    expect(file.text.indexOf('2406.00002')).toBeLessThan(file.text.indexOf('2406.00001'));
  });
});
