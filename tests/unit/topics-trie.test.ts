import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANCHORS, trieSource } from '../../lib/topics/classify';

/** What the trie replaces: every word as an alternative, longest first. */
function plainSource(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

function matches(source: string, text: string): Array<[number, string]> {
  const re = new RegExp(source, 'g');
  const found: Array<[number, string]> = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    found.push([m.index, m[0]]);
    re.lastIndex = m.index + 1;
  }
  return found;
}

describe('trieSource', () => {
  it('matches exactly what the plain alternation of the anchors matches', () => {
    const trie = trieSource(ANCHORS);
    const plain = plainSource(ANCHORS);
    const piece = fc.oneof(
      fc.constantFrom(...ANCHORS),
      fc.string({ maxLength: 4 }),
      fc.constant(' '),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('').toLowerCase();
        expect(matches(trie, text)).toEqual(matches(plain, text));
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('prefers the longest word, with words that are prefixes of others and special characters', () => {
    const words = ['bias', 'biased', 'c++', 'fair', 'fairness'];
    const source = trieSource(words);
    expect(matches(source, 'a biased, fairness c++ bias')).toEqual([
      [2, 'biased'],
      [10, 'fairness'],
      [19, 'c++'],
      [23, 'bias'],
    ]);
  });
});
