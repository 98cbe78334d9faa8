// The fleet controller alone on a hub: which fleet a cluster belongs to as clusters and fleets come, go
// and change their lists, as a user reads it from labels and fleet status.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createHttpClient, type HttpClient } from '../../client/http.js';
import { loadKubeconfig } from '../../client/kubeconfig.js';
import type { KubeObject } from '../../machinery/object.js';
import { startHub, type Hub } from '../../hub/hub.js';
import { ATTACHED_CLUSTERS, FLEET_CLUSTERS } from '../common/cluster-kinds.js';
import { FLEET_LABEL, FLEETS } from './controller.js';
import { eventually } from '../../../test/support/wait.js';

interface FleetStatus {
  clusters?: { name: string; kind: string; ready: boolean; reason?: string }[];
}


const fleetOf = (name: string, clusters: { name: string; kind?: string }[]): KubeObject => ({ apiVersion: 'fleet.kurator.dev/v1alpha1', kind: 'Fleet', metadata: { name, namespace: 'default' }, spec: { clusters } });
const attached = (name: string): KubeObject => ({ apiVersion: 'cluster.kurator.dev/v1alpha1', kind: 'AttachedCluster', metadata: { name, namespace: 'default' }, spec: { kubeconfig: { name: `${name}-kubeconfig` } } });
const seedCluster = (name: string): KubeObject => ({ apiVersion: 'fleet.kurator.dev/v1alpha1', kind: 'Cluster', metadata: { name, namespace: 'default' }, spec: { kubeconfigSecretRef: { name: `${name}-kubeconfig` } } });

