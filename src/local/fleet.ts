// A whole local fleet in one process: the hub (SQLite), simulated member clusters, and — when
// `prometheus` is on PATH — a Prometheus scraping both. Used by `kurator up`.

import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { startHub, type Hub } from '../hub/hub.js';
import { Simulator } from '../sim/host.js';
import type { FleetProfile } from '../sim/profile.js';
import { freePort } from './free-port.js';
import { findPrometheus, startPrometheus, type RunningPrometheus, type ScrapeTarget } from './prometheus.js';
import { removeState, writeState, type FleetState } from './state.js';
import { readFile } from 'node:fs/promises';
import { createInProcessClient } from '../client/inprocess.js';
import type { Client } from '../client/types.js';
import { FLEETS } from '../controllers/fleet/controller.js';
import { joinCluster } from './join.js';

export const LOCAL_FLEET = 'default';

/** Registers every simulated cluster as an AttachedCluster of Fleet "default" and waits until all are Ready. */
async function registerClusters(client: Client, profile: FleetProfile, kubeconfigs: Map<string, string>, timeoutMs: number): Promise<void> {
  for (const cluster of profile.clusters) {
    const kubeconfig = await readFile(kubeconfigs.get(cluster.name)!, 'utf8');
    await joinCluster(client, { name: cluster.name, kubeconfig, labels: cluster.labels, fleet: LOCAL_FLEET });
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const fleet = await client.get(FLEETS, 'default', LOCAL_FLEET);
    const ready = (fleet?.status as { readyClusters?: number } | undefined)?.readyClusters ?? 0;
    if (ready >= profile.clusters.length) return;
    if (Date.now() > deadline) throw new Error(`only ${ready} of ${profile.clusters.length} clusters became Ready within ${timeoutMs / 1000} s; see kubectl get attachedclusters`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface LocalFleetOptions {
  dataDir: string;
  profile: FleetProfile;
  hubPort: number;
  simPort: number;
  prometheusPort: number;
  /** false: never start Prometheus even when installed. */
  prometheus: boolean;
  log: Logger;
  progress: (message: string) => void;
}

export interface LocalFleet {
  state: FleetState;
  stop(): Promise<void>;
}

async function portOrFree(preferred: number): Promise<number> {
  if (preferred === 0) return freePort();
  return preferred;
}

export async function startLocalFleet(options: LocalFleetOptions): Promise<LocalFleet> {
  const dataDir = resolve(options.dataDir);
  let hub: Hub | undefined;
  let simulator: Simulator | undefined;
  let prometheus: RunningPrometheus | undefined;
  const stop = async (): Promise<void> => {
    await prometheus?.stop();
    await simulator?.stop();
    await hub?.stop();
    await removeState(dataDir);
  };
  try {
    options.progress(`Starting the hub (SQLite under ${join(dataDir, 'hub.db')})…`);
    hub = await startHub({ dataDir, port: options.hubPort, address: '127.0.0.1', log: options.log });
    options.progress(`Starting ${options.profile.clusters.length} simulated clusters…`);
    simulator = await Simulator.start({ profile: options.profile, log: options.log });
    const simUrl = await simulator.listen(options.simPort, '127.0.0.1');
    const kubeconfigs = await simulator.writeKubeconfigs(dataDir);
    options.progress(`Registering the clusters in Fleet "${LOCAL_FLEET}" and waiting until they are Ready…`);
    await registerClusters(createInProcessClient(hub.server.clusters.get('')!, { fieldManager: 'kurator-up' }), options.profile, kubeconfigs, 60_000);
    let prometheusUrl: string | undefined;
    if (options.prometheus && (await findPrometheus())) {
      options.progress('Starting Prometheus…');
      const simAddress = new URL(simUrl).host;
      const targets: ScrapeTarget[] = [
        { job: 'kurator-hub', address: new URL(hub.url).host, ...(hub.pki ? { scheme: 'https' as const, tls: { caFile: hub.pki.caCert, certFile: hub.pki.monitoringCert, keyFile: hub.pki.monitoringKey } } : {}) },
        ...options.profile.clusters.map((c) => ({ job: `sim-${c.name}`, address: simAddress, metricsPath: `/clusters/${c.name}/metrics` })),
      ];
      prometheus = await startPrometheus({ dataDir: join(dataDir, 'prometheus'), port: await portOrFree(options.prometheusPort), targets });
      prometheusUrl = prometheus.url;
    }
    const state: FleetState = {
      pid: process.pid,
      hubUrl: hub.url,
      hubKubeconfig: hub.kubeconfigPath,
      simulatorUrl: simUrl,
      clusters: [...kubeconfigs].map(([name, kubeconfig]) => ({ name, kubeconfig })),
      startedAt: new Date().toISOString(),
    };
    if (prometheusUrl) state.prometheusUrl = prometheusUrl;
    if (prometheus?.process.pid) state.prometheusPid = prometheus.process.pid;
    await writeState(dataDir, state);
    return { state, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
