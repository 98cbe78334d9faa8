// A highly available hub: two `kurator hub` processes on a 3-member etcd cluster.
// - writes through either hub reach watches on both, in resourceVersion order;
// - the leader hub killed with SIGKILL: the other takes the Lease once it expires and its controllers
//   carry out changes made before and after the takeover;
// - with the etcd raft leader killed, both hubs keep serving reads, writes and watches.

import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generatedEncryptionConfigYaml } from '../../src/security/encryption/index.js';
import { startEtcd, type EtcdCluster } from '../support/etcd.js';
import { HubClient } from '../support/http.js';
import { spawnHub as spawnHubProcess } from '../support/hub-process.js';
import { eventually } from '../support/wait.js';
import { openWatch, type OpenWatch } from '../support/watch.js';

const LEASE_MS = 2000;
const RENEW_DEADLINE_MS = 1500;
const RETRY_MS = 200;
const LEASE_PATH = '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kurator-controller-manager';
const CMS = '/api/v1/namespaces/default/configmaps';

interface HubProcess {
  child: ChildProcess;
  url: string;
  kubeconfigPath: string;
  exited: Promise<unknown>;
  client: HubClient;
}

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds: number;
  acquireTime: string;
  renewTime: string;
  leaseTransitions: number;
}

type Obj = { metadata: { name: string; resourceVersion: string; finalizers?: string[] }; status?: { phase?: string; conditions?: { type: string; reason: string }[] } };

async function spawnHub(dataDir: string, etcd: EtcdCluster, encryptionConfig: string): Promise<HubProcess> {
  const args = [
    '--data-dir', dataDir,
    '--etcd-servers', etcd.endpoints.join(','),
    '--encryption-provider-config', encryptionConfig,
    '--leader-elect-lease-duration', `${LEASE_MS}ms`,
    '--leader-elect-renew-deadline', `${RENEW_DEADLINE_MS}ms`,
    '--leader-elect-retry-period', `${RETRY_MS}ms`,
  ];
  const { child, url, exited } = await spawnHubProcess(args);
  const kubeconfigPath = join(dataDir, 'kubeconfig');
  return { child, url, kubeconfigPath, exited, client: new HubClient({ url, kubeconfigPath }) };
}

async function leaseOf(hub: HubProcess): Promise<LeaseSpec | undefined> {
  const res = await hub.client.request('GET', LEASE_PATH);
  return res.status === 200 ? (res.body as { spec: LeaseSpec }).spec : undefined;
}

