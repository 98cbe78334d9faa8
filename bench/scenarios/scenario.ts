// What a scenario is given and what it provides.

import type { ScenarioReport, RunSize } from '../lib/report.js';
import type { Transport } from '../lib/transports.js';

export interface ScenarioContext {
  size: RunSize;
  /** A fresh directory for this scenario's data (removed afterwards). */
  workDir: string;
  /** The hub transports to measure, the user-facing one first. */
  transports: Transport[];
  /** Progress on stderr. */
  log(message: string): void;
}

export interface Scenario {
  name: string;
  what: string;
  run(ctx: ScenarioContext, report: ScenarioReport): Promise<void>;
}

/** A value per run size. */
export type Sized<T> = Record<RunSize, T>;
