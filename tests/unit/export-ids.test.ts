/** BibTeX, CSV and Markdown for papers of every id scheme (lib/notebook/). */
import { describe, expect, it } from 'vitest';
import type { PaperRecord } from '../../lib/db/types';
import { bibtexEntry, citationKey } from '../../lib/notebook/bibtex';
import { CSV_COLUMNS, csvRow } from '../../lib/notebook/csv';
import { markdownItem } from '../../lib/notebook/markdown';
import { makeRecord } from './notebook-helpers';

const DOI = '10.1145/3442188.3445922';

/** A paper saved from dblp: keyed by its DOI, no arXiv id. */
const doiOnly: PaperRecord = (() => {
  const { arxivId: _, ...rest } = makeRecord(1, { title: 'On the Dangers of Stochastic Parrots' });
  return {
    ...rest,
    id: `doi:${DOI}`,
    doi: DOI,
    aliases: [`doi:${DOI}`],
    urls: { abs: `https://doi.org/${DOI}` },
    source: 'dblp',
  };
})();
/** An arXiv paper whose DOI a page showed too. */
const linked = makeRecord(2, { doi: DOI, aliases: ['arxiv:2406.00002', `doi:${DOI}`] });

describe('BibTeX', () => {
  it('a DOI-only paper: doi and the doi.org url, no eprint, no arXiv date', () => {
    const entry = bibtexEntry(doiOnly, 'k');
    expect(entry).toContain(`  doi = {${DOI}},`);
    expect(entry).toContain(`  url = {https://doi.org/${DOI}},`);
    expect(entry).not.toMatch(/eprint|archivePrefix|primaryClass|year|month/);
  });

  it('an arXiv paper with a DOI: both, the url from its id', () => {
    const entry = bibtexEntry(linked, 'k');
    expect(entry).toContain(`  doi = {${DOI}},`);
    expect(entry).toContain('  eprint = {2406.00002},');
    expect(entry).toContain('  archivePrefix = {arXiv},');
    expect(entry).toContain('  url = {https://arxiv.org/abs/2406.00002},');
  });

  it('citation keys fall back to the id of any scheme', () => {
    expect(citationKey({ ...doiOnly, authors: [] })).toBe('doi10114534421883445922');
    expect(citationKey({ ...doiOnly, authors: ['Emily M. Bender'] })).toBe('benderdangers');
  });
});

describe('CSV', () => {
  it('has doi, acl_id and openreview_id columns at the end', () => {
    expect(CSV_COLUMNS.slice(-3)).toEqual(['doi', 'acl_id', 'openreview_id']);
    const row = csvRow(doiOnly);
    expect(row[CSV_COLUMNS.indexOf('arxiv_id')]).toBe('');
    expect(row[CSV_COLUMNS.indexOf('doi')]).toBe(DOI);
    expect(row[CSV_COLUMNS.indexOf('url')]).toBe(`https://doi.org/${DOI}`);
    expect(row[CSV_COLUMNS.indexOf('pdf_url')]).toBe('');
    expect(csvRow(linked)[CSV_COLUMNS.indexOf('doi')]).toBe(DOI);
  });
});

describe('Markdown', () => {
  it('links the landing page and names the DOI', () => {
    const item = markdownItem(doiOnly, (id) => id);
    expect(item.split('\n')[0]).toBe(
      `- [ ] [On the Dangers of Stochastic Parrots](https://doi.org/${DOI})`,
    );
    expect(item).toContain('DOI 10.1145/3442188.3445922');
    expect(item).not.toContain('arXiv:');
    expect(markdownItem(linked, (id) => id)).toMatch(
      /arXiv:2406\.00002 · DOI 10\.1145\/3442188\.3445922/,
    );
  });
});