async function createCm(hub: HubProcess, name: string, data: Record<string, string> = {}): Promise<Obj> {
  const res = await hub.client.request('POST', CMS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
  assert.equal(res.status, 201, res.text);
  return res.body as Obj;
}

describe('two hubs on a 3-member etcd cluster', () => {
  let etcd: EtcdCluster;
  let base: string;
  let a: HubProcess;
  let b: HubProcess;
  let leaderIdentity: string;
  let encryptionConfig: string;
  const hubs: HubProcess[] = [];
  const watches: OpenWatch[] = [];

  before(async () => {
    base = await mkdtemp(join(tmpdir(), 'kurator-ha-'));
    etcd = await startEtcd(3);
    // Every hub on one etcd reads what the others encrypted: they share the encryption config.
    encryptionConfig = join(base, 'encryption.yaml');
    await writeFile(encryptionConfig, generatedEncryptionConfigYaml(), { mode: 0o600 });
    a = await spawnHub(join(base, 'a'), etcd, encryptionConfig);
    hubs.push(a);
    // a is the only candidate, so the first holder is a.
    leaderIdentity = await eventually('a holds the Lease', async () => (await leaseOf(a))?.holderIdentity || undefined, { timeoutMs: 15_000 });
    b = await spawnHub(join(base, 'b'), etcd, encryptionConfig);
    hubs.push(b);
  });

  after(async () => {
    for (const w of watches) w.close();
    for (const hub of hubs) {
      hub.client.close();
      hub.child.kill('SIGKILL');
      await hub.exited;
    }
    await etcd?.stop();
    await rm(base, { recursive: true, force: true });
  });

  test('writes through either hub reach watches on both, in resourceVersion order', async () => {
    const list = async (hub: HubProcess) => ((await hub.client.request('GET', CMS)).body as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const onA = openWatch(a, `${CMS}?watch=true&resourceVersion=${await list(a)}`);
    const onB = openWatch(b, `${CMS}?watch=true&resourceVersion=${await list(b)}`);
    watches.push(onA, onB);
    assert.equal(await onA.status, 200);
    assert.equal(await onB.status, 200);

    const expected: [string, string, string][] = [];
    for (let i = 0; i < 6; i++) {
      const created = await createCm(i % 2 === 0 ? a : b, `w${i}`, { i: String(i) });
      expected.push(['ADDED', `w${i}`, created.metadata.resourceVersion]);
    }
    const updated = (await b.client.request('PUT', `${CMS}/w0`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w0' }, data: { i: 'b' } })).body as Obj;
    expected.push(['MODIFIED', 'w0', updated.metadata.resourceVersion]);
    const deleted = await a.client.request('DELETE', `${CMS}/w1`);
    assert.equal(deleted.status, 200);
    expected.push(['DELETED', 'w1', (deleted.body as Obj).metadata.resourceVersion]);

    const rvs = expected.map((e) => Number(e[2]));
    assert.deepEqual(rvs, [...rvs].sort((x, y) => x - y), 'resourceVersions grow across both hubs');
    for (const watch of [onA, onB]) {
      await watch.waitFor((events) => events.length >= expected.length);
      assert.deepEqual(watch.events.map((e) => [e.type, e.object.metadata?.name, e.object.metadata?.resourceVersion]), expected);
    }
  });

  test('SIGKILL of the leader: the other hub takes the Lease once it expires and runs the controllers', async () => {
    const before = await leaseOf(b);
    assert.equal(before?.holderIdentity, leaderIdentity);
    a.child.kill('SIGKILL');
    const killedAt = Date.now();
    await a.exited;

    // Made while nobody leads: the new leader's controllers start from the stored state and find it.
    const during = await b.client.request('POST', '/apis/fleet.kurator.dev/v1alpha1/namespaces/default/fleets', { apiVersion: 'fleet.kurator.dev/v1alpha1', kind: 'Fleet', metadata: { name: 'during-failover' }, spec: { clusters: [] } });
    assert.equal(during.status, 201, during.text);

    const taken = await eventually('b takes the Lease', async () => {
      const lease = await leaseOf(b);
      return lease && lease.holderIdentity && lease.holderIdentity !== leaderIdentity ? lease : undefined;
    }, { timeoutMs: 15_000, intervalMs: 20 });
    const tookMs = Date.now() - killedAt;
    assert.equal(taken.leaseTransitions, before!.leaseTransitions + 1);
    // client-go semantics: b waits a whole lease duration after the last renewal it observed, and it
    // observes and retries on a jittered retry period (up to 2.2 × retry each); so the takeover comes at
    // most leaseDuration + 2 × 2.2 × retryPeriod after the kill, plus scheduling slack on a busy machine.
    assert.ok(Date.parse(taken.acquireTime) - Date.parse(before!.renewTime) >= LEASE_MS, 'b did not take the Lease before it expired');
    assert.ok(tookMs <= LEASE_MS + 2 * 2.2 * RETRY_MS + 1500, `b took the Lease ${tookMs} ms after the kill`);

    const after = await b.client.request('POST', '/apis/fleet.kurator.dev/v1alpha1/namespaces/default/fleets', { apiVersion: 'fleet.kurator.dev/v1alpha1', kind: 'Fleet', metadata: { name: 'after-failover' }, spec: { clusters: [] } });
    assert.equal(after.status, 201, after.text);
    for (const name of ['during-failover', 'after-failover']) {
      const fleet = await eventually(`the fleet controller on b reconciles ${name}`, async () => {
        const res = await b.client.request('GET', `/apis/fleet.kurator.dev/v1alpha1/namespaces/default/fleets/${name}`);
        const obj = res.body as Obj;
        return obj.status?.phase ? obj : undefined;
      }, { timeoutMs: 15_000 });
      assert.deepEqual(fleet.metadata.finalizers, ['fleet.kurator.dev/release-clusters']);
      assert.equal(fleet.status?.phase, 'Pending');
      assert.equal(fleet.status?.conditions?.find((c) => c.type === 'Ready')?.reason, 'NoClusters');
    }
  });
  test('with the etcd raft leader killed, both hubs keep serving reads, writes and watches', async () => {
    // A second hub again (a is gone), then the hardest member to lose: the raft leader.
    const c = await spawnHub(join(base, 'c'), etcd, encryptionConfig);
    hubs.push(c);
    const onC = openWatch(c, `${CMS}?watch=true&labelSelector=phase%3Dmember-down`);
    watches.push(onC);
    assert.equal(await onC.status, 200);
    const lost = await etcd.leader();
    await lost.kill();
    // Reads never touch etcd: both hubs answer from memory while the members elect a new leader.
    for (const hub of [b, c]) assert.equal((await hub.client.request('GET', `${CMS}/w0`)).status, 200);
    // Writes proposed before the election ends wait out etcd's request timeout; once there is a leader
    // again they go straight through, on whichever member each hub reaches.
    await eventually('the remaining members elect a leader', async () => (await etcd.leader()) !== lost);
    for (let i = 0; i < 4; i++) {
      const hub = i % 2 === 0 ? b : c;
      const res = await hub.client.request('POST', CMS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `down${i}`, labels: { phase: 'member-down' } } });
      assert.equal(res.status, 201, `write ${i} with a member down: ${res.text}`);
    }
    for (const hub of [b, c]) {
      const names = ((await hub.client.request('GET', `${CMS}?labelSelector=phase%3Dmember-down`)).body as { items: Obj[] }).items.map((o) => o.metadata.name);
      assert.deepEqual(names, ['down0', 'down1', 'down2', 'down3']);
    }
    await onC.waitFor((events) => events.filter((e) => e.type === 'ADDED').length === 4);
  });
});
