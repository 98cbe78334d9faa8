// Clusters and fleets on the hub: join simulated clusters, see their health, version, capacity and
// topology in status, follow outages with taints, group them into fleets, and show a seed Cluster's
// maintenance mode the Kubernetes way.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { createInProcessClient } from '../../src/client/inprocess.js';
import type { Client } from '../../src/client/types.js';
import { resources } from '../../src/client/resources.js';
import { ATTACHED_CLUSTERS, FLEET_CLUSTERS } from '../../src/controllers/common/cluster-kinds.js';
import { FLEETS, FLEET_LABEL } from '../../src/controllers/fleet/controller.js';
import { joinCluster, unjoinCluster } from '../../src/local/join.js';
import { Simulator } from '../../src/sim/host.js';
import { defaultProfile } from '../../src/sim/profile.js';
import type { KubeObject } from '../../src/machinery/object.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { kubectlFor, type Kubectl } from '../support/kubectl.js';
import { eventually } from '../support/wait.js';

const BIN = fileURLToPath(new URL('../../../bin/kurator.js', import.meta.url));

const WAIT = { timeoutMs: 15_000, intervalMs: 50 };

type FleetStatus = { phase?: string; readyClusters?: number; unReadyClusters?: number };
type ClusterStatus = { ready?: boolean; conditions?: { type: string; status: string; reason: string; message: string; lastTransitionTime: string; observedGeneration?: number }[]; taints?: { key: string }[]; kubernetesVersion?: string; nodeSummary?: { totalNum: number }; resourceSummary?: { available?: Record<string, string> }; region?: string };

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
  const fleet = async () => (await client.get(FLEETS, 'default', 'edge')) as (KubeObject & { status?: FleetStatus }) | undefined;

  test('kurator join registers a cluster; its status reports health, version, nodes, capacity and region', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'join', 'member1', '--kubeconfig', kubeconfigs.get('member1')!, '--labels', 'env=prod,team=a', '--fleet', 'edge', '--hub-kubeconfig', hub.kubeconfigPath]);
    assert.match(stdout, /attachedcluster.cluster.kurator.dev\/member1 joined \(fleet edge\)/);
    const ready = await eventually('member1 Ready', async () => {
      const c = await cluster('member1');
      return c.status?.ready === true && c;
    }, WAIT);
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
    const edge = await eventually('fleet with 3 ready clusters', async () => {
      const f = await fleet();
      return f?.status?.readyClusters === 3 && f;
    }, WAIT);
    assert.equal(edge.status?.phase, 'Ready');
    const table = await kubectl.ok(['get', 'fleets']);
    assert.match(table, /^edge\s+Ready\s+3\s+\d+s$/m);
    assert.equal((await cluster('member3')).metadata.labels?.[FLEET_LABEL], 'edge');
  });

  test('an API outage turns the cluster NotReady with a taint after consecutive probes, and healing returns it', async () => {
    sim.faults.set('member2', { outage: 'unavailable' });
    const down = await eventually('member2 NotReady', async () => {
      const c = await cluster('member2');
      return c.status?.ready === false && c;
    }, WAIT);
    const condition = down.status?.conditions?.find((c) => c.type === 'Ready');
    assert.equal(condition?.reason, 'ClusterNotReady');
    assert.deepEqual(down.status?.taints?.map((t) => t.key), ['cluster.karmada.io/not-ready']);
    await eventually('fleet sees one unready cluster', async () => (await fleet())?.status?.unReadyClusters === 1, WAIT);
    sim.faults.set('member2', { outage: 'dropped' });
    const unreachable = await eventually('member2 unreachable', async () => {
      const c = await cluster('member2');
      return c.status?.conditions?.[0]?.reason === 'ClusterNotReachable' && c;
    }, WAIT);
    assert.deepEqual(unreachable.status?.taints?.map((t) => t.key), ['cluster.karmada.io/unreachable']);
    sim.faults.heal('member2');
    await eventually('member2 Ready again', async () => {
      const c = await cluster('member2');
      return c.status?.ready === true && c.status.taints?.length === 0;
    }, WAIT);
  });

  test('a cluster whose Secret is missing says what to do', async () => {
    await client.create(ATTACHED_CLUSTERS, { apiVersion: 'cluster.kurator.dev/v1alpha1', kind: 'AttachedCluster', metadata: { name: 'orphan', namespace: 'default' }, spec: { kubeconfig: { name: 'nope' } } });
    const orphan = await eventually('orphan status', async () => {
      const c = await cluster('orphan');
      return c.status?.conditions !== undefined && c;
    }, WAIT);
    assert.match(orphan.status!.conditions![0]!.message, /Secret default\/nope does not exist; store the cluster's kubeconfig there/);
  });

  test('unjoin removes a cluster from its fleet; deleting the fleet releases the rest', async () => {
    assert.equal(await unjoinCluster(client, { name: 'member3' }), true);
    await eventually('fleet of 2', async () => (await fleet())?.status?.readyClusters === 2, WAIT);
    assert.equal(await cluster('member3'), undefined);
    await client.delete(FLEETS, 'default', 'edge');
    await eventually('fleet gone', async () => (await fleet()) === undefined, WAIT);
    await eventually('member1 released', async () => (await cluster('member1')).metadata.labels?.[FLEET_LABEL] === undefined, WAIT);
  });

  test('a seed Cluster shows maintenance as a condition and a column, and a scheduled one turns True at its start', async () => {
    // This hub probes once a minute, so only a look at the scheduled start can flip the condition on time.
    const slow = await startTestHub({ storage: 'memory', controllerOptions: { clusterProbeMs: 60_000, clusterFlipThreshold: 2 } });
    try {
      const slowClient = createInProcessClient(slow.server.clusters.get('')!);
      const k = kubectlFor(slow.kubeconfigPath);
      await slowClient.create(resources.secrets, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'edge-kubeconfig', namespace: 'default' }, stringData: { kubeconfig: await readFile(kubeconfigs.get('member3')!, 'utf8') } });
      await slowClient.create(FLEET_CLUSTERS, { apiVersion: 'fleet.kurator.dev/v1alpha1', kind: 'Cluster', metadata: { name: 'edge-01', namespace: 'default' }, spec: { kubeconfigSecretRef: { name: 'edge-kubeconfig' } } });
      const CLUSTER = 'clusters.fleet.kurator.dev/edge-01';
      const maintenance = async () => {
        const object = JSON.parse(await k.ok(['get', CLUSTER, '-o', 'json'])) as KubeObject & { status: ClusterStatus };
        const condition = object.status.conditions?.find((c) => c.type === 'Maintenance');
        assert.ok(condition, `a Maintenance condition in ${JSON.stringify(object.status.conditions)}`);
        assert.equal(condition.observedGeneration, object.metadata.generation, 'the condition is about the current spec');
        return condition;
      };
      const row = async () => (await k.ok(['get', 'clusters.fleet.kurator.dev'])).split('\n');
      const patch = (value: unknown) => k.ok(['patch', CLUSTER, '--type', 'merge', '-p', JSON.stringify({ spec: { maintenance: value } })]);

      await k.ok(['wait', '--for=condition=Ready', CLUSTER, '--timeout=15s']);
      await k.ok(['wait', '--for=condition=Maintenance=False', CLUSTER, '--timeout=15s']);
      assert.equal((await maintenance()).reason, 'NoMaintenance');
      const [header, first] = await row();
      assert.match(header!, /^NAME\s+READY\s+VERSION\s+MODE\s+MAINTENANCE\s+AGE$/);
      assert.match(first!, /^edge-01\s+True\s+v1\.32\.0\s+Push\s+False\s+\d+s$/);

      await patch({ enabled: true, reason: 'Monthly security patching' });
      assert.match(await k.ok(['wait', '--for=condition=Maintenance', CLUSTER, '--timeout=10s']), /^cluster\.fleet\.kurator\.dev\/edge-01 condition met$/m);
      assert.deepEqual(await maintenance().then((c) => [c.status, c.reason, c.message]), ['True', 'MaintenanceActive', 'Monthly security patching']);
      assert.match((await row())[1]!, /^edge-01\s+True\s+v1\.32\.0\s+Push\s+True\s+\d+s$/);

      // A schedule on a whole second a few seconds ahead: Scheduled now, True from then on.
      const startMs = Math.ceil((Date.now() + 3000) / 1000) * 1000;
      const schedule = new Date(startMs).toISOString().replace('.000Z', 'Z');
      await patch({ enabled: true, reason: 'kernel upgrade', schedule });
      await k.ok(['wait', '--for=condition=Maintenance=False', CLUSTER, '--timeout=10s']);
      const scheduled = await maintenance();
      assert.ok(Date.now() < startMs, 'observed before the start');
      assert.deepEqual([scheduled.status, scheduled.reason, scheduled.message], ['False', 'MaintenanceScheduled', `maintenance starts at ${schedule}: kernel upgrade`]);
      assert.match((await row())[1]!, /^edge-01\s+True\s+v1\.32\.0\s+Push\s+False\s+\d+s$/);
      await k.ok(['wait', '--for=condition=Maintenance', CLUSTER, '--timeout=15s']);
      const late = Date.now() - startMs;
      assert.ok(late < 2500, `turned True ${late} ms after the start, long before the next probe`);
      const started = await maintenance();
      assert.deepEqual([started.status, started.reason, started.message], ['True', 'MaintenanceActive', 'kernel upgrade']);
      assert.ok(started.lastTransitionTime >= schedule, `turned True at ${started.lastTransitionTime}, not before ${schedule}`);

      await patch({ enabled: false });
      await k.ok(['wait', '--for=condition=Maintenance=False', CLUSTER, '--timeout=10s']);
      assert.deepEqual(await maintenance().then((c) => [c.status, c.reason]), ['False', 'NoMaintenance']);
      assert.match((await row())[1]!, /^edge-01\s+True\s+v1\.32\.0\s+Push\s+False\s+\d+s$/);
    } finally {
      await slow.dispose();
    }
  });
});
