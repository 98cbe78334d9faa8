// Informers (list+watch into a cache), the work queue and the controller runner (style.md §1: a request
// holds only a key; reconciling is level-based; an error means retry with backoff).

import type { KubeObject } from '../machinery/object.js';
import type { ResourceType } from './types.js';

export interface ObjectKey {
  namespace?: string;
  name: string;
}

export interface InformerHandlers {
  add?(object: KubeObject): void;
  update?(oldObject: KubeObject, newObject: KubeObject): void;
  delete?(object: KubeObject): void;
}

export interface Informer {
  readonly type: ResourceType;
  /** Lists, then watches; resolves once the first list is in the cache. */
  start(): Promise<void>;
  stop(): void;
  readonly synced: boolean;
  get(namespace: string | undefined, name: string): KubeObject | undefined;
  /** Cached objects, optionally of one namespace. Never mutate them. */
  list(namespace?: string): KubeObject[];
  /** Objects whose index value (see addIndex) equals value. */
  byIndex(index: string, value: string): KubeObject[];
  addIndex(name: string, keys: (object: KubeObject) => string[]): void;
  addHandlers(handlers: InformerHandlers): void;
}

export interface ReconcileResult {
  requeueAfterMs?: number;
}

/** Thrown by a reconciler for failures a retry cannot fix: logged, not retried. */
export class TerminalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TerminalError';
  }
}

export type Reconciler = (key: ObjectKey) => Promise<ReconcileResult | void>;

/** Another kind mapped to keys of the primary kind; `added` and `updated` (default: always) filter add and update events. */
export interface WatchSpec {
  informer: Informer;
  map: (object: KubeObject) => ObjectKey[];
  added?: (object: KubeObject) => boolean;
  updated?: (oldObject: KubeObject, newObject: KubeObject) => boolean;
}

export interface ControllerSpec {
  name: string;
  /** The primary kind: its events enqueue the object's own key. */
  for: Informer;
  /** Filters the primary's update events (default: every update enqueues). */
  forUpdated?: (oldObject: KubeObject, newObject: KubeObject) => boolean;
  /** Owned kinds: events enqueue the controlling owner (ownerReferences controller=true) of kind for.type.kind. */
  owns?: Informer[];
  /** Other kinds mapped to keys of the primary kind. */
  watches?: WatchSpec[];
  reconcile: Reconciler;
  workers?: number;
}

/**
 * Work a ControllerManager starts once every cache has synced and stops with everything else
 * (controller-runtime's Runnable): controllers, and helpers that work for them off their queues.
 */
export interface Runnable {
  start(): void;
  /** Stops taking work; what is already running finishes, what waits is dropped. */
  stop(): void;
  /** Resolves when nothing is waiting or running (tests). */
  idle(): Promise<void>;
}

export interface Controller extends Runnable {
  readonly name: string;
  enqueue(key: ObjectKey, afterMs?: number): void;
  /** Adds a watch after definition, for informers a controller starts only once it needs them. */
  watch(watch: WatchSpec): void;
}
