/**
 * Page text made safe (lib/sites/text.ts, docs/SECURITY.md "Page text"): markup stays text,
 * bidi controls and invisible characters go, joiners stay only where they shape text, lone
 * surrogates become U+FFFD, and no field grows past MAX_FIELD_CHARS.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, collapseWhitespace, MAX_FIELD_CHARS, readableText } from '../../lib/sites/text';
import { PAYLOADS } from '../fixtures/hostile/payloads';

/** Characters cleanText must never return. */
const FORBIDDEN =
  /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD\uFFF9-\uFFFB]|(?![\t\n\v\f\r])\p{Cc}/u;

describe('cleanText', () => {
  it.each(PAYLOADS.map((payload) => [payload.name, payload] as const))(
    'payload %s reads as its literal text',
    (_name, payload) => {
      expect(cleanText(payload.text)).toBe(payload.expected);
    },
  );

  it.each([
    ['collapses whitespace and trims', '  a \n\t b  ', 'a b'],
    ['removes an override that reverses a word', 'abc\u202Edef\u202C', 'abcdef'],
    ['drops a joiner at the start or end', '\u200Dword\u200C', 'word'],
    ['drops a joiner next to a space', 'a \u200D b', 'a b'],
    [
      'keeps a ZWJ inside an emoji sequence',
      '\u{1F3F3}\uFE0F\u200D\u{1F308}',
      '\u{1F3F3}\uFE0F\u200D\u{1F308}',
    ],
    [
      'keeps a skin-tone emoji sequence',
      '\u{1F469}\u{1F3FD}\u200D\u{1F52C}',
      '\u{1F469}\u{1F3FD}\u200D\u{1F52C}',
    ],
    ['keeps a ZWJ in Devanagari', '\u0915\u094D\u200D\u0937', '\u0915\u094D\u200D\u0937'],
    [
      'collapses a run of joiners to one',
      '\u0645\u06CC\u200C\u200C\u200C\u062E',
      '\u0645\u06CC\u200C\u062E',
    ],
    ['drops a ZWNJ between Latin letters', 'Auf\u200Clage', 'Auflage'],
    ['replaces a lone high surrogate', 'a\uD83Db', 'a\uFFFDb'],
    ['replaces a lone low surrogate', 'a\uDE00b', 'a\uFFFDb'],
    ['keeps a surrogate pair', 'a\u{1F600}b', 'a\u{1F600}b'],
    ['replaces reversed surrogates', '\uDE00\uD83D', '\uFFFD\uFFFD'],
    ['removes NUL and escape characters', 'a\u0000b\u001Bc', 'abc'],
    ['keeps markup as text', '<b onclick="x()">bold</b> &amp;', '<b onclick="x()">bold</b> &amp;'],
    ['keeps accents and CJK', 'Éva Łukasz 李明', 'Éva Łukasz 李明'],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('cuts a 100 KB field to MAX_FIELD_CHARS without splitting a surrogate pair', () => {
    const emoji = '\u{1F600}'.repeat(60_000); // 120,000 code units
    const cut = cleanText(emoji);
    expect(cut.length).toBeLessThanOrEqual(MAX_FIELD_CHARS);
    expect(cut.length).toBeGreaterThanOrEqual(MAX_FIELD_CHARS - 1);
    expect(cut.isWellFormed()).toBe(true);
    expect(cleanText('x'.repeat(100_000))).toHaveLength(MAX_FIELD_CHARS);
  });

  it('cleans a 1 MB string quickly', () => {
    const huge = `${'w\u200Bo\u202Er d '.repeat(150_000)}`;
    const start = performance.now();
    const out = cleanText(huge);
    expect(performance.now() - start).toBeLessThan(500);
    expect(out.length).toBeLessThanOrEqual(MAX_FIELD_CHARS);
  });

  it('returns well-formed, single-line text without controls for any input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (input) => {
        const out = cleanText(input);
        expect(out.isWellFormed()).toBe(true);
        expect(out).not.toMatch(FORBIDDEN);
        expect(out).not.toMatch(/^\s|\s$|\s{2}|[\n\r\t]/);
        expect(cleanText(out)).toBe(out); // idempotent
      }),
      { numRuns: 2000, seed: 20261126 },
    );
  });

  it('never drops or changes plain printable ASCII (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 200 }), (input) => {
        expect(cleanText(input)).toBe(input.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});

describe('collapseWhitespace', () => {
  // Every character JavaScript's \s matches, and a few that look like spaces but are not.
  const SPACES = [
    ...' \t\n\v\f\r\u00A0\u1680\u2000\u2005\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF',
  ];
  const NOT_SPACES = ['a', '.', '\u200B', '\u180E', 'é'];

  it('turns every whitespace run into one space, as /\\s+/ does (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...SPACES, ...NOT_SPACES), { maxLength: 60 }),
        (chars) => {
          const text = chars.join('');
          expect(collapseWhitespace(text)).toBe(text.replace(/\s+/g, ' ').trim());
        },
      ),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('leaves single spaces alone and replaces a lone line break or no-break space', () => {
    expect(collapseWhitespace('a b\nc\u00A0d  e')).toBe('a b c d e');
  });
});

describe('readableText', () => {
  it('reads markup-looking text as text and creates no element', () => {
    const div = document.createElement('div');
    div.append('<img src=x onerror="alert(1)"> ', document.createElement('b'), ' tail');
    (div.querySelector('b') as HTMLElement).textContent = '<svg onload=alert(2)>';
    const before = div.getElementsByTagName('*').length;
    expect(readableText(div)).toBe('<img src=x onerror="alert(1)"> <svg onload=alert(2)> tail');
    expect(div.getElementsByTagName('*').length).toBe(before);
  });

  it('survives 30,000 nested elements without overflowing the stack', () => {
    const root = document.createElement('div');
    let leaf: Element = root;
    for (let depth = 0; depth < 30_000; depth++) {
      const child = document.createElement('span');
      leaf.append(child);
      leaf = child;
    }
    leaf.append('deep title');
    expect(readableText(root)).toBe('deep title');
  });

  it('stops collecting after a bounded amount of text', () => {
    const div = document.createElement('div');
    for (let i = 0; i < 50; i++) div.append(`${'y'.repeat(10_000)} `);
    const start = performance.now();
    expect(readableText(div).length).toBeLessThanOrEqual(MAX_FIELD_CHARS);
    expect(performance.now() - start).toBeLessThan(200);
  });
});
