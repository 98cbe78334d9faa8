import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusWrites } from './status-writes.js';

/** A write that finishes when told to, recording that it ran. */
function gate(log: string[], name: string): { write: () => Promise<void>; finish: (error?: Error) => void } {
  let finish!: (error?: Error) => void;
  const done = new Promise<void>((resolve, reject) => (finish = (error?: Error) => (error ? reject(error) : resolve())));
  return {
    write: () => {
      log.push(`start ${name}`);
      return done;
    },
    finish,
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('at most `concurrency` writes run at once; the rest start as earlier ones finish, in order', async () => {
  const log: string[] = [];
  const writes = new StatusWrites(() => 2, () => assert.fail('no write fails here'));
  const [a, b, c] = [gate(log, 'a'), gate(log, 'b'), gate(log, 'c')];
  writes.set('a', a.write);
  writes.set('b', b.write);
  writes.set('c', c.write);
  assert.deepEqual(log, ['start a', 'start b']);
  a.finish();
  await settle();
  assert.deepEqual(log, ['start a', 'start b', 'start c']);
  b.finish();
  c.finish();
});

test('a newer write for a Work replaces one not started; one in flight is followed, never overlapped', async () => {
  const log: string[] = [];
  const writes = new StatusWrites(() => 2, () => assert.fail('no write fails here'));
  const first = gate(log, 'w1 v1');
  writes.set('w1', first.write);
  const again = gate(log, 'w1 v2');
  writes.set('w1', again.write);
  assert.deepEqual(log, ['start w1 v1'], 'w1 v2 waits while w1 v1 is in flight, though a slot is free');
  const stale = gate(log, 'w2 v1');
  const fresh = gate(log, 'w2 v2');
  writes.set('w2', stale.write);
  assert.deepEqual(log, ['start w1 v1', 'start w2 v1']);
  writes.set('w2', fresh.write);
  const third = gate(log, 'w2 v3');
  writes.set('w2', third.write);
  first.finish();
  stale.finish();
  await settle();
  assert.deepEqual(log, ['start w1 v1', 'start w2 v1', 'start w1 v2', 'start w2 v3'], 'w2 v2 never ran: v3 replaced it before it started');
  again.finish();
  third.finish();
  fresh.finish();
});

test('a failed write is reported with its key, and the next one still runs', async () => {
  const log: string[] = [];
  const failures: [string, string][] = [];
  const writes = new StatusWrites(() => 1, (key, error) => failures.push([key, (error as Error).message]));
  const broken = gate(log, 'x');
  writes.set('x', broken.write);
  const next = gate(log, 'y');
  writes.set('y', next.write);
  broken.finish(new Error('conflict'));
  await settle();
  assert.deepEqual(failures, [['x', 'conflict']]);
  assert.deepEqual(log, ['start x', 'start y']);
  next.finish();
});

test('once stopped, waiting writes are dropped, later ones refused, and a write failing as the store closes is not reported', async () => {
  const log: string[] = [];
  const failures: string[] = [];
  const writes = new StatusWrites(() => 1, (key) => failures.push(key));
  const running = gate(log, 'a');
  writes.set('a', running.write);
  writes.set('b', gate(log, 'b').write);
  writes.stop();
  writes.set('c', gate(log, 'c').write);
  running.finish(new Error('Closed'));
  await settle();
  assert.deepEqual(log, ['start a'], 'b was waiting when the writes stopped, c came after');
  assert.deepEqual(failures, []);
  await writes.idle();
});

test('idle() resolves once nothing waits or runs', async () => {
  const log: string[] = [];
  const writes = new StatusWrites(() => 1, () => assert.fail('no write fails here'));
  await writes.idle();
  const a = gate(log, 'a');
  const b = gate(log, 'b');
  writes.set('a', a.write);
  writes.set('b', b.write);
  let idle = false;
  void writes.idle().then(() => (idle = true));
  a.finish();
  await settle();
  assert.equal(idle, false, 'b still runs');
  b.finish();
  await settle();
  assert.equal(idle, true);
});

test('the limit is asked again each time writes may start: raised, waiting writes start with the next one; lowered, none starts until enough finished', async () => {
  const log: string[] = [];
  let limit = 1;
  const writes = new StatusWrites(() => limit, () => assert.fail('no write fails here'));
  const [a, b, c, d] = [gate(log, 'a'), gate(log, 'b'), gate(log, 'c'), gate(log, 'd')];
  writes.set('a', a.write);
  writes.set('b', b.write);
  assert.deepEqual(log, ['start a']);
  limit = 3;
  writes.set('c', c.write);
  assert.deepEqual(log, ['start a', 'start b', 'start c']);
  limit = 2;
  writes.set('d', d.write);
  a.finish();
  await settle();
  assert.deepEqual(log, ['start a', 'start b', 'start c'], 'b and c still take the two places');
  b.finish();
  await settle();
  assert.deepEqual(log, ['start a', 'start b', 'start c', 'start d']);
  c.finish();
  d.finish();
});
