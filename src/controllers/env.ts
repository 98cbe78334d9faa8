// What the hub's controllers are given: a client into the hub, the shared informer manager, connections
// to member clusters, an event recorder, timing options and a logger.

import type { Logger } from 'pino';
import type { ControllerManager } from '../client/manager.js';
import type { MemberConnections } from '../client/member-connections.js';
import type { EventRecorder } from '../client/event-recorder.js';
import type { Client, ResourceType } from '../client/types.js';

export interface ControllerOptions {
  /** How often each member cluster is probed (Karmada: 10 s). */
  clusterProbeMs: number;
  /** Consecutive probe results needed to flip Ready (Karmada: 30 s at a 10 s period → 3). */
  clusterFlipThreshold: number;
  /** How long placements stay on a NotReady cluster unless the policy tolerates it longer (Karmada: 300 s). */
  defaultFailoverTolerationSeconds: number;
  /** How long an evicted cluster keeps its copy at most while the replacement becomes healthy (Karmada: 10 min). */
  gracefulEvictionTimeoutSeconds: number;
}

export const DEFAULT_CONTROLLER_OPTIONS: ControllerOptions = { clusterProbeMs: 10_000, clusterFlipThreshold: 3, defaultFailoverTolerationSeconds: 300, gracefulEvictionTimeoutSeconds: 600 };

export interface ControllerEnv {
  client: Client;
  manager: ControllerManager;
  members: MemberConnections;
  log: Logger;
  /** Events on the objects controllers act on (what `kubectl describe` shows). */
  events: EventRecorder;
  options: ControllerOptions;
  /** The resource an apiVersion/kind is served as on the hub (built-ins and installed CRDs). */
  resolveKind(apiVersion: string, kind: string): ResourceType | undefined;
}
