// A hub (memory storage, fast cluster probes) and a simulator in this process, with the simulator's
// clusters joined to Fleet `default` and Ready: the starting point of propagation tests. Member state is
// read through each member's own API with the real kubectl. Clusters can be left out to join later, or be
// registered in the seed's fleet.kurator.dev Cluster form instead.

import { readFile } from 'node:fs/promises';
import { pino } from 'pino';
import { createInProcessClient } from '../../src/client/inprocess.js';
import { resources } from '../../src/client/resources.js';
import type { Client } from '../../src/client/types.js';
import { FLEET_CLUSTERS } from '../../src/controllers/common/cluster-kinds.js';
import type { ControllerOptions } from '../../src/controllers/env.js';
import { joinCluster } from '../../src/local/join.js';
import { Simulator } from '../../src/sim/host.js';
import { parseProfile } from '../../src/sim/profile.js';
import { startTestHub, type TestHub } from './hub.js';
import { kubectlFor, type Kubectl } from './kubectl.js';
import { eventually } from './wait.js';

export interface TestFleet {
  hub: TestHub;
  sim: Simulator;
  /** kubectl against the hub. */
  kubectl: Kubectl;
  /** kubectl against each member cluster, by name. */
  member: Record<string, Kubectl>;
  /** An in-process client into the hub. */
  client: Client;
  kubeconfigs: Map<string, string>;
  /** Joins a cluster left out with `unjoined` as an AttachedCluster of Fleet `default`. */
  join(name: string): Promise<void>;
  dispose(): Promise<void>;
}

export interface TestFleetOptions {
  /** Simulator profile YAML. */
  profile: string;
  /** Clusters not joined at start (the test joins them later with `join`, or registers them itself). */
  unjoined?: string[];
  /**
   * Clusters registered as seed fleet.kurator.dev Clusters in `default` (kubeconfig in Secret
   * `<name>-kubeconfig`, key `kubeconfig`), outside the Fleet; the start does not wait for them.
   */
  seedClusters?: string[];
  controllerOptions?: Partial<ControllerOptions>;
}

export async function startTestFleet(options: TestFleetOptions): Promise<TestFleet> {
  const hub = await startTestHub({ storage: 'memory', controllerOptions: { clusterProbeMs: 200, clusterFlipThreshold: 2, ...options.controllerOptions } });
  const sim = await Simulator.start({ profile: parseProfile(options.profile, 1), log: pino({ level: 'silent' }), timing: { podStartMs: 50, podReadyMs: 100 } });
  await sim.listen(0, '127.0.0.1');
  const kubeconfigs = await sim.writeKubeconfigs(hub.dataDir);
  const client = createInProcessClient(hub.server.clusters.get('')!);
  const member: Record<string, Kubectl> = {};
  const kubeconfigOf = (name: string): Promise<string> => {
    const path = kubeconfigs.get(name);
    if (!path) throw new Error(`the profile has no cluster ${name}`);
    return readFile(path, 'utf8');
  };
  const join = async (name: string): Promise<void> => joinCluster(client, { name, kubeconfig: await kubeconfigOf(name), labels: sim.clusters.get(name)!.profile.labels, fleet: 'default' });
  let joined = 0;
  for (const [name, path] of kubeconfigs) {
    member[name] = kubectlFor(path);
    if (options.unjoined?.includes(name) || options.seedClusters?.includes(name)) continue;
    await join(name);
    joined++;
  }
  for (const name of options.seedClusters ?? []) {
    const secretName = `${name}-kubeconfig`;
    await client.create(resources.secrets, { apiVersion: 'v1', kind: 'Secret', metadata: { name: secretName, namespace: 'default' }, stringData: { kubeconfig: await kubeconfigOf(name) } });
    await client.create(FLEET_CLUSTERS, { apiVersion: 'fleet.kurator.dev/v1alpha1', kind: 'Cluster', metadata: { name, namespace: 'default' }, spec: { kubeconfigSecretRef: { name: secretName } } });
  }
  const kubectl = kubectlFor(hub.kubeconfigPath);
  if (joined > 0) {
    const ready = new RegExp(`^default\\s+Ready\\s+${joined}\\s`, 'm');
    await eventually('the fleet to be Ready', async () => ready.test(await kubectl.ok(['get', 'fleet', 'default'])), { timeoutMs: 20_000 });
  }
  return {
    hub,
    sim,
    kubectl,
    member,
    client,
    kubeconfigs,
    join,
    async dispose() {
      await sim.stop();
      await hub.dispose();
    },
  };
}

/** A member object as JSON, or undefined when it is not there. */
export async function memberObject(kubectl: Kubectl, args: string[]): Promise<Record<string, any> | undefined> {
  const res = await kubectl(['get', ...args, '-o', 'json']);
  return res.code === 0 ? (JSON.parse(res.stdout) as Record<string, any>) : undefined;
}
