// What every controller of one simulated cluster shares.

import type { Logger } from 'pino';
import type { Client } from '../../client/types.js';
import type { ControllerManager } from '../../client/manager.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import { deepClone } from '../../machinery/deep.js';

export interface SimTiming {
  /** From binding to containers running. */
  podStartMs: number;
  /** From running to Ready. */
  podReadyMs: number;
  /** How long a Job's pod runs before it completes. */
  jobRunMs: number;
  /** Node Lease renewals. */
  heartbeatMs: number;
  /** Mesh traffic accumulation period. */
  trafficTickMs: number;
}

export const DEFAULT_TIMING: SimTiming = { podStartMs: 300, podReadyMs: 700, jobRunMs: 1500, heartbeatMs: 20_000, trafficTickMs: 1000 };

export interface SimContext {
  cluster: string;
  client: Client;
  manager: ControllerManager;
  events: EventRecorder;
  timing: SimTiming;
  log: Logger;
  now(): string;
}

/** Shared objects from informers must not be mutated: controllers edit copies. */
export function copy<T>(value: T): T {
  return deepClone(value);
}
