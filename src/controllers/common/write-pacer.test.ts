import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WritePacer } from './write-pacer.js';

test('the first write goes at once, the next waits out the interval, keys are independent', () => {
  const pacer = new WritePacer(500);
  assert.equal(pacer.take('a', 1000), 0);
  assert.equal(pacer.take('a', 1200), 300);
  assert.equal(pacer.take('b', 1200), 0);
  assert.equal(pacer.take('a', 1500), 0);
  pacer.forget('a');
  assert.equal(pacer.take('a', 1600), 0);
});
