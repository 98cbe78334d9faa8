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

test('a write can ask for a longer quiet period after it; the next write then waits that long', () => {
  const pacer = new WritePacer(500);
  assert.equal(pacer.take('big', 1000, 2000), 0);
  assert.equal(pacer.wait('big', 2500), 500);
  assert.equal(pacer.take('big', 2500), 500);
  assert.equal(pacer.take('big', 3000), 0);
  assert.equal(pacer.take('big', 3200), 300, 'the default interval again after a write that asked for nothing else');
});

test('a write that cannot wait is recorded all the same: the writes after it are spaced from it', () => {
  const pacer = new WritePacer(500);
  assert.equal(pacer.take('a', 1000), 0);
  pacer.mark('a', 1100, 2000);
  assert.equal(pacer.wait('a', 1600), 1500, 'spaced from the marked write, with the interval it asked for');
  assert.equal(pacer.take('a', 3100), 0);
});
