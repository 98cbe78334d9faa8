import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SortedKeys } from './sorted-keys.js';

/** Deterministic PRNG so a failure reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function lowerBound(sorted: readonly string[], key: string, after: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key || (after && sorted[mid] === key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function walk(set: SortedKeys, from: number): string[] {
  const out: string[] = [];
  for (const c = set.cursor(from); c.key !== undefined; c.next()) out.push(c.key);
  return out;
}

test('SortedKeys matches a plain sorted array through random inserts and removes (chunk splits and merges)', () => {
  const random = rng(42);
  const set = new SortedKeys();
  let reference: string[] = [];
  for (let step = 0; step < 30_000; step++) {
    // Grow to ~4,000 keys (several chunk splits), then shrink (merges), then mix.
    const insertBias = step < 12_000 ? 0.8 : step < 22_000 ? 0.2 : 0.5;
    const key = `/k/${Math.floor(random() * 6000).toString(36).padStart(3, '0')}`;
    if (random() < insertBias) {
      assert.equal(set.insert(key), !reference.includes(key));
      const at = lowerBound(reference, key, false);
      if (reference[at] !== key) reference.splice(at, 0, key);
    } else {
      assert.equal(set.remove(key), reference.includes(key));
      reference = reference.filter((k) => k !== key);
    }
    if (step % 997 === 0) {
      assert.equal(set.size, reference.length);
      assert.deepEqual(walk(set, 0), reference);
      for (let i = 0; i < 20; i++) {
        const probe = `/k/${Math.floor(random() * 6000).toString(36).padStart(3, '0')}`;
        assert.equal(set.rank(probe), lowerBound(reference, probe, false), `rank ${probe}`);
        assert.equal(set.rank(probe, true), lowerBound(reference, probe, true), `rank after ${probe}`);
        const pos = Math.floor(random() * (reference.length + 2));
        assert.deepEqual(walk(set, pos).slice(0, 5), reference.slice(pos, pos + 5), `cursor at ${pos}`);
      }
    }
  }
});

test('SortedKeys.fromSorted builds the same set as inserting one by one', () => {
  const keys = Array.from({ length: 5000 }, (_, i) => `/x/${String(i).padStart(5, '0')}`);
  const bulk = SortedKeys.fromSorted(keys);
  assert.equal(bulk.size, 5000);
  assert.deepEqual(walk(bulk, 0), keys);
  assert.equal(bulk.rank('/x/02500'), 2500);
  assert.equal(bulk.rank('/x/02500', true), 2501);
  assert.equal(bulk.rank('/y'), 5000);
  assert.equal(bulk.rank(''), 0);
  assert.ok(bulk.insert('/x/02500a'));
  assert.equal(bulk.rank('/x/02501'), 2502);
  assert.deepEqual(walk(SortedKeys.fromSorted([]), 0), []);
});
