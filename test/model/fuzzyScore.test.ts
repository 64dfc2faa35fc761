import { Fzf } from 'fzf';
import { describe, expect, test } from 'vitest';
import { isLowerAscii, lowerAsciiV1Score } from '../../src/model/fuzzyScore.js';
import { NameIndex } from '../../src/model/nameMatch.js';

/** A deterministic pseudo-random sequence. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

const OPTIONS = { casing: 'case-insensitive', normalize: false, sort: false, fuzzy: 'v1' } as const;

/** fzf's own answer: the score of `term` in `name`, undefined when it does not match. */
function fzfScore(name: string, term: string): number | undefined {
  return new Fzf([name], OPTIONS).find(term)[0]?.score;
}

function word(next: () => number, alphabet: string, min: number, max: number): string {
  const length = min + Math.floor(next() * (max - min + 1));
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

describe('fzf v1 scores without the package', () => {
  test('give the package\'s score, or no match, for pod-like names and typed terms', () => {
    const next = random(11);
    const names = Array.from({ length: 3000 }, () => `${word(next, 'abcdefg-', 1, 8)}-${word(next, 'a0b1c2-.z', 3, 12)}${next() < 0.3 ? `.${word(next, 'xyz9', 1, 4)}` : ''}`);
    names.push('a', 'ab', '-', '--a', 'a-b-c', 'web-7d9f8b6c5-x2k4q', '0', '9a9', 'a.b.c', 'aaaaaaaaaa');
    let matched = 0;
    for (const name of names) {
      for (let t = 0; t < 8; t++) {
        const term = t === 0 ? name.slice(0, 1 + Math.floor(next() * name.length)) : word(next, 'abc0-.z', 1, 5);
        const ours = lowerAsciiV1Score(name, term);
        expect(ours, `${JSON.stringify(term)} in ${JSON.stringify(name)}`).toBe(fzfScore(name, term));
        if (ours !== undefined) matched += 1;
      }
    }
    // Both outcomes were compared many times.
    expect(matched).toBeGreaterThan(3000);
    expect(matched).toBeLessThan(names.length * 8 - 3000);
  });

  test('only lower-case ASCII takes the short way', () => {
    expect(isLowerAscii('web-7d9f8b6c5-x2k4q.a')).toBe(true);
    expect(isLowerAscii('Web')).toBe(false);
    expect(isLowerAscii('wéb')).toBe(false);
  });

  test('an index of mixed names matches as the package matches every name', () => {
    const names = ['web-1', 'wéb-2', 'ΣIGMA-web', 'caché', 'db-0', 'web', 'W-E-B', 'Ünïcode-db', 'w\u0301eb'];
    const index = new NameIndex(names);
    const lower = names.map((n) => n.toLowerCase());
    for (const terms of [['web'], ['w'], ['é'], ['db'], ['w', 'b'], ['web', 'z'], ['ΣI'], ['c', 'é']]) {
      const expected = new Map<string, number>();
      let alive = new Set(lower);
      for (const term of terms) {
        const scores = new Map<string, number>();
        for (const entry of new Fzf(lower, OPTIONS).find(term.toLowerCase())) scores.set(entry.item, entry.score);
        alive = new Set([...alive].filter((n) => scores.has(n)));
        for (const name of [...expected.keys()]) if (!alive.has(name)) expected.delete(name);
        for (const name of alive) expected.set(name, (expected.get(name) ?? 0) + scores.get(name)!);
      }
      const found = index.find(terms);
      expect(new Map([...found].map(([n, m]) => [n, m.score])), terms.join(' ')).toEqual(expected);
    }
  });
});
