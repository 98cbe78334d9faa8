import { test } from 'node:test';
import assert from 'node:assert/strict';
import { remembered } from './remembered.js';

test('a remembered function computes each key once until it holds its limit, then starts over', () => {
  const calls: string[] = [];
  const upper = remembered(2, (key) => {
    calls.push(key);
    return { value: key.toUpperCase() };
  });
  const a = upper('a');
  assert.equal(upper('a'), a, 'the same result, not computed again');
  assert.equal(upper('b').value, 'B');
  upper('c'); // a third key: what was held is forgotten
  assert.notEqual(upper('a'), a, 'computed afresh after the reset');
  assert.deepEqual(calls, ['a', 'b', 'c', 'a']);
});
