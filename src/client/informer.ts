// An informer: lists a resource into a cache, then watches from the list's resourceVersion, keeping the
// last resourceVersion it saw (events and BOOKMARKs). A watch that ends cleanly is resumed from there; a
// 410 Expired relists and turns the difference into add/update/delete events; other failures back off
// and retry. An idle informer holds its open watch and no timer (about 2 KB over the in-process client).

import type { KubeObject } from '../machinery/object.js';
import type { Informer, InformerHandlers } from './controller-types.js';
import { isExpired } from './errors.js';
import { InformerCache } from './informer-cache.js';
import type { Client, ListOptions, ResourceType, WatchEvent, WatchHandle } from './types.js';

export interface InformerOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** First retry delay after a failed list or watch; doubles per failure up to maxBackoffMs. Default 1000. */
  relistBackoffMs?: number;
  maxBackoffMs?: number;
  /** Items per list page. Default 500. */
  pageSize?: number;
  /** Told about failed lists and watches (they are retried) and handlers that threw. */
  log?: { warn(details: object, message: string): void };
  /**
   * What is kept of each object (client-go's SetTransform): applied to listed and watched objects before
   * they are cached and handed to handlers. Keep metadata.resourceVersion: changes are told by it.
   */
  transform?: (object: KubeObject) => KubeObject;
  /** List and watch only metadata (PartialObjectMetadata; ListOptions.metadataOnly). */
  metadataOnly?: boolean;
}

/** A watch that ends cleanly this soon without delivering anything counts as a failure (no hot loop). */
const MIN_HEALTHY_WATCH_MS = 1000;

export interface ListWatchInformer extends Informer {
  /** The last resourceVersion seen (from a list, an event or a BOOKMARK); watches resume from it. */
  readonly resourceVersion: string;
}

export function createInformer(client: Client, type: ResourceType, options: InformerOptions = {}): ListWatchInformer {
  return new CachingInformer(client, type, options);
}

class CachingInformer implements ListWatchInformer {
  private readonly cache = new InformerCache();
  private handlers: InformerHandlers[] = [];
  private lastResourceVersion = '';
  private watch: WatchHandle | undefined;
  private watchStartedAt = 0;
  private watchEvents = 0;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Pending until the first list is cached (or stop); dropped afterwards. */
  private sync: { promise: Promise<void>; resolve: () => void } | undefined;
  private state: 'new' | 'running' | 'stopped' = 'new';
  private isSynced = false;

  constructor(
    private readonly client: Client,
    readonly type: ResourceType,
    private readonly options: InformerOptions,
  ) {}

  get synced(): boolean {
    return this.isSynced;
  }

  get resourceVersion(): string {
    return this.lastResourceVersion;
  }

