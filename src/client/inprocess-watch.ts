// A watch served straight from a logical cluster's store: events reach onEvent synchronously, in
// revision order, as the store commits them. Initial events (no resourceVersion) are delivered on a
// microtask so onEvent never runs before watch() has returned its handle. One object per watch (it is
// its own sink and handle): the simulator keeps thousands of these open.

import type { ServedResource } from '../apiserver/registry/kind-registry.js';
import type { ClusterContext } from '../apiserver/rest/cluster-context.js';
import type { Rendered } from '../apiserver/rest/convert.js';
import type { Selection } from '../apiserver/rest/selection.js';
import { startWatch, type WatchEventType as StoreWatchEventType, type WatchRequest, type WatchSink } from '../apiserver/rest/watch.js';
import { partialObjectMetadata } from '../machinery/partial-metadata.js';
import type { Watcher } from '../storage/store.js';
import { toClientError } from './errors.js';
import type { WatchEvent, WatchHandle, WatchOptions } from './types.js';

/** The watches a client has open, so it can end them all (InProcessClient.endWatches). */
export type OpenWatches = Set<InProcessWatch>;

export class InProcessWatch implements WatchHandle, WatchSink {
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private rejectDone!: (error: unknown) => void;
  private watcher: Watcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ended = false;
  /** Events produced while startWatch runs (the initial list) wait here until the handle is returned. */
  private pending: WatchEvent[] | undefined = [];
  private metadataOnly = false;

  constructor(
    private readonly onEvent: (event: WatchEvent) => void,
    private readonly open: OpenWatches,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    // A caller that only ever calls stop() must not get an unhandled rejection.
    this.done.catch(() => undefined);
  }

  start(cluster: ClusterContext, served: ServedResource, namespace: string | undefined, selection: Selection, options: WatchOptions): this {
    this.open.add(this);
    this.metadataOnly = options.metadataOnly === true;
    try {
      const request: WatchRequest = { selection };
      if (options.resourceVersion !== undefined) request.resourceVersion = options.resourceVersion;
      this.watcher = startWatch(cluster.store, served, namespace, request, this);
      if (this.ended) this.watcher.stop();
    } catch (error) {
      // Reported through done, as a server reports a failed watch in the stream.
      this.end(error);
    }
    if (!this.ended && options.timeoutSeconds !== undefined && options.timeoutSeconds > 0) {
      this.timer = setTimeout(() => this.end(), options.timeoutSeconds * 1000);
      this.timer.unref();
    }
    if (this.pending && this.pending.length > 0) queueMicrotask(() => this.flushInitial());
    else this.pending = undefined;
    return this;
  }

  stop(): void {
    this.end();
  }

  /** Ends the watch: cleanly without an error, otherwise done rejects with it. */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.pending = undefined;
    this.watcher?.stop();
    if (this.timer) clearTimeout(this.timer);
    this.open.delete(this);
    if (error === undefined) this.resolveDone();
    else this.rejectDone(toClientError(error));
  }

  event(type: StoreWatchEventType, rendered: Rendered): void {
    if (this.ended) return;
    const event: WatchEvent = { type, object: this.metadataOnly ? partialObjectMetadata(rendered.object) : rendered.object };
    if (this.pending) this.pending.push(event);
    else this.deliver(event);
  }

  initialEventsEnd(): void {}

  /** The store ended the watch (410 when it lost history): done rejects with it and the caller relists. */
  error(error: unknown): void {
    this.end(error);
  }

  private flushInitial(): void {
    const initial = this.pending;
    if (!initial) return;
    // Live events that arrive meanwhile are appended and delivered in order.
    for (let i = 0; i < initial.length && !this.ended; i++) this.deliver(initial[i]!);
    this.pending = undefined;
  }

  private deliver(event: WatchEvent): void {
    try {
      this.onEvent(event);
    } catch (error) {
      this.end(error);
    }
  }
}
