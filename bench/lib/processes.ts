// The servers a scenario measures, each started as its own child process on a free loopback port and
// waited for until it answers: the hub (`kurator hub`), etcd, the comparison Node servers and the
// simulator. Every child is killed if the runner exits early.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { send, sleep, type Endpoint } from './endpoint.js';
import { benchDist, kuratorBin, projectRoot } from './paths.js';
import { cpuSeconds, mainThreadCpuSeconds, peakRssMiB, rssMiB } from './proc.js';
import { loadKubeconfig } from '../../src/client/kubeconfig.js';
import { serverNodeFlags } from '../../src/cli/node-flags.js';
import type { Transport } from './transports.js';

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface ProcessHandle {
  readonly name: string;
  readonly pid: number;
  /** Resolves with the exit code (or signal) once the process has exited. */
  readonly exited: Promise<number | string | null>;
  /** SIGTERM, then SIGKILL after graceMs. */
  stop(graceMs?: number): Promise<void>;
  rssMiB(): number;
  peakRssMiB(): number;
  cpuSeconds(): number;
  /** CPU seconds of its main thread alone (see proc.ts). */
  mainThreadCpuSeconds(): number;
  /** The last lines it wrote to stderr (for error messages). */
  stderrTail(): string;
}

export interface LaunchOptions {
  env?: NodeJS.ProcessEnv;
  /** Called with every stdout line. */
  onLine?: (line: string) => void;
}

export function launch(name: string, command: string, args: string[], options: LaunchOptions = {}): ProcessHandle {
  const child = spawn(command, args, { cwd: projectRoot, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    let nl: number;
    while ((nl = stdout.indexOf('\n')) >= 0) {
      const line = stdout.slice(0, nl);
      stdout = stdout.slice(nl + 1);
      options.onLine?.(line);
    }
  });
  const exited = new Promise<number | string | null>((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal);
    });
    child.on('error', (err) => {
      running.delete(child);
      stderr += `\n${err.message}`;
      resolve(null);
    });
  });
  const pid = child.pid ?? -1;
  return {
    name,
    pid,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    rssMiB: () => rssMiB(pid),
    peakRssMiB: () => peakRssMiB(pid),
    cpuSeconds: () => cpuSeconds(pid),
    mainThreadCpuSeconds: () => mainThreadCpuSeconds(pid),
    stderrTail: () => stderr.trim().split('\n').slice(-8).join('\n'),
  };
}

