import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HistoryRing } from './history-ring.js';
import type { StoreEvent } from './store.js';

function event(revision: number): StoreEvent {
  const entry = { key: `/k/${revision}`, value: '{}', object: { metadata: {} }, revision, createRevision: revision };
  return { type: 'ADDED', key: entry.key, revision, entry };
}

const revisions = (events: StoreEvent[]): number[] => events.map((e) => e.revision);

test('HistoryRing keeps the newest events in order and reports what it evicts', () => {
  const ring = new HistoryRing(4);
  const evicted: number[] = [];
  for (let r = 1; r <= 10; r++) {
    const out = ring.push(event(r));
    if (out) evicted.push(out.revision);
  }
  assert.deepEqual(evicted, [1, 2, 3, 4, 5, 6]);
  assert.equal(ring.size, 4);
  assert.deepEqual(revisions(ring.since(0)), [7, 8, 9, 10]);
  assert.deepEqual(revisions(ring.since(8)), [9, 10]);
  assert.deepEqual(revisions(ring.since(10)), []);
  assert.equal(ring.indexAfter(6), 0);
  assert.equal(ring.indexAfter(9), 3);
});

test('HistoryRing.dropThrough forgets the oldest events and keeps wrapping correctly', () => {
  const ring = new HistoryRing(5);
  for (let r = 1; r <= 7; r++) ring.push(event(r * 10)); // holds 30..70, wrapped
  ring.dropThrough(45);
  assert.deepEqual(revisions(ring.since(0)), [50, 60, 70]);
  for (let r = 8; r <= 11; r++) ring.push(event(r * 10));
  assert.deepEqual(revisions(ring.since(0)), [70, 80, 90, 100, 110]);
  ring.dropThrough(1000);
  assert.equal(ring.size, 0);
  ring.push(event(120));
  assert.deepEqual(revisions(ring.since(0)), [120]);
});

test('HistoryRing with capacity 0 keeps nothing', () => {
  const ring = new HistoryRing(0);
  assert.equal(ring.push(event(1))?.revision, 1);
  assert.equal(ring.size, 0);
  assert.throws(() => new HistoryRing(-1), RangeError);
});
