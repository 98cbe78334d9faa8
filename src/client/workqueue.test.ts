import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from './clock.js';
import { bucketRateLimiter, exponentialRateLimiter, maxOfRateLimiters } from './ratelimit.js';
import { WorkQueue } from './workqueue.js';

/** get() without waiting: the key if one is ready now, else undefined. */
async function tryGet(queue: WorkQueue): Promise<string | undefined> {
  let got: string | undefined;
  let resolved = false;
  void queue.get().then((k) => {
    got = k;
    resolved = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  if (!resolved) assert.fail('tryGet left a get() waiting; only use it when a key is expected');
  return got;
}

describe('rate limiters', () => {
  test('exponential backoff per item: 5 ms doubling to the 1000 s cap, reset by forget', () => {
    const limiter = exponentialRateLimiter();
    const delays = Array.from({ length: 6 }, () => limiter.when('a'));
    assert.deepEqual(delays, [5, 10, 20, 40, 80, 160]);
    assert.equal(limiter.when('b'), 5, 'items back off independently');
    assert.equal(limiter.numRequeues('a'), 6);
    for (let i = 0; i < 40; i++) limiter.when('a');
    assert.equal(limiter.when('a'), 1_000_000);
    limiter.forget('a');
    assert.equal(limiter.numRequeues('a'), 0);
    assert.equal(limiter.when('a'), 5);
  });

  test('token bucket: a burst goes at once, then qps', () => {
    const clock = new FakeClock();
    const bucket = bucketRateLimiter(10, 3, clock);
    assert.deepEqual([bucket.when('x'), bucket.when('y'), bucket.when('z')], [0, 0, 0]);
    assert.equal(bucket.when('w'), 100);
    assert.equal(bucket.when('v'), 200);
    clock.advance(1000);
    assert.equal(bucket.when('u'), 0);
  });

  test('max of limiters takes the longest delay', () => {
    const clock = new FakeClock();
    const limiter = maxOfRateLimiters(exponentialRateLimiter(5, 1000), bucketRateLimiter(1, 1, clock));
    assert.equal(limiter.when('a'), 5);
    assert.equal(limiter.when('a'), 1000);
    assert.equal(limiter.numRequeues('a'), 2);
  });
});

describe('work queue', () => {
  test('duplicate adds are merged and keys come out in order', async () => {
    const queue = new WorkQueue({ clock: new FakeClock() });
    for (const key of ['a', 'b', 'a', 'c', 'b']) queue.add(key);
    assert.equal(queue.length, 3);
    assert.deepEqual([await tryGet(queue), await tryGet(queue), await tryGet(queue)], ['a', 'b', 'c']);
  });

  test('a key is never handed out twice at once; re-added while processing it comes back after done', async () => {
    const queue = new WorkQueue({ clock: new FakeClock() });
    queue.add('a');
    assert.equal(await tryGet(queue), 'a');
    queue.add('a');
    queue.add('a');
    assert.equal(queue.length, 0, 'held back while a worker has it');
    let second: string | undefined;
    void queue.get().then((k) => (second = k));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(second, undefined);
    queue.done('a');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(second, 'a', 'handed out once more after done');
    queue.done('a');
    assert.equal(queue.length + queue.processingCount, 0);
  });

  test('addAfter waits on the clock; the earliest of several delays wins', async () => {
    const clock = new FakeClock();
    const queue = new WorkQueue({ clock });
    queue.addAfter('a', 100);
    queue.addAfter('a', 50);
    queue.addAfter('a', 300);
    queue.addAfter('b', 200);
    assert.equal(queue.waitingCount, 2);
    assert.equal(clock.pendingTimers, 1, 'one timer for the whole queue');
    clock.advance(49);
    assert.equal(queue.length, 0);
    clock.advance(1);
    assert.equal(queue.length, 1);
    assert.equal(await tryGet(queue), 'a');
    clock.advance(150);
    assert.equal(await tryGet(queue), 'b');
    clock.advance(1000);
    assert.equal(queue.length, 0, 'the later duplicate delay of a was dropped');
    assert.equal(clock.pendingTimers, 0, 'no timer while nothing waits');
    queue.addAfter('now', 0);
    assert.equal(queue.length, 1, 'no delay adds at once');
  });

  test('addRateLimited backs off per key until forget', async () => {
    const clock = new FakeClock();
    const queue = new WorkQueue({ clock });
    const failOnce = async (): Promise<void> => {
      const key = await tryGet(queue);
      assert.equal(key, 'k');
      queue.addRateLimited('k');
      queue.done('k');
    };
    queue.add('k');
    await failOnce();
    clock.advance(4);
    assert.equal(queue.length, 0);
    clock.advance(1);
    await failOnce();
    clock.advance(9);
    assert.equal(queue.length, 0, 'second failure waits 10 ms');
    clock.advance(1);
    assert.equal(queue.numRequeues('k'), 2);
    assert.equal(await tryGet(queue), 'k');
    queue.forget('k');
    queue.done('k');
    assert.equal(queue.numRequeues('k'), 0);
  });

  test('shutDown releases waiting workers, drops delayed keys and ignores adds', async () => {
    const clock = new FakeClock();
    const queue = new WorkQueue({ clock });
    const waiting = queue.get();
    queue.addAfter('later', 100);
    queue.shutDown();
    assert.equal(await waiting, undefined);
    queue.add('x');
    assert.equal(await queue.get(), undefined);
    assert.equal(clock.pendingTimers, 0);
  });

  test('idle resolves once nothing is ready or processing', async () => {
    const queue = new WorkQueue({ clock: new FakeClock() });
    await queue.idle();
    queue.add('a');
    let idle = false;
    void queue.idle().then(() => (idle = true));
    const key = await queue.get();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(idle, false);
    queue.addAfter('delayed', 1000);
    queue.done(key!);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(idle, true, 'delayed keys do not count');
  });
});
