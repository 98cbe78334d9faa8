// Runs Debian's wrk (C, epoll, its own process) against an endpoint with a generated Lua script and
// returns what its `done` hook printed, plus the CPU wrk itself used (sampled from /proc), so a report
// can show the load generator was not the bottleneck.

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Endpoint } from './endpoint.js';
import { cpuSeconds } from './proc.js';
import { wrkScript, type WrkWorkload } from './wrk-script.js';

export type { WrkWorkload } from './wrk-script.js';

export interface WrkOptions {
  endpoint: Endpoint;
  workload: WrkWorkload;
  connections: number;
  threads?: number;
  /** Upper bound on the run; with totalRequests the run usually ends earlier. */
  durationSeconds: number;
  /** Stop after about this many responses (split evenly over wrk's threads). */
  totalRequests?: number;
  /** Where the script file goes. */
  workDir: string;
}

export interface WrkResult {
  requests: number;
  /** 2xx responses. */
  ok: number;
  seconds: number;
  okPerSecond: number;
  latencyMs: { mean: number; max: number; p50: number; p90: number; p99: number; p999: number };
  errors: { connect: number; read: number; write: number; timeout: number; byStatus: Record<string, number> };
  /** CPU seconds wrk used, and that as a share of one core over the run. */
  cpuSeconds: number;
  cpuShareOfCore: number;
}

interface DoneLine {
  requests: number;
  ok: number;
  durationUs: number;
  latencyUs: { mean: number; max: number; p50: number; p90: number; p99: number; p999: number };
  errors: { connect: number; read: number; write: number; timeout: number; byStatus: Record<string, number> };
}

let scripts = 0;

export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const threads = options.threads ?? 2;
  const perThread = options.totalRequests ? Math.ceil(options.totalRequests / threads) : 0;
  const scriptPath = join(options.workDir, `wrk-${process.pid}-${scripts++}.lua`);
  writeFileSync(scriptPath, wrkScript(options.workload, perThread));
  const args = ['-t', String(threads), '-c', String(options.connections), '-d', `${Math.ceil(options.durationSeconds)}s`, '--timeout', '30s', '-s', scriptPath];
  if (options.endpoint.token) args.push('-H', `Authorization: Bearer ${options.endpoint.token}`);
  args.push(options.endpoint.url);
  const child = spawn(process.env.WRK_BIN ?? 'wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let threadsDone = 0;
  child.stdout.on('data', (c: Buffer) => {
    const text = c.toString('utf8');
    stdout += text;
    // wrk only ends at its -d duration or on SIGINT (which still runs the done hook).
    threadsDone += text.split('BENCH_THREAD_DONE').length - 1;
    if (perThread > 0 && threadsDone >= threads) child.kill('SIGINT');
  });
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  let cpu = 0;
  const sample = (): void => {
    const now = cpuSeconds(child.pid ?? -1);
    if (Number.isFinite(now)) cpu = now;
  };
  const sampler = setInterval(sample, 100);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', (err) => reject(new Error(`wrk could not be started (${err.message}); install it with: apt-get install wrk`)));
    // 'close', not 'exit': the summary line may still be on its way through stdout when wrk exits.
    child.on('close', (c) => resolve(c));
  });
  clearInterval(sampler);
  const line = stdout.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (code !== 0 || !line) throw new Error(`wrk failed (exit ${String(code)}): ${(stderr || stdout).trim().slice(0, 500)}`);
  const done = JSON.parse(line.slice('BENCH_JSON '.length)) as DoneLine;
  const seconds = done.durationUs / 1e6;
  const ms = (us: number): number => us / 1000;
  return {
    requests: done.requests,
    ok: done.ok,
    seconds,
    okPerSecond: seconds > 0 ? done.ok / seconds : Number.NaN,
    latencyMs: { mean: ms(done.latencyUs.mean), max: ms(done.latencyUs.max), p50: ms(done.latencyUs.p50), p90: ms(done.latencyUs.p90), p99: ms(done.latencyUs.p99), p999: ms(done.latencyUs.p999) },
    errors: { connect: done.errors.connect, read: done.errors.read, write: done.errors.write, timeout: done.errors.timeout, byStatus: done.errors.byStatus },
    cpuSeconds: cpu,
    cpuShareOfCore: seconds > 0 ? cpu / seconds : Number.NaN,
  };
}

/** "42 non-2xx (409: 40, 500: 2), 1 timeout" or "" when there were none. */
export function describeErrors(result: WrkResult): string {
  const parts: string[] = [];
  const statuses = Object.entries(result.errors.byStatus);
  const failed = statuses.reduce((n, [, v]) => n + v, 0);
  if (failed) parts.push(`${failed} non-2xx (${statuses.map(([k, v]) => `${k}: ${v}`).join(', ')})`);
  for (const kind of ['connect', 'read', 'write', 'timeout'] as const) if (result.errors[kind]) parts.push(`${result.errors[kind]} ${kind} errors`);
  return parts.join(', ');
}
