// The machine a run measured on: what a reader needs to compare figures across runs.

import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  cores: number;
  memoryGiB: number;
  cpuModel: string;
  node: string;
  /** 1-minute load average when the run started: other work on the machine makes figures noisy. */
  loadAverage1m: number;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    node: process.version,
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}
