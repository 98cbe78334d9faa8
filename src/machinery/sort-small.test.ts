import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortSmall, sortStrings } from './sort-small.js';

test('sorts as Array.prototype.sort does, short and long arrays alike', () => {
  const alphabet = ['', 'a', 'A', 'b', 'aa', 'ab', 'Z', '0', '-', '.', 'é', '\u00ff', '\u{1F600}', 'f:', 'k:{"name":"x"}', 'v:1'];
  let seed = 7;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 500; round++) {
    const length = Math.floor(random() * 40);
    const keys = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]! + (random() < 0.3 ? alphabet[Math.floor(random() * alphabet.length)]! : ''));
    const expected = [...keys].sort();
    const sorted = sortStrings(keys);
    assert.equal(sorted, keys, 'sorted in place');
    assert.deepEqual(sorted, expected, `round ${round}: ${JSON.stringify(expected)}`);
  }
});

test('sortSmall sorts as Array.prototype.sort does with the same comparator, stably, short and long arrays alike', () => {
  let seed = 11;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const byRank = (a: { rank: number }, b: { rank: number }): number => a.rank - b.rank;
  for (let round = 0; round < 500; round++) {
    const length = Math.floor(random() * 40);
    // Few distinct ranks, so equal elements are common and stability shows in the ids' order.
    const items = Array.from({ length }, (_, id) => ({ rank: Math.floor(random() * 6), id }));
    const expected = [...items].sort(byRank);
    const sorted = sortSmall(items, byRank);
    assert.equal(sorted, items, 'sorted in place');
    assert.deepEqual(sorted, expected, `round ${round}`);
  }
});
