import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FsyncBatcher } from './fsync-batcher.js';

test('callers arriving while an fsync runs share the next one; one running at a time', async () => {
  const started: (() => void)[] = [];
  const batcher = new FsyncBatcher(() => new Promise<void>((resolve) => started.push(resolve)));
  const done: string[] = [];
  const a = batcher.after().then(() => done.push('a'));
  const b = batcher.after().then(() => done.push('b'));
  assert.equal(started.length, 1, 'the first fsync starts at once; b, arriving while it runs, waits for the next');
  const c = batcher.after().then(() => done.push('c'));
  started[0]!();
  await a;
  assert.deepEqual(done, ['a']);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(started.length, 2, 'b and c share the second fsync');
  started[1]!();
  await Promise.all([b, c]);
  assert.deepEqual(done, ['a', 'b', 'c']);
});
