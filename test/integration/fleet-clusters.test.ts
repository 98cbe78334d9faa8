// Clusters and fleets on the hub: join simulated clusters, see their health, version, capacity and
// topology in status, follow outages with taints, and group them into fleets.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { createInProcessClient } from '../../src/client/inprocess.js';
import type { Client } from '../../src/client/types.js';
import { ATTACHED_CLUSTERS } from '../../src/controllers/common/cluster-kinds.js';
import { FLEETS, FLEET_LABEL } from '../../src/controllers/fleet/controller.js';
import { joinCluster, unjoinCluster } from '../../src/local/join.js';
import { Simulator } from '../../src/sim/host.js';
import { defaultProfile } from '../../src/sim/profile.js';
import type { KubeObject } from '../../src/machinery/object.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { kubectlFor, type Kubectl } from '../support/kubectl.js';

const BIN = fileURLToPath(new URL('../../../bin/kurator.js', import.meta.url));

async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)?.slice(0, 800)}`);
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

type ClusterStatus = { ready?: boolean; conditions?: { type: string; status: string; reason: string; message: string }[]; taints?: { key: string }[]; kubernetesVersion?: string; nodeSummary?: { totalNum: number }; resourceSummary?: { available?: Record<string, string> }; region?: string };

describe('clusters and fleets', () => {
  let hub: TestHub;
  let sim: Simulator;
  let client: Client;
  let kubectl: Kubectl;
  let kubeconfigs: Map<string, string>;

  before(async () => {
    hub = await startTestHub({ storage: 'memory', controllerOptions: { clusterProbeMs: 100, clusterFlipThreshold: 2 } });
    sim = await Simulator.start({ profile: defaultProfile(3, 2), log: pino({ level: 'silent' }) });
    await sim.listen(0, '127.0.0.1');
    kubeconfigs = await sim.writeKubeconfigs(hub.dataDir);
    client = createInProcessClient(hub.server.clusters.get('')!);
    kubectl = kubectlFor(hub.kubeconfigPath);
  });
  after(async () => {
    await sim?.stop();
    await hub?.dispose();
  });

  const cluster = async (name: string) => (await client.get(ATTACHED_CLUSTERS, 'default', name)) as KubeObject & { status?: ClusterStatus };

  test('kurator join registers a cluster; its status reports health, version, nodes, capacity and region', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'join', 'member1', '--kubeconfig', kubeconfigs.get('member1')!, '--labels', 'env=prod,team=a', '--fleet', 'edge', '--hub-kubeconfig', hub.kubeconfigPath]);
    assert.match(stdout, /attachedcluster.cluster.kurator.dev\/member1 joined \(fleet edge\)/);
    const ready = await eventually(() => cluster('member1'), (c) => c.status?.ready === true, 'member1 Ready');
    assert.deepEqual(ready.metadata.labels, { env: 'prod', team: 'a', [FLEET_LABEL]: 'edge' });
    assert.equal(ready.status?.kubernetesVersion, 'v1.32.0');
    assert.equal(ready.status?.nodeSummary?.totalNum, 2);
    assert.equal(ready.status?.resourceSummary?.available?.cpu, '16');
    assert.equal(ready.status?.region, sim.clusters.get('member1')!.profile.labels.region);
    assert.deepEqual(ready.status?.taints, []);
    const table = await kubectl.ok(['get', 'attachedclusters']);
    assert.match(table, /^NAME\s+READY\s+VERSION\s+AGE$/m);
    assert.match(table, /^member1\s+true\s+v1\.32\.0\s+\d+s$/m);
  });

  test('a fleet counts its ready clusters and labels its members', async () => {
    for (const name of ['member2', 'member3']) await joinCluster(client, { name, kubeconfig: await readFile(kubeconfigs.get(name)!, 'utf8'), fleet: 'edge' });
    const fleet = await eventually(() => client.get(FLEETS, 'default', 'edge'), (f) => (f?.status as { readyClusters?: number } | undefined)?.readyClusters === 3, 'fleet with 3 ready clusters');
    assert.equal((fleet!.status as { phase: string }).phase, 'Ready');
    const table = await kubectl.ok(['get', 'fleets']);
    assert.match(table, /^edge\s+Ready\s+3\s+\d+s$/m);
    assert.equal((await cluster('member3')).metadata.labels?.[FLEET_LABEL], 'edge');
  });

  test('an API outage turns the cluster NotReady with a taint after consecutive probes, and healing returns it', async () => {
    sim.faults.set('member2', { outage: 'unavailable' });
    const down = await eventually(() => cluster('member2'), (c) => c.status?.ready === false, 'member2 NotReady');
    const condition = down.status?.conditions?.find((c) => c.type === 'Ready');
    assert.equal(condition?.reason, 'ClusterNotReady');
    assert.deepEqual(down.status?.taints?.map((t) => t.key), ['cluster.karmada.io/not-ready']);
    await eventually(() => client.get(FLEETS, 'default', 'edge'), (f) => (f?.status as { unReadyClusters?: number }).unReadyClusters === 1, 'fleet sees one unready cluster');
    sim.faults.set('member2', { outage: 'dropped' });
    const unreachable = await eventually(() => cluster('member2'), (c) => c.status?.conditions?.[0]?.reason === 'ClusterNotReachable', 'member2 unreachable');
    assert.deepEqual(unreachable.status?.taints?.map((t) => t.key), ['cluster.karmada.io/unreachable']);
    sim.faults.heal('member2');
    await eventually(() => cluster('member2'), (c) => c.status?.ready === true && c.status.taints?.length === 0, 'member2 Ready again');
  });

  test('a cluster whose Secret is missing says what to do', async () => {
    await client.create(ATTACHED_CLUSTERS, { apiVersion: 'cluster.kurator.dev/v1alpha1', kind: 'AttachedCluster', metadata: { name: 'orphan', namespace: 'default' }, spec: { kubeconfig: { name: 'nope' } } });
    const orphan = await eventually(() => cluster('orphan'), (c) => c.status?.conditions !== undefined, 'orphan status');
    assert.match(orphan.status!.conditions![0]!.message, /Secret default\/nope does not exist; store the cluster's kubeconfig there/);
  });

  test('unjoin removes a cluster from its fleet; deleting the fleet releases the rest', async () => {
    assert.equal(await unjoinCluster(client, { name: 'member3' }), true);
    await eventually(() => client.get(FLEETS, 'default', 'edge'), (f) => (f?.status as { readyClusters?: number }).readyClusters === 2, 'fleet of 2');
    assert.equal(await cluster('member3'), undefined);
    await client.delete(FLEETS, 'default', 'edge');
    await eventually(() => client.get(FLEETS, 'default', 'edge'), (f) => f === undefined, 'fleet gone');
    await eventually(() => cluster('member1'), (c) => c.metadata.labels?.[FLEET_LABEL] === undefined, 'member1 released');
  });
});
