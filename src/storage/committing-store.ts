// The Store every backend shares: reads and watches from MemoryState, writes group-committed through a
// backend. Writes accepted before a flush runs form one batch; the backend makes the whole batch durable
// at once (or fails it as a whole), then the batch is applied in memory and its promises resolve.

import type { KubeObject } from '../machinery/object.js';
import type { MemoryState } from './memory-state.js';
import { StoreError } from './store.js';
import type { ListOptions, ListResult, Store, StoreEntry, StoreEvent, Watcher, WatchOptions } from './store.js';

export interface CommitBackend {
  /** Runs flush later; writes arriving before it runs share one batch. */
  schedule(flush: () => void): void;
  /** Makes a batch durable, synchronously; throwing fails every write in it. */
  persist(batch: readonly StoreEvent[]): void;
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

  constructor(
    private readonly state: MemoryState,
    private readonly backend: CommitBackend,
  ) {}

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

  create(key: string, object: KubeObject): Promise<StoreEntry> {
    return this.write(key, () => this.state.prepareCreate(key, object));
  }

  update(key: string, object: KubeObject, expectedRevision?: number): Promise<StoreEntry> {
    return this.write(key, () => this.state.prepareUpdate(key, object, expectedRevision));
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
    await this.compaction;
    this.state.stopWatchers();
    this.backend.close();
  }

  private write(key: string, prepare: () => StoreEvent): Promise<StoreEntry> {
    if (this.closed) return Promise.reject(new StoreError('Closed', key));
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
      this.state.abort(events);
      for (const write of batch) write.reject(err);
      return;
    }
    this.state.commit(events);
    for (const write of batch) write.resolve(write.event.entry);
  };
}
