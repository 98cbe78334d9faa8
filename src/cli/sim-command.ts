// kurator sim: simulated member clusters, and their faults.

import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Simulator } from '../sim/host.js';
import { defaultProfile, parseProfile, type FleetProfile } from '../sim/profile.js';
import { fail, nonNegativeInteger, onSignals, portNumber, positiveInteger, stderrLogger } from './options.js';

interface SimOptions {
  dataDir?: string;
  clusters: number;
  nodesPerCluster: number;
  port: number;
  address: string;
  profile?: string;
  podStartMs: number;
  podReadyMs: number;
  logLevel: string;
}

export async function loadProfile(path: string | undefined, clusters: number, nodes: number): Promise<FleetProfile> {
  return path ? parseProfile(await readFile(path, 'utf8'), nodes) : defaultProfile(clusters, nodes);
}

export function registerSim(program: Command): void {
  const sim = program
    .command('sim')
    .description('Serve simulated member clusters, each a Kubernetes API at /clusters/<name>/')
    // Checked in the action rather than by commander, so `sim fault` / `sim heal` do not need it.
    .option('--data-dir <dir>', 'directory for the per-cluster kubeconfigs (DIR/clusters/<name>.kubeconfig)')
    .option('--clusters <n>', 'how many clusters (member1..N) when no profile is given', positiveInteger, 3)
    .option('--nodes-per-cluster <n>', 'nodes in each cluster', nonNegativeInteger, 3)
    .option('--port <port>', 'port to listen on (0 picks a free one)', portNumber, 7443)
    .option('--address <address>', 'address to listen on', '127.0.0.1')
    .option('--profile <file>', 'YAML profile: per-cluster labels, nodes, capacity, taints, request rate')
    .option('--pod-start-ms <ms>', 'delay from scheduling to Running', nonNegativeInteger, 300)
    .option('--pod-ready-ms <ms>', 'delay from Running to Ready', nonNegativeInteger, 700)
    .option('--log-level <level>', 'trace, debug, info, warn or error', 'info')
    .action(async (opts: SimOptions) => {
      if (!opts.dataDir) fail('sim', new Error('--data-dir is required: the per-cluster kubeconfigs are written to DIR/clusters/<name>.kubeconfig'));
      try {
        const profile = await loadProfile(opts.profile, opts.clusters, opts.nodesPerCluster);
        const simulator = await Simulator.start({ profile, log: stderrLogger(opts.logLevel), timing: { podStartMs: opts.podStartMs, podReadyMs: opts.podReadyMs } });
        const url = await simulator.listen(opts.port, opts.address);
        const paths = await simulator.writeKubeconfigs(opts.dataDir!);
        process.stdout.write(`Simulating ${simulator.clusters.size} clusters at ${url}\n`);
        for (const [name, path] of paths) process.stdout.write(`  ${name}: kubectl --kubeconfig ${path} get nodes\n`);
        process.stdout.write(`Metrics: ${url}/metrics   Faults: kurator sim fault <cluster> --help\n`);
        onSignals(() => simulator.stop());
      } catch (error) {
        fail('sim', error, opts.port, opts.address);
      }
    });

  sim
    .command('fault <cluster>')
    .description('Inject a fault into a simulated cluster (through the simulator admin endpoint)')
    .option('--url <url>', 'the simulator URL', 'http://127.0.0.1:7443')
    .option('--outage <mode>', 'unavailable (API answers 503) or dropped (connections closed)')
    .option('--latency-ms <ms>', 'add this much latency to every API request', nonNegativeInteger)
    .option('--nodes-not-ready', 'all nodes stop reporting (Ready=Unknown, unreachable taints)')
    .action(async (cluster: string, opts: { url: string; outage?: string; latencyMs?: number; nodesNotReady?: boolean }) => {
      const body: Record<string, unknown> = {};
      if (opts.outage) body.outage = opts.outage;
      if (opts.latencyMs !== undefined) body.latencyMs = opts.latencyMs;
      if (opts.nodesNotReady) body.nodesNotReady = true;
      await admin('fault', `${opts.url}/admin/clusters/${cluster}/faults`, 'PUT', body);
    });

  sim
    .command('heal <cluster>')
    .description('Heal the faults of a simulated cluster (all, or one kind)')
    .option('--url <url>', 'the simulator URL', 'http://127.0.0.1:7443')
    .option('--kind <kind>', 'outage, latencyMs or nodesNotReady (default: all)')
    .action(async (cluster: string, opts: { url: string; kind?: string }) => {
      await admin('heal', `${opts.url}/admin/clusters/${cluster}/faults${opts.kind ? `?kind=${encodeURIComponent(opts.kind)}` : ''}`, 'DELETE');
    });
}

async function admin(command: string, url: string, method: string, body?: unknown): Promise<void> {
  try {
    const res = await fetch(url, { method, headers: { 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    if (!res.ok) fail(`sim ${command}`, new Error(text));
    process.stdout.write(`${text}\n`);
  } catch (error) {
    fail(`sim ${command}`, new Error(`cannot reach the simulator at ${new URL(url).origin} (${(error as Error).message}); is \`kurator sim\` running? pass its address with --url`));
  }
}
