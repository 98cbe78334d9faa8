// Starts a simulator in this process on a free loopback port, with short timings and its own data
// directory for the per-cluster kubeconfigs, for a test.

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import type { SimTiming } from '../../src/sim/controllers/context.js';
import { Simulator } from '../../src/sim/host.js';
import { defaultProfile, parseProfile, type FleetProfile } from '../../src/sim/profile.js';

/** Fast enough for tests, slow enough that every pod passes through each stage kubectl can show. */
export const TEST_TIMING: Partial<SimTiming> = { podStartMs: 100, podReadyMs: 200, jobRunMs: 300, trafficTickMs: 1000 };

export interface TestSimulatorOptions {
  /** A profile, or profile YAML; default: `clusters` × `nodesPerCluster` from the default profile. */
  profile?: FleetProfile | string;
  clusters?: number;
  nodesPerCluster?: number;
  timing?: Partial<SimTiming>;
}

export interface TestSimulator {
  simulator: Simulator;
  /** http://127.0.0.1:<port> */
  url: string;
  dataDir: string;
  /** Kubeconfig path by cluster name. */
  kubeconfigs: Map<string, string>;
  kubeconfig(cluster: string): string;
  /** Stops the simulator and removes its data directory. */
  dispose(): Promise<void>;
}

export async function startTestSimulator(options: TestSimulatorOptions = {}): Promise<TestSimulator> {
  const nodes = options.nodesPerCluster ?? 3;
  const profile = typeof options.profile === 'string' ? parseProfile(options.profile, nodes) : (options.profile ?? defaultProfile(options.clusters ?? 2, nodes));
  const dataDir = await mkdtemp(join(tmpdir(), 'kurator-sim-test-'));
  const log = pino({ level: process.env.KURATOR_TEST_LOG ?? 'silent' });
  const simulator = await Simulator.start({ profile, log, timing: { ...TEST_TIMING, ...options.timing } });
  const url = await simulator.listen(0, '127.0.0.1');
  const kubeconfigs = await simulator.writeKubeconfigs(dataDir);
  let disposed = false;
  return {
    simulator,
    url,
    dataDir,
    kubeconfigs,
    kubeconfig(cluster) {
      const path = kubeconfigs.get(cluster);
      if (!path) throw new Error(`no simulated cluster ${cluster}`);
      return path;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await simulator.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The project root (where package.json and bin/ live), found from this compiled file. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}
