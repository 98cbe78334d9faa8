// The controller runner: informer events become keys in a work queue, N workers reconcile them, and each
// result becomes exactly one queue action (error → rate-limited retry; TerminalError → forget and log;
// requeueAfterMs → forget, then add after the delay; success → forget). The queue's done() always runs.

import type { KubeObject } from '../machinery/object.js';
import type { Clock } from './clock.js';
import { TerminalError, type Controller, type ControllerSpec, type Informer, type ObjectKey, type WatchSpec } from './controller-types.js';
import { isConflict } from './errors.js';
import { keyString, objectKeyOf, parseKeyString } from './keys.js';
import { defaultControllerRateLimiter, type RateLimiter } from './ratelimit.js';
import { WorkQueue } from './workqueue.js';

export interface ControllerOptions {
  /** Reconcile failures are logged here (default: silent, except TerminalErrors as process warnings). */
  log?: { debug(details: object, message: string): void; warn(details: object, message: string): void; error(details: object, message: string): void };
  rateLimiter?: RateLimiter;
  clock?: Clock;
}

export function defineController(spec: ControllerSpec, options: ControllerOptions = {}): Controller {
  return new QueueController(spec, options);
}

class QueueController implements Controller {
  readonly name: string;
  private readonly queue: WorkQueue;
  private wired = false;
  private running = false;
  /** Watches added after definition (see watch()). */
  private readonly lateWatches: WatchSpec[] = [];

  constructor(
    private readonly spec: ControllerSpec,
    private readonly options: ControllerOptions,
  ) {
    this.name = spec.name;
    const workers = spec.workers ?? 1;
    if (!Number.isInteger(workers) || workers < 1) throw new Error(`controller ${spec.name}: workers must be a positive integer`);
    const primary = spec.for.type;
    for (const owned of spec.owns ?? []) {
      if (owned === spec.for) throw new Error(`controller ${spec.name}: the primary informer cannot also be owned`);
    }
    if (!primary.kind) throw new Error(`controller ${spec.name}: the primary resource type needs a kind`);
    this.queue = new WorkQueue({ rateLimiter: options.rateLimiter ?? defaultControllerRateLimiter(options.clock), ...(options.clock ? { clock: options.clock } : {}) });
  }

  start(): void {
    if (this.running || this.queue.shuttingDown) return;
    this.running = true;
    if (!this.wired) this.wire();
    for (let i = 0; i < (this.spec.workers ?? 1); i++) void this.work();
  }

  /** Stops the workers after their current reconcile; a stopped controller cannot start again. */
  stop(): void {
    this.running = false;
    this.queue.shutDown();
  }

  enqueue(key: ObjectKey, afterMs?: number): void {
    const item = keyString(key);
    if (afterMs !== undefined && afterMs > 0) this.queue.addAfter(item, afterMs);
    else this.queue.add(item);
  }

  watch(watch: WatchSpec): void {
    if (this.wired) this.wireWatch(watch);
    else this.lateWatches.push(watch);
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private wire(): void {
    this.wired = true;
    const enqueueObject = (object: KubeObject): void => this.queue.add(keyString(objectKeyOf(object)));
    const forUpdated = this.spec.forUpdated;
    this.spec.for.addHandlers({ add: enqueueObject, update: (old, object) => (!forUpdated || forUpdated(old, object)) && enqueueObject(object), delete: enqueueObject });

    const primary = this.spec.for.type;
    const enqueueOwner = (object: KubeObject): void => {
      const owner = object.metadata.ownerReferences?.find((ref) => ref.controller === true);
      if (!owner || owner.kind !== primary.kind || groupOf(owner.apiVersion) !== primary.group) return;
      // Owners live in their dependent's namespace; a cluster-scoped owner has none.
      this.queue.add(keyString(primary.namespaced ? { namespace: object.metadata.namespace, name: owner.name } : { name: owner.name }));
    };
    for (const owned of this.spec.owns ?? []) this.wireBoth(owned, enqueueOwner);

    for (const watch of [...(this.spec.watches ?? []), ...this.lateWatches]) this.wireWatch(watch);
  }

  private wireWatch(watch: WatchSpec): void {
    this.wireBoth(
      watch.informer,
      (object) => {
        for (const key of watch.map(object)) this.queue.add(keyString(key));
      },
      watch.updated,
      watch.added,
    );
  }

  /** An update enqueues for the old and the new version (an owner or mapping may have changed). */
  private wireBoth(informer: Informer, enqueue: (object: KubeObject) => void, updated?: (old: KubeObject, object: KubeObject) => boolean, added?: (object: KubeObject) => boolean): void {
    informer.addHandlers({
      add: added ? (object) => added(object) && enqueue(object) : enqueue,
      update: (old, object) => {
        if (updated && !updated(old, object)) return;
        enqueue(old);
        enqueue(object);
      },
      delete: enqueue,
    });
  }

  private async work(): Promise<void> {
    while (await this.processNextWorkItem());
  }

  private async processNextWorkItem(): Promise<boolean> {
    const item = await this.queue.get();
    if (item === undefined) return false;
    try {
      const result = await this.spec.reconcile(parseKeyString(item));
      this.queue.forget(item);
      const after = result ? result.requeueAfterMs : undefined;
      if (after !== undefined && after > 0) this.queue.addAfter(item, after);
    } catch (error) {
      if (error instanceof TerminalError) {
        this.queue.forget(item);
        if (this.options.log) this.options.log.error({ controller: this.name, key: item, err: error }, 'reconcile failed permanently; not retrying');
        else process.emitWarning(`controller ${this.name}: reconcile of ${item} failed permanently: ${error.message}`);
      } else {
        this.queue.addRateLimited(item);
        // A conflict is another writer getting there first: expected between controllers, and the retry
        // reads the newer version.
        const level = isConflict(error) ? 'debug' : 'warn';
        this.options.log?.[level]({ controller: this.name, key: item, err: error, retries: this.queue.numRequeues(item) }, 'reconcile failed; retrying with backoff');
      }
    } finally {
      this.queue.done(item);
    }
    return true;
  }
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export { ControllerManager, type ControllerManagerOptions } from './manager.js';