describe('fleet membership', () => {
  let hub: Hub;
  let dataDir: string;
  let client: HttpClient;

  const labelOf = async (type: typeof ATTACHED_CLUSTERS, name: string): Promise<string | undefined> => (await client.get(type, 'default', name))?.metadata.labels?.[FLEET_LABEL];
  const memberStatus = async (fleet: string): Promise<string[]> => {
    const status = (await client.get(FLEETS, 'default', fleet))?.status as FleetStatus | undefined;
    return (status?.clusters ?? []).map((c) => `${c.kind}/${c.name}: ${c.reason ?? 'ready'}`);
  };
  const until = (what: string, check: () => Promise<boolean>): Promise<true> => eventually(what, async () => ((await check()) ? true : undefined));

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kurator-fleet-'));
    hub = await startHub({ dataDir, port: 0, address: '127.0.0.1', storage: 'memory', log: pino({ level: 'silent' }), controllers: ['fleet'] });
    client = createHttpClient(loadKubeconfig(await readFile(hub.kubeconfigPath, 'utf8')));
  });
  after(async () => {
    client.close();
    await hub.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('a cluster created after the fleet that lists it joins it', async () => {
    await client.create(FLEETS, fleetOf('east', [{ name: 'c1' }, { name: 's1', kind: 'Cluster' }]));
    await until('east reports its missing clusters', async () =>
      JSON.stringify(await memberStatus('east')) === JSON.stringify(['AttachedCluster/c1: AttachedCluster default/c1 does not exist', 'Cluster/s1: Cluster default/s1 does not exist']),
    );
    await client.create(ATTACHED_CLUSTERS, attached('c1'));
    await client.create(FLEET_CLUSTERS, seedCluster('s1'));
    await until('c1 and s1 labelled east', async () => (await labelOf(ATTACHED_CLUSTERS, 'c1')) === 'east' && (await labelOf(FLEET_CLUSTERS, 's1')) === 'east');
    await until('east lists both as members', async () => JSON.stringify(await memberStatus('east')) === JSON.stringify(['AttachedCluster/c1: the cluster is not Ready', 'Cluster/s1: the cluster is not Ready']));
  });

  test('a cluster of the same name but another kind is not a member', async () => {
    await client.create(FLEET_CLUSTERS, seedCluster('c1'));
    await client.create(ATTACHED_CLUSTERS, attached('c2'));
    await client.patch(FLEETS, 'default', 'east', 'merge', { spec: { clusters: [{ name: 'c1' }, { name: 's1', kind: 'Cluster' }, { name: 'c2' }] } });
    await until('c2 labelled east', async () => (await labelOf(ATTACHED_CLUSTERS, 'c2')) === 'east');
    assert.equal(await labelOf(FLEET_CLUSTERS, 'c1'), undefined, 'the seed Cluster c1 is not the AttachedCluster c1 the fleet lists');
  });

  test('a second fleet listing a member is told who has it, and takes it over once the first lets go', async () => {
    await client.create(FLEETS, fleetOf('west', [{ name: 'c1' }]));
    await until('west reports the conflict', async () => JSON.stringify(await memberStatus('west')) === JSON.stringify(['AttachedCluster/c1: already a member of fleet east']));
    assert.equal(await labelOf(ATTACHED_CLUSTERS, 'c1'), 'east');

    await client.patch(FLEETS, 'default', 'east', 'merge', { spec: { clusters: [{ name: 's1', kind: 'Cluster' }] } });
    await until('c1 labelled west', async () => (await labelOf(ATTACHED_CLUSTERS, 'c1')) === 'west');
    await until('c2 released', async () => (await labelOf(ATTACHED_CLUSTERS, 'c2')) === undefined);
    await until('west lists c1', async () => JSON.stringify(await memberStatus('west')) === JSON.stringify(['AttachedCluster/c1: the cluster is not Ready']));
    await until('east lists only s1', async () => JSON.stringify(await memberStatus('east')) === JSON.stringify(['Cluster/s1: the cluster is not Ready']));
  });

  test('deleting a fleet releases its clusters and leaves other fleets alone', async () => {
    await client.delete(FLEETS, 'default', 'west');
    await until('c1 released', async () => (await labelOf(ATTACHED_CLUSTERS, 'c1')) === undefined);
    await until('west gone', async () => (await client.get(FLEETS, 'default', 'west')) === undefined);
    assert.equal(await labelOf(FLEET_CLUSTERS, 's1'), 'east');
  });
  test('a member turning Ready and back is counted each time, also right after the fleet wrote its status', async () => {
    await client.create(FLEETS, fleetOf('flip', [{ name: 'f1' }]));
    await client.create(ATTACHED_CLUSTERS, attached('f1'));
    await until('f1 listed, not Ready', async () => JSON.stringify(await memberStatus('flip')) === JSON.stringify(['AttachedCluster/f1: the cluster is not Ready']));
    const setReady = async (ready: boolean, version: string): Promise<void> => {
      const cluster = (await client.get(ATTACHED_CLUSTERS, 'default', 'f1'))!;
      const condition = { type: 'Ready', status: ready ? 'True' : 'False', reason: ready ? 'Healthy' : 'Unreachable', message: '', lastTransitionTime: new Date().toISOString() };
      await client.update(ATTACHED_CLUSTERS, { ...cluster, status: { conditions: [condition], kubernetesVersion: version } }, { subresource: 'status' });
    };
    const phase = async (): Promise<unknown> => ((await client.get(FLEETS, 'default', 'flip'))?.status as { phase?: string } | undefined)?.phase;
    await setReady(true, 'v1.31.0');
    await until('flip Ready', async () => (await phase()) === 'Ready' && JSON.stringify(await memberStatus('flip')) === JSON.stringify(['AttachedCluster/f1: ready']));
    // A status change that leaves readiness as it was, then a flip within the fleet's status-write interval.
    await setReady(true, 'v1.32.0');
    await setReady(false, 'v1.32.0');
    await until('flip Pending again', async () => (await phase()) === 'Pending' && JSON.stringify(await memberStatus('flip')) === JSON.stringify(['AttachedCluster/f1: the cluster is not Ready']));
  });
});