  start(): Promise<void> {
    if (this.isSynced || this.state === 'stopped') return Promise.resolve();
    if (!this.sync) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.sync = { promise, resolve };
    }
    if (this.state === 'new') {
      this.state = 'running';
      this.listAndWatch();
    }
    return this.sync.promise;
  }

  /** Stops watching; a start() still waiting for the first list resolves (synced stays false). */
  stop(): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.watch?.stop();
    this.watch = undefined;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.finishSync();
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.cache.get(this.type.namespaced ? namespace : undefined, name);
  }

  list(namespace?: string): KubeObject[] {
    return this.cache.list(namespace);
  }

  byIndex(index: string, value: string): KubeObject[] {
    return this.cache.byIndex(index, value);
  }

  addIndex(name: string, keys: (object: KubeObject) => string[]): void {
    this.cache.addIndex(name, keys);
  }

  addHandlers(handlers: InformerHandlers): void {
    this.handlers = [...this.handlers, handlers];
    if (handlers.add) for (const object of this.cache.list()) this.call(handlers, 'add', object);
  }

  // The loop is a chain of callbacks rather than an async function, so an idle informer keeps no
  // suspended frames: list → watch → (ended: watch again | 410: list | error: retry later).

  private listAndWatch(): void {
    this.relist().then(
      () => {
        if (this.state !== 'running') return;
        this.failures = 0;
        this.openWatch();
      },
      (error: unknown) => {
        if (this.state !== 'running') return;
        this.report(error, 'list failed; retrying');
        this.retryLater(() => this.listAndWatch());
      },
    );
  }

  private async relist(): Promise<void> {
    const items: KubeObject[] = [];
    let resourceVersion = '';
    let continueToken: string | undefined;
    do {
      const request: ListOptions = { limit: this.options.pageSize ?? 500 };
      if (this.options.labelSelector) request.labelSelector = this.options.labelSelector;
      if (this.options.fieldSelector) request.fieldSelector = this.options.fieldSelector;
      if (this.options.metadataOnly) request.metadataOnly = true;
      if (continueToken) request.continueToken = continueToken;
      const page = await this.client.list(this.type, this.options.namespace, request);
      if (this.state !== 'running') return;
      const transform = this.options.transform;
      for (const item of page.items) items.push(transform ? transform(item) : item);
      resourceVersion = page.resourceVersion;
      continueToken = page.continueToken;
    } while (continueToken);
    this.replace(items, resourceVersion);
    if (!this.isSynced) {
      this.isSynced = true;
      this.finishSync();
    }
  }

  /** Makes the cache equal to a fresh list, telling handlers what changed. */
  private replace(items: KubeObject[], resourceVersion: string): void {
    const present = new Set<string>();
    for (const object of items) {
      present.add(cacheKey(object.metadata.namespace, object.metadata.name));
      const old = this.cache.get(object.metadata.namespace, object.metadata.name ?? '');
      if (old && old.metadata.resourceVersion === object.metadata.resourceVersion) continue;
      this.cache.put(object);
      if (old) this.dispatchUpdate(old, object);
      else this.dispatch('add', object);
    }
    if (this.cache.size > present.size) {
      for (const old of this.cache.list()) {
        if (present.has(cacheKey(old.metadata.namespace, old.metadata.name))) continue;
        this.cache.remove(old.metadata.namespace, old.metadata.name ?? '');
        this.dispatch('delete', old);
      }
    }
    this.lastResourceVersion = resourceVersion;
  }

  private openWatch(): void {
    this.watchStartedAt = Date.now();
    this.watchEvents = 0;
    const handle = this.client.watch(
      this.type,
      this.options.namespace,
      { resourceVersion: this.lastResourceVersion, allowBookmarks: true, labelSelector: this.options.labelSelector, fieldSelector: this.options.fieldSelector, metadataOnly: this.options.metadataOnly },
      this.onWatchEvent,
    );
    this.watch = handle;
    handle.done.then(
      () => this.watchEnded(handle, undefined),
      (error: unknown) => this.watchEnded(handle, error),
    );
  }

  private watchEnded(handle: WatchHandle, error: unknown): void {
    if (this.state !== 'running' || this.watch !== handle) return;
    this.watch = undefined;
    if (error === undefined) {
      // A watch that closes at once without news is treated as a failure, so it cannot spin.
      if (this.watchEvents > 0 || Date.now() - this.watchStartedAt >= MIN_HEALTHY_WATCH_MS) {
        this.failures = 0;
        this.openWatch();
      } else {
        this.retryLater(() => this.openWatch());
      }
      return;
    }
    if (isExpired(error)) {
      this.listAndWatch();
      return;
    }
    this.report(error, 'watch failed; retrying');
    this.retryLater(() => this.openWatch());
  }

  private readonly onWatchEvent = (event: WatchEvent): void => {
    const object = this.options.transform && event.type !== 'BOOKMARK' ? this.options.transform(event.object) : event.object;
    const resourceVersion = object.metadata?.resourceVersion;
    if (resourceVersion) this.lastResourceVersion = resourceVersion;
    if (event.type === 'BOOKMARK') return;
    this.watchEvents++;
    const { namespace, name = '' } = object.metadata;
    if (event.type === 'DELETED') {
      if (this.cache.remove(namespace, name)) this.dispatch('delete', object);
      return;
    }
    const old = this.cache.get(namespace, name);
    if (old && old.metadata.resourceVersion === resourceVersion) return;
    this.cache.put(object);
    if (old) this.dispatchUpdate(old, object);
    else this.dispatch('add', object);
  };

  private dispatch(kind: 'add' | 'delete', object: KubeObject): void {
    for (const handlers of this.handlers) this.call(handlers, kind, object);
  }

  private dispatchUpdate(old: KubeObject, object: KubeObject): void {
    for (const handlers of this.handlers) {
      if (!handlers.update) continue;
      try {
        handlers.update(old, object);
      } catch (error) {
        this.handlerFailed(error);
      }
    }
  }

  private call(handlers: InformerHandlers, kind: 'add' | 'delete', object: KubeObject): void {
    const handler = handlers[kind];
    if (!handler) return;
    try {
      handler.call(handlers, object);
    } catch (error) {
      this.handlerFailed(error);
    }
  }

  private handlerFailed(error: unknown): void {
    if (this.options.log) this.report(error, 'informer handler threw');
    else process.emitWarning(`informer handler for ${this.type.resource} threw: ${String(error)}`);
  }

  /** The only timer an informer holds, and only while it waits to retry. */
  private retryLater(next: () => void): void {
    const base = this.options.relistBackoffMs ?? 1000;
    const delay = Math.min(this.options.maxBackoffMs ?? 30_000, base * 2 ** this.failures);
    this.failures = Math.min(this.failures + 1, 30);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.state === 'running') next();
    }, delay);
    this.retryTimer.unref();
  }

  private finishSync(): void {
    const sync = this.sync;
    this.sync = undefined;
    sync?.resolve();
  }

  private report(error: unknown, message: string): void {
    this.options.log?.warn({ err: error, group: this.type.group, resource: this.type.resource, namespace: this.options.namespace }, message);
  }
}

function cacheKey(namespace: string | undefined, name: string | undefined): string {
  return namespace ? `${namespace}/${name ?? ''}` : (name ?? '');
}
