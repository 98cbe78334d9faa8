// kurator up / kurator down: a whole fleet on one machine — hub, simulated clusters and Prometheus.

import { spawn } from 'node:child_process';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { startLocalFleet } from '../local/fleet.js';
import { findPrometheus } from '../local/prometheus.js';
import { fleetSummary } from '../local/summary.js';
import { isAlive, readState, removeState } from '../local/state.js';
import { loadProfile } from './sim-command.js';
import { fail, nonNegativeInteger, onSignals, portNumber, positiveInteger, stderrLogger } from './options.js';
import { serverFlagsToAdd } from './node-flags.js';

interface UpOptions {
  clusters: number;
  nodesPerCluster: number;
  dataDir: string;
  profile?: string;
  hubPort: number;
  simPort: number;
  prometheusPort: number;
  prometheus: boolean;
  detach?: boolean;
  logLevel: string;
}

const BIN = fileURLToPath(new URL('../../../bin/kurator.js', import.meta.url));

export function registerUp(program: Command): void {
  program
    .command('up')
    .description('Start a local fleet: the hub, simulated member clusters and (when installed) Prometheus')
    .option('--clusters <n>', 'how many simulated clusters (member1..N)', positiveInteger, 3)
    .option('--nodes-per-cluster <n>', 'nodes in each simulated cluster', nonNegativeInteger, 3)
    .option('--data-dir <dir>', 'where the hub database, kubeconfigs and logs go', '.kurator')
    .option('--profile <file>', 'YAML profile of the simulated clusters (see kurator sim --help)')
    .option('--hub-port <port>', 'hub port (0 picks a free one)', portNumber, 6443)
    .option('--sim-port <port>', 'simulator port (0 picks a free one)', portNumber, 7443)
    .option('--prometheus-port <port>', 'Prometheus port (0 picks a free one)', portNumber, 9090)
    .option('--no-prometheus', 'do not start Prometheus even when it is installed')
    .option('--detach', 'run in the background; stop it with kurator down')
    .option('--log-level <level>', 'trace, debug, info, warn or error', 'warn')
    .action(async (opts: UpOptions) => {
      const dataDir = resolve(opts.dataDir);
      const running = await readState(dataDir);
      if (running && isAlive(running.pid)) fail('up', new Error(`a fleet is already running from ${dataDir} (pid ${running.pid}); stop it with: kurator down --data-dir ${opts.dataDir}`));
      if (opts.detach) return detach(opts, dataDir);
      try {
        const profile = await loadProfile(opts.profile, opts.clusters, opts.nodesPerCluster);
        const fleet = await startLocalFleet({
          dataDir,
          profile,
          hubPort: opts.hubPort,
          simPort: opts.simPort,
          prometheusPort: opts.prometheusPort,
          prometheus: opts.prometheus,
          log: stderrLogger(opts.logLevel),
          progress: (message) => process.stderr.write(`${message}\n`),
        });
        onSignals(async () => {
          process.stderr.write('Stopping the fleet…\n');
          await fleet.stop();
        });
        process.stdout.write(fleetSummary(fleet.state, { detached: process.env.KURATOR_DETACHED === '1', dataDir: opts.dataDir, prometheusInstalled: !!(await findPrometheus()) }));
      } catch (error) {
        fail('up', error);
      }
    });

  program
    .command('down')
    .description('Stop a local fleet started with kurator up --detach')
    .option('--data-dir <dir>', 'the data directory the fleet runs from', '.kurator')
    .action(async (opts: { dataDir: string }) => {
      const dataDir = resolve(opts.dataDir);
      const state = await readState(dataDir);
      if (!state) {
        process.stdout.write(`No fleet is running from ${dataDir}.\n`);
        return;
      }
      const pids = [state.pid, ...(state.prometheusPid ? [state.prometheusPid] : [])];
      if (isAlive(state.pid)) process.kill(state.pid, 'SIGTERM');
      const deadline = Date.now() + 15_000;
      while (pids.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      for (const pid of pids.filter(isAlive)) process.kill(pid, 'SIGKILL');
      await removeState(dataDir);
      process.stdout.write(`Stopped the fleet that ran from ${dataDir}.\n`);
    });
}

/** Starts `kurator up` in the background, waits until it is serving, prints its summary. */
async function detach(opts: UpOptions, dataDir: string): Promise<void> {
  let nodeFlags: string[] = [];
  try {
    // Options the user gave in NODE_OPTIONS stand: a flag on the command line would override them.
    nodeFlags = serverFlagsToAdd();
  } catch (err) {
    fail('up', err);
  }
  await mkdir(dataDir, { recursive: true });
  await removeState(dataDir);
  const logPath = join(dataDir, 'up.log');
  const log = await open(logPath, 'w');
  const args = process.argv.slice(2).filter((a) => a !== '--detach');
  // Started with the server's Node options: the process whose pid the state records is the fleet itself.
  const child = spawn(process.execPath, [...nodeFlags, BIN, ...args], { detached: true, stdio: ['ignore', log.fd, log.fd], env: { ...process.env, KURATOR_DETACHED: '1' } });
  child.unref();
  await log.close();
  const deadline = Date.now() + 120_000;
  for (;;) {
    const state = await readState(dataDir);
    if (state && state.pid === child.pid) {
      process.stdout.write(fleetSummary(state, { detached: true, dataDir: opts.dataDir, prometheusInstalled: !!(await findPrometheus()) }));
      process.stdout.write(`Logs: ${logPath}\n`);
      return;
    }
    if (child.exitCode !== null || (child.pid !== undefined && !isAlive(child.pid))) {
      const text = await readFile(logPath, 'utf8').catch(() => '');
      fail('up', new Error(`the fleet did not start:\n${text.trim()}`));
    }
    if (Date.now() > deadline) fail('up', new Error(`the fleet did not start within 2 minutes; see ${logPath}`));
    await new Promise((r) => setTimeout(r, 100));
  }
}
