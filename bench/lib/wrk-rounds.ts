// Runs that alternate between servers. A comparison measured one server after the other takes each
// figure at a different moment, and on a shared machine whose speed drifts from minute to minute the
// ratio then says as much about the moment as about the servers; taken in short rounds that alternate
// (and rotate which server goes first), each server meets the same moments. A server's rounds are then
// read as one run. A warm-up round may come first for every server alike: a fresh Node process spends its
// first seconds compiling the code the load makes hot, which says how a server starts, not how it runs;
// the warm-up's own figures are kept apart for that.

import { cpuWindow, mainThreadCpuWindow } from './hub-setup.js';
import type { ProcessHandle } from './processes.js';
import type { WrkResult } from './wrk.js';

/** A server taking part in alternating rounds: how to load it for a round, and what its rounds took. */
export interface Contender<Label extends string = string> {
  label: Label;
  process: Pick<ProcessHandle, 'cpuSeconds' | 'mainThreadCpuSeconds'>;
  /** Loads the server for a measured round, or (round WARM_UP) the warm-up round. */
  load(round: number): Promise<WrkResult>;
  rounds: WrkResult[];
  /** The warm-up round, when one was taken: its figures are not in `rounds`. */
  warmUp?: WrkResult;
  /** CPU its process used over its own rounds alone (all threads, and its main thread). */
  cpuSeconds: number;
  mainThreadSeconds: number;
}

export function contender<Label extends string>(label: Label, process: Contender['process'], load: (round: number) => Promise<WrkResult>): Contender<Label> {
  return { label, process, load, rounds: [], cpuSeconds: 0, mainThreadSeconds: 0 };
}

/** The round number a warm-up round is loaded with. */
export const WARM_UP = -1;

/**
 * Loads each contender once per round, one after the other, the first rotating from round to round. With
 * `warmUp`, each contender first takes one more round, in the same order as the first, kept apart.
 */
export async function runAlternating(contenders: readonly Contender[], rounds: number, options: { warmUp?: boolean } = {}): Promise<void> {
  if (options.warmUp) for (const c of contenders) c.warmUp = await c.load(WARM_UP);
  for (let r = 0; r < rounds; r++) {
    for (const c of rotation(contenders, r)) {
      const cpu = cpuWindow(c.process);
      const mainThread = mainThreadCpuWindow(c.process);
      c.rounds.push(await c.load(r));
      c.cpuSeconds += cpu();
      c.mainThreadSeconds += mainThread();
    }
  }
}

/** One run made of several: counts, time and CPU add up; each latency figure is the worst round's. */
export function combineRounds(rounds: readonly WrkResult[]): WrkResult {
  if (rounds.length === 0) throw new Error('no rounds to combine');
  const sum = (read: (r: WrkResult) => number): number => rounds.reduce((n, r) => n + read(r), 0);
  const worst = (read: (r: WrkResult) => number): number => Math.max(...rounds.map(read));
  const requests = sum((r) => r.requests);
  const ok = sum((r) => r.ok);
  const seconds = sum((r) => r.seconds);
  const cpuSeconds = sum((r) => r.cpuSeconds);
  const byStatus: Record<string, number> = {};
  for (const r of rounds) for (const [status, n] of Object.entries(r.errors.byStatus)) byStatus[status] = (byStatus[status] ?? 0) + n;
  return {
    requests,
    ok,
    seconds,
    okPerSecond: seconds > 0 ? ok / seconds : Number.NaN,
    latencyMs: {
      mean: requests > 0 ? sum((r) => r.latencyMs.mean * r.requests) / requests : Number.NaN,
      max: worst((r) => r.latencyMs.max),
      p50: worst((r) => r.latencyMs.p50),
      p90: worst((r) => r.latencyMs.p90),
      p99: worst((r) => r.latencyMs.p99),
      p999: worst((r) => r.latencyMs.p999),
    },
    errors: { connect: sum((r) => r.errors.connect), read: sum((r) => r.errors.read), write: sum((r) => r.errors.write), timeout: sum((r) => r.errors.timeout), byStatus },
    cpuSeconds,
    cpuShareOfCore: seconds > 0 ? cpuSeconds / seconds : Number.NaN,
  };
}

/** The order servers take in round `round`: rotated by one each round, so none always goes first. */
export function rotation<T>(servers: readonly T[], round: number): T[] {
  const shift = servers.length > 0 ? round % servers.length : 0;
  return [...servers.slice(shift), ...servers.slice(0, shift)];
}
