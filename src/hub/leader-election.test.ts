import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createInProcessClient } from '../client/inprocess.js';
import { startTestCluster, waitFor, type TestCluster } from '../client/testing.js';
import type { Client } from '../client/types.js';
import type { KubeObject } from '../machinery/object.js';
import { DEFAULT_LEADER_ELECTION_TIMING, LEASES, LeaderElector, resolveLeaderElectionTiming, type LeaderElectionConfig } from './leader-election.js';

const TIMING = { leaseDurationMs: 2000, renewDeadlineMs: 1000, retryPeriodMs: 150 };

/** A client that can be cut off, as a hub whose storage became unreachable. */
function breakable(inner: Client): { client: Client; cut(): void } {
  let broken = false;
  const guard = <T>(call: () => Promise<T>): Promise<T> => (broken ? Promise.reject(new Error('connection refused')) : call());
  const client: Client = {
    get: (...a) => guard(() => inner.get(...a)),
    list: (...a) => guard(() => inner.list(...a)),
    create: (...a) => guard(() => inner.create(...a)),
    update: (...a) => guard(() => inner.update(...a)),
    patch: (...a) => guard(() => inner.patch(...a)),
    delete: (...a) => guard(() => inner.delete(...a)),
    watch: (...a) => inner.watch(...a),
  };
  return { client, cut: () => (broken = true) };
}

interface Candidate {
  elector: LeaderElector;
  cut(): void;
  startedAt: number[];
  stoppedAt: number[];
}

describe('leader election over a Lease', () => {
  let env: TestCluster;
  const electors: LeaderElector[] = [];

  before(async () => {
    env = await startTestCluster();
  });
  after(async () => {
    await Promise.all(electors.map((e) => e.stop()));
    await env.stop();
  });

  function candidate(identity: string, name: string, config: Partial<LeaderElectionConfig> = {}): Candidate {
    const { client, cut } = breakable(createInProcessClient(env.cluster, { fieldManager: identity }));
    const c: Candidate = { cut, startedAt: [], stoppedAt: [], elector: undefined as unknown as LeaderElector };
    c.elector = new LeaderElector(client, { identity, name, ...TIMING, ...config }, { onStartedLeading: () => c.startedAt.push(Date.now()), onStoppedLeading: () => c.stoppedAt.push(Date.now()) });
    electors.push(c.elector);
    c.elector.start();
    return c;
  }

  async function lease(name: string): Promise<{ spec: { holderIdentity: string; leaseDurationSeconds: number; acquireTime: string; renewTime: string; leaseTransitions: number } } & KubeObject> {
    const object = await createInProcessClient(env.cluster).get(LEASES, 'kube-system', name);
    assert.ok(object, `lease ${name} exists`);
    return object as never;
  }

  test('one candidate acquires and renews; the other waits while the Lease is renewed', async () => {
    const a = candidate('hub-a', 'renewing');
    await waitFor(() => a.elector.isLeader, 'a leads');
    const b = candidate('hub-b', 'renewing');
    const first = await lease('renewing');
    assert.equal(first.spec.holderIdentity, 'hub-a');
    assert.equal(first.spec.leaseDurationSeconds, 2);
    assert.equal(first.spec.leaseTransitions, 0);
    assert.match(first.spec.acquireTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    await waitFor(() => b.elector.leader === 'hub-a', 'b observes a as leader');
    // Longer than the lease duration: a keeps renewing, so b never takes over.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const later = await lease('renewing');
    assert.equal(later.spec.holderIdentity, 'hub-a');
    assert.equal(later.spec.acquireTime, first.spec.acquireTime);
    assert.ok(Date.parse(later.spec.renewTime) > Date.parse(first.spec.renewTime), 'renewTime advances');
    assert.equal(b.elector.isLeader, false);
    assert.deepEqual(b.startedAt, []);
  });

  test('a leader that cannot renew stops leading before another takes over once the Lease expires', async () => {
    const a = candidate('hub-a', 'failover');
    await waitFor(() => a.elector.isLeader, 'a leads');
    const b = candidate('hub-b', 'failover');
    await waitFor(() => b.elector.leader === 'hub-a', 'b observes a');
    const lastByA = await lease('failover');
    a.cut();
    await waitFor(() => a.stoppedAt.length === 1, 'a gives up leading', 5000);
    await waitFor(() => b.elector.isLeader, 'b takes over', 10_000);
    const taken = await lease('failover');
    assert.equal(taken.spec.holderIdentity, 'hub-b');
    assert.equal(taken.spec.leaseTransitions, 1);
    // b waited a whole lease duration after a's last renewal it could have seen.
    const renewedByA = Date.parse(lastByA.spec.renewTime);
    assert.ok(Date.parse(taken.spec.acquireTime) - renewedByA >= 2000, `acquired ${Date.parse(taken.spec.acquireTime) - renewedByA} ms after a's last renewal`);
    assert.ok(a.stoppedAt[0]! <= b.startedAt[0]!, 'the old leader stopped before the new one started');
  });

  test('stopping a leader releases the Lease and another candidate acquires it without waiting it out', async () => {
    const a = candidate('hub-a', 'release', { leaseDurationMs: 60_000, renewDeadlineMs: 1000 });
    await waitFor(() => a.elector.isLeader, 'a leads');
    const b = candidate('hub-b', 'release', { leaseDurationMs: 60_000, renewDeadlineMs: 1000 });
    await waitFor(() => b.elector.leader === 'hub-a', 'b observes a');
    await a.elector.stop();
    assert.deepEqual(a.stoppedAt.length, 1);
    assert.equal((await lease('release')).spec.holderIdentity, '');
    await waitFor(() => b.elector.isLeader, 'b acquires the released Lease', 5000);
    assert.equal((await lease('release')).spec.leaseTransitions, 1);
  });

  test('timing: given values over the defaults, checked as client-go checks it', () => {
    assert.throws(() => resolveLeaderElectionTiming({ leaseDurationMs: 10_000 }), /lease duration .* greater than the renew deadline/);
    assert.throws(() => resolveLeaderElectionTiming({ renewDeadlineMs: 2000 }), /renew deadline .* greater than 1.2/);
    assert.deepEqual(resolveLeaderElectionTiming({}), DEFAULT_LEADER_ELECTION_TIMING);
    assert.deepEqual(resolveLeaderElectionTiming({ leaseDurationMs: 30_000, retryPeriodMs: 1000 }), { leaseDurationMs: 30_000, renewDeadlineMs: 10_000, retryPeriodMs: 1000 });
  });
});