/** Resolves with the first stdout line matching pattern; rejects if the process exits or time runs out. */
function launchAndWaitForLine(name: string, command: string, args: string[], pattern: RegExp, timeoutMs: number): Promise<{ handle: ProcessHandle; match: RegExpExecArray }> {
  return new Promise((resolve, reject) => {
    let handle: ProcessHandle | undefined;
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      void handle?.stop(1000);
      reject(new Error(`${name} did not start within ${timeoutMs} ms: ${handle?.stderrTail() ?? ''}`));
    }, timeoutMs);
    handle = launch(name, command, args, {
      onLine: (line) => {
        const match = pattern.exec(line);
        if (match && !settled) {
          settled = true;
          clearTimeout(timer);
          resolve({ handle: handle!, match });
        }
      },
    });
    void handle.exited.then((code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`${name} exited (${String(code)}) before it was ready: ${handle!.stderrTail()}`));
    });
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls url until it answers 200. */
export async function waitForOk(endpoint: Endpoint, path: string, timeoutMs: number, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await send(endpoint, 'GET', path)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${endpoint.url}${path} did not answer 200 within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

export interface HubProcess extends ProcessHandle {
  endpoint: Endpoint;
  kubeconfigPath: string;
  dataDir: string;
}

export interface HubStartOptions {
  dataDir: string;
  transport: Transport;
  fsync?: 'full' | 'normal';
  logLevel?: string;
}

/** A bearer token for the benchmark's own requests, in kube-apiserver's token-file CSV (token,user,uid,"groups"). */
export function writeTokenFile(dir: string): { path: string; token: string } {
  const token = randomBytes(24).toString('hex');
  const path = join(dir, 'bench-tokens.csv');
  writeFileSync(path, `${token},kurator-bench,kurator-bench,"system:masters"\n`, { mode: 0o600 });
  return { path, token };
}

/** The CA the hub wrote into its admin kubeconfig (the hub writes it before it prints its URL). */
function caFromKubeconfig(path: string): string | undefined {
  return loadKubeconfig(readFileSync(path, 'utf8'), undefined, { baseDir: dirname(path) }).ca;
}

/** node's CPU profiler into `dir`, sampling every KURATOR_BENCH_PROFILE_INTERVAL_US (node's default: 1000 µs). */
function profilerArgs(dir: string | undefined): string[] {
  if (!dir) return [];
  const interval = process.env.KURATOR_BENCH_PROFILE_INTERVAL_US;
  return ['--cpu-prof', '--cpu-prof-dir', dir, ...(interval ? ['--cpu-prof-interval', interval] : [])];
}

/** `kurator hub` on a free port with durable SQLite; resolves once /readyz answers 200. */
export async function startHub(options: HubStartOptions): Promise<HubProcess> {
  // The Node options `kurator hub` runs with (node-flags.ts), given here so that the process measured is
  // the hub itself rather than the parent that would add them.
  const args = [...serverNodeFlags(), ...profilerArgs(process.env.KURATOR_BENCH_HUB_PROFILE_DIR), kuratorBin, 'hub', '--data-dir', options.dataDir, '--port', '0', '--address', '127.0.0.1', '--fsync', options.fsync ?? 'full', '--log-level', options.logLevel ?? 'warn'];
  const { path: tokenFile, token } = writeTokenFile(options.dataDir);
  args.push('--token-auth-file', tokenFile);
  if (!options.transport.tls) args.push('--insecure-http');
  const { handle, match } = await launchAndWaitForLine('hub', process.execPath, args, /(https?:\/\/[^\s]+)/, 120_000);
  const kubeconfigPath = join(options.dataDir, 'kubeconfig');
  const url = match[1]!.replace(/\/$/, '');
  const endpoint: Endpoint = { url, token };
  if (url.startsWith('https:')) {
    const ca = caFromKubeconfig(kubeconfigPath);
    if (ca) endpoint.ca = ca;
  }
  await waitForOk(endpoint, '/readyz', 60_000);
  return { ...handle, endpoint, kubeconfigPath, dataDir: options.dataDir };
}

export interface EtcdProcess extends ProcessHandle {
  endpoint: Endpoint;
}

/** etcd (Debian's etcd-server) with its defaults (every commit fsynced) on free loopback ports. */
export async function startEtcd(dataDir: string, tls?: { certFile: string; keyFile: string; ca: string }): Promise<EtcdProcess> {
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const scheme = tls ? 'https' : 'http';
  const url = `${scheme}://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const args = ['--name', 'bench', '--data-dir', dataDir, '--listen-client-urls', url, '--advertise-client-urls', url, '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer, '--initial-cluster', `bench=${peer}`, '--logger', 'zap', '--log-level', 'error'];
  if (tls) args.push('--cert-file', tls.certFile, '--key-file', tls.keyFile);
  const handle = launch('etcd', process.env.ETCD_BIN ?? '/usr/bin/etcd', args);
  const endpoint: Endpoint = { url, ...(tls ? { ca: tls.ca } : {}) };
  try {
    await Promise.race([waitForOk(endpoint, '/health', 30_000), handle.exited.then((code) => Promise.reject(new Error(`etcd exited (${String(code)}): ${handle.stderrTail()}`)))]);
  } catch (error) {
    await handle.stop(1000);
    throw error;
  }
  return { ...handle, endpoint };
}

/** A compiled bench script that prints "listening at URL" once it serves, with the hub's Node options (a like-for-like comparison). */
export async function startNodeServer(name: string, script: string, args: string[]): Promise<ProcessHandle & { url: string }> {
  const { handle, match } = await launchAndWaitForLine(name, process.execPath, [...serverNodeFlags(), join(benchDist, script), ...args], /listening at (\S+)/, 60_000);
  return { ...handle, url: match[1]! };
}

export interface SimProcess extends ProcessHandle {
  url: string;
  /** The simulator's in-process arrival recorder (bench/clients/arrivals.ts). */
  arrivalsUrl: string;
  /** DIR/clusters/<name>.kubeconfig */
  kubeconfigDir: string;
}

/** Simulated clusters in their own process, pods not simulated (only the objects the hub sends are stored). */
export async function startSimulator(dataDir: string, clusters: number, nodesPerCluster: number): Promise<SimProcess> {
  const { handle, match } = await launchAndWaitForLine(
    'simulator',
    process.execPath,
    [...profilerArgs(process.env.KURATOR_BENCH_SIM_PROFILE_DIR), join(benchDist, 'clients', 'simulator.js'), '--data-dir', dataDir, '--clusters', String(clusters), '--nodes-per-cluster', String(nodesPerCluster)],
    /listening at (\S+) arrivals at (\S+)/,
    300_000,
  );
  return { ...handle, url: match[1]!, arrivalsUrl: match[2]!, kubeconfigDir: join(dataDir, 'clusters') };
}
