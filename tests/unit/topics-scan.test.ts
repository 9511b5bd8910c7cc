import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANCHORS } from '../../lib/topics/classify';
import { literalScan } from '../../lib/topics/scan';

/** What the scan replaces: every literal tried at every position, ASCII letters in either case. */
function bruteForce(literals: readonly string[], text: string): Array<[number, string]> {
  const asciiLower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const found: Array<[number, string]> = [];
  for (let end = 1; end <= text.length; end++) {
    for (const literal of literals) {
      const start = end - literal.length;
      if (start >= 0 && asciiLower.startsWith(literal, start)) found.push([start, literal]);
    }
  }
  return found;
}

function scan(literals: readonly string[], text: string): Array<[number, string]> {
  const found: Array<[number, string]> = [];
  literalScan(literals)(text, (literal, start) => found.push([start, literal]));
  return found;
}

const sorted = (hits: Array<[number, string]>) =>
  [...hits].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));

describe('literalScan', () => {
  it("finds exactly what trying every anchor at every position finds, in the classifier's anchors", () => {
    const piece = fc.oneof(
      fc.constantFrom(...ANCHORS),
      fc.constantFrom(...ANCHORS).map((a) => a.toUpperCase()),
      fc.string({ maxLength: 4 }),
      fc.constantFrom(' ', 'İ', 'K', 'é', '\u00ad'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(sorted(scan(ANCHORS, text))).toEqual(sorted(bruteForce(ANCHORS, text)));
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('reports overlapping literals and literals inside others, ignoring ASCII case only', () => {
    const literals = ['bias', 'biased', 'as', 'c++', 'fair'];
    expect(sorted(scan(literals, 'A BIASED, unFAIR c++ biaſ'))).toEqual([
      [2, 'bias'],
      [2, 'biased'],
      [4, 'as'],
      [12, 'fair'],
      [17, 'c++'],
    ]);
  });

  it('refuses literals it could not match as written', () => {
    expect(() => literalScan(['Bias'])).toThrow();
    expect(() => literalScan(['biaś'])).toThrow();
  });
});
