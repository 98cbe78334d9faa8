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
    let prometheusUrl: string | undefined;
    if (options.prometheus && (await findPrometheus())) {
      options.progress('Starting Prometheus…');
      const simAddress = new URL(simUrl).host;
      const targets: ScrapeTarget[] = [
        { job: 'kurator-hub', address: new URL(hub.url).host },
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
