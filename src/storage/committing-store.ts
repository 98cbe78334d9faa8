// The Store every backend shares: reads and watches from MemoryState, writes group-committed through a
// backend. Writes accepted before a flush runs form one batch; the backend writes the whole batch at once
// (or fails it as a whole) and, when it says so, makes it durable with a shared fsync off the event loop
// (later batches are written meanwhile); then the batch is applied in memory and its promises resolve.

import type { KubeObject } from '../machinery/object.js';
import { FsyncBatcher } from './fsync-batcher.js';
import type { MemoryState } from './memory-state.js';
import { StoreError } from './store.js';
import type { ListOptions, ListResult, Store, StoreEntry, StoreEvent, StoreWriteOptions, Watcher, WatchOptions } from './store.js';

export interface CommitBackend {
  /** Runs flush later; writes arriving before it runs share one batch. */
  schedule(flush: () => void): void;
  /** Writes a batch, synchronously; throwing fails every write in it. Durable unless `durable` is set. */
  persist(batch: readonly StoreEvent[]): void;
  /** When set: makes everything persisted before the call durable; a batch is acknowledged only after. */
  durable?: () => Promise<void>;
  /** Removes durable history at or below revision. */
  compact(revision: number, isClosed: () => boolean): Promise<void>;
  close(): void;
}

interface QueuedWrite {
  readonly event: StoreEvent;
  readonly resolve: (entry: StoreEntry) => void;
  readonly reject: (err: unknown) => void;
}

export class CommittingStore implements Store {
  private batch: QueuedWrite[] = [];
  private flushScheduled = false;
  private closed = false;
  private compaction: Promise<void> = Promise.resolve();
  private readonly syncs: FsyncBatcher | undefined;
  /** Batches written but not yet durable. */
  private readonly syncing = new Set<Promise<void>>();
  /** Set when making writes durable failed: the store stops accepting writes (fail-stop, like etcd). */
  private broken: unknown;

  constructor(
    private readonly state: MemoryState,
    private readonly backend: CommitBackend,
  ) {
    this.syncs = backend.durable ? new FsyncBatcher(backend.durable) : undefined;
  }

  get revision(): number {
    return this.state.revision;
  }

  get compactedRevision(): number {
    return this.state.compactedRevision;
  }

  get(key: string): StoreEntry | undefined {
    return this.state.get(key);
  }

  list(prefix: string, options?: ListOptions): ListResult {
    return this.state.list(prefix, options);
  }

  count(prefix: string): number {
    return this.state.count(prefix);
  }

  watch(prefix: string, options: WatchOptions): Watcher {
    if (this.closed) throw new StoreError('Closed', prefix);
    return this.state.watch(prefix, options);
  }

  create(key: string, object: KubeObject, options?: StoreWriteOptions): Promise<StoreEntry> {
    return this.write(key, () => this.state.prepareCreate(key, object, options?.handOver === true));
  }

  update(key: string, object: KubeObject, expectedRevision?: number, options?: StoreWriteOptions): Promise<StoreEntry> {
    return this.write(key, () => this.state.prepareUpdate(key, object, expectedRevision, options?.handOver === true));
  }

  delete(key: string, expectedRevision?: number): Promise<StoreEntry> {
    return this.write(key, () => this.state.prepareDelete(key, expectedRevision));
  }

  compact(revision: number): Promise<void> {
    if (this.closed) return Promise.reject(new StoreError('Closed', ''));
    try {
      this.state.compact(revision);
    } catch (err) {
      return Promise.reject(err);
    }
    // One compaction at a time; a later one starts where the earlier one stopped.
    const run = this.compaction.then(() => this.backend.compact(revision, () => this.closed));
    this.compaction = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    await Promise.all(this.syncing);
    await this.compaction;
    this.state.stopWatchers();
    this.backend.close();
  }

  private write(key: string, prepare: () => StoreEvent): Promise<StoreEntry> {
    if (this.closed) return Promise.reject(new StoreError('Closed', key));
    if (this.broken) return Promise.reject(this.broken);
    let event: StoreEvent;
    try {
      event = prepare();
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<StoreEntry>((resolve, reject) => {
      this.batch.push({ event, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        this.backend.schedule(this.flush);
      }
    });
  }

  private readonly flush = (): void => {
    this.flushScheduled = false;
    const batch = this.batch;
    if (batch.length === 0) return;
    this.batch = [];
    const events = batch.map((write) => write.event);
    try {
      this.backend.persist(events);
    } catch (err) {
      return this.fail(batch, events, err);
    }
    if (!this.syncs) return this.apply(batch, events);
    const durable = this.syncs.after().then(
      () => (this.broken ? this.fail(batch, events, this.broken) : this.apply(batch, events)),
      (err: unknown) => {
        this.broken ??= err;
        this.fail(batch, events, err);
      },
    );
    this.syncing.add(durable);
    void durable.finally(() => this.syncing.delete(durable));
  };

  private apply(batch: readonly QueuedWrite[], events: readonly StoreEvent[]): void {
    this.state.commit(events);
    for (const write of batch) write.resolve(write.event.entry);
  }

  /** A batch that may be on disk but was never acknowledged: never applied in memory either. */
  private fail(batch: readonly QueuedWrite[], events: readonly StoreEvent[], err: unknown): void {
    this.state.abort(events);
    for (const write of batch) write.reject(err);
  }
}
