import { test } from 'node:test';
import assert from 'node:assert/strict';
import { within } from './within.js';

test('within: the work\'s outcome when it comes in time, else the late value; failures pass through', async () => {
  assert.equal(await within(Promise.resolve('done'), 1000, 'late'), 'done');
  assert.equal(await within(new Promise<string>(() => undefined), 10, 'late'), 'late');
  await assert.rejects(within(Promise.reject(new Error('failed')), 1000, 'late'), /failed/);
});
