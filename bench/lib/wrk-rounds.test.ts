import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combineRounds, contender, rotation, runAlternating, WARM_UP } from './wrk-rounds.js';
import type { WrkResult } from './wrk.js';

function run(ok: number, seconds: number, p99: number, extra: Partial<WrkResult> = {}): WrkResult {
  return {
    requests: ok,
    ok,
    seconds,
    okPerSecond: ok / seconds,
    latencyMs: { mean: p99 / 4, max: p99 * 2, p50: p99 / 4, p90: p99 / 2, p99, p999: p99 * 1.5 },
    errors: { connect: 0, read: 0, write: 0, timeout: 0, byStatus: {} },
    cpuSeconds: seconds / 10,
    cpuShareOfCore: 0.1,
    ...extra,
  };
}

test("rounds read as one run: the rate is all answers over all the time, not a mean of the rounds' rates", () => {
  // 1000 in 1 s and 1000 in 3 s: 2000 in 4 s is 500/s (the mean of 1000/s and 333/s would say 667).
  const combined = combineRounds([run(1000, 1, 10), run(1000, 3, 30)]);
  assert.equal(combined.ok, 2000);
  assert.equal(combined.seconds, 4);
  assert.equal(combined.okPerSecond, 500);
  assert.equal(combined.cpuSeconds, 0.4);
  assert.equal(combined.cpuShareOfCore, 0.1);
});

test("each latency figure is the worst round's, and the mean is weighted by requests", () => {
  const combined = combineRounds([run(3000, 1, 8), run(1000, 1, 40)]);
  assert.equal(combined.latencyMs.p99, 40);
  assert.equal(combined.latencyMs.p50, 10);
  assert.equal(combined.latencyMs.max, 80);
  assert.equal(combined.latencyMs.mean, (3000 * 2 + 1000 * 10) / 4000);
});

test('errors of every round add up, by kind and by status', () => {
  const a = run(10, 1, 1, { errors: { connect: 1, read: 0, write: 0, timeout: 2, byStatus: { '409': 3 } } });
  const b = run(10, 1, 1, { errors: { connect: 0, read: 4, write: 0, timeout: 0, byStatus: { '409': 1, '500': 2 } } });
  assert.deepEqual(combineRounds([a, b]).errors, { connect: 1, read: 4, write: 0, timeout: 2, byStatus: { '409': 4, '500': 2 } });
});

test('no rounds is an error, not a rate of NaN', () => {
  assert.throws(() => combineRounds([]), /no rounds/);
});

test('rotation: each server goes first in turn', () => {
  const servers = ['hub', 'ceiling', 'etcd'];
  assert.deepEqual(rotation(servers, 0), ['hub', 'ceiling', 'etcd']);
  assert.deepEqual(rotation(servers, 1), ['ceiling', 'etcd', 'hub']);
  assert.deepEqual(rotation(servers, 2), ['etcd', 'hub', 'ceiling']);
  assert.deepEqual(rotation(servers, 3), ['hub', 'ceiling', 'etcd']);
});

test('alternating rounds: every contender once per round, in rotated order, each charged only the CPU of its own rounds', async () => {
  const order: string[] = [];
  // One CPU clock per process: 1 s for each round it takes, 0.25 s idling through each round of another.
  const clocks = new Map<string, number>();
  const contenders = ['hub', 'ceiling', 'etcd'].map((label) => {
    clocks.set(label, 100);
    const process = { cpuSeconds: () => clocks.get(label)!, mainThreadCpuSeconds: () => clocks.get(label)! / 2 };
    return contender(label, process, async (round) => {
      order.push(`${label}${round}`);
      for (const [other, seconds] of clocks) clocks.set(other, seconds + (other === label ? 1 : 0.25));
      return run(10, 1, 1);
    });
  });
  await runAlternating(contenders, 3);
  assert.deepEqual(order, ['hub0', 'ceiling0', 'etcd0', 'ceiling1', 'etcd1', 'hub1', 'etcd2', 'hub2', 'ceiling2']);
  for (const c of contenders) {
    assert.equal(c.rounds.length, 3);
    assert.equal(c.cpuSeconds, 3);
    assert.equal(c.mainThreadSeconds, 1.5);
  }
});

test('a warm-up round: every contender once before the first round, kept out of its rounds and its CPU', async () => {
  const order: string[] = [];
  let clock = 0;
  const contenders = ['hub', 'ceiling'].map((label) =>
    contender(label, { cpuSeconds: () => clock, mainThreadCpuSeconds: () => clock }, async (round) => {
      order.push(`${label}${round}`);
      clock += round === WARM_UP ? 100 : 1;
      return run(round === WARM_UP ? 5 : 10, 1, 1);
    }),
  );
  await runAlternating(contenders, 2, { warmUp: true });
  assert.deepEqual(order, [`hub${WARM_UP}`, `ceiling${WARM_UP}`, 'hub0', 'ceiling0', 'ceiling1', 'hub1']);
  for (const c of contenders) {
    assert.equal(c.warmUp?.ok, 5);
    assert.deepEqual(c.rounds.map((r) => r.ok), [10, 10]);
    assert.equal(c.cpuSeconds, 2);
  }
});
