// The Store every backend shares: reads and watches from MemoryState, writes group-committed through a
// backend. Writes accepted before a flush runs form one batch; the backend makes the whole batch durable at
// once (or fails it as a whole), synchronously or — when it works elsewhere, like the SQLite writer thread —
// later, while the following batches are prepared and sent; then the batch is applied in memory and its
// promises resolve, in order.

import type { KubeObject } from '../machinery/object.js';
import { PendingConflict, type MemoryState } from './memory-state.js';
import { StoreError } from './store.js';
import type { Store, StoreEntry, StoreEvent, StoreWriteOptions } from './store.js';
import { StateReads } from './state-reads.js';

export interface CommitBackend {
  /** Runs flush later; writes arriving before it runs share one batch. */
  schedule(flush: () => void): void;
  /**
   * Makes a batch durable: done when it returns, or when the promise it returns resolves (promises resolve
   * in the order their batches were given). Throwing or rejecting fails every write in the batch.
   */
  persist(batch: readonly StoreEvent[]): void | Promise<void>;
  /** Removes durable history at or below revision. */
  compact(revision: number, isClosed: () => boolean): Promise<void>;
  close(): void | Promise<void>;
}

interface QueuedWrite {
  readonly event: StoreEvent;
  readonly resolve: (entry: StoreEntry) => void;
  readonly reject: (err: unknown) => void;
}

export class CommittingStore extends StateReads implements Store {
  private batch: QueuedWrite[] = [];
  private flushScheduled = false;
  private compaction: Promise<void> = Promise.resolve();
  /** Batches given to an asynchronous backend and not yet answered. */
  private readonly inFlight = new Set<Promise<void>>();
  /**
   * Set when an asynchronous batch failed: later batches were prepared on top of it, so the store stops
   * accepting writes (fail-stop, like etcd) rather than guess.
   */
  private broken: unknown;
  /**
   * Writes refused by a write not yet durable (see PendingConflict), each waiting for the batch holding
   * that write's revision to be committed or failed — that write only: one arriving later does not make
   * them wait longer.
   */
  private waiting: { revision: number; wake: () => void }[] = [];

  constructor(
    protected readonly state: MemoryState,
    private readonly backend: CommitBackend,
  ) {
    super();
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
    this.wakeWaiting(Infinity);
    await Promise.all(this.inFlight);
    await this.compaction;
    this.state.stopWatchers();
    await this.backend.close();
  }

  private write(key: string, prepare: () => StoreEvent): Promise<StoreEntry> {
    if (this.closed) return Promise.reject(new StoreError('Closed', key));
    if (this.broken) return Promise.reject(this.broken);
    let event: StoreEvent;
    try {
      event = prepare();
    } catch (err) {
      // Refused only by a write still on its way to disk: tried again once that one is durable or failed,
      // so the answer is the one a reader of the committed state would expect.
      if (err instanceof PendingConflict) return this.settled(this.state.pendingRevision(key) ?? 0).then(() => this.write(key, prepare));
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
    let pending: void | Promise<void>;
    try {
      pending = this.backend.persist(events);
    } catch (err) {
      return this.fail(batch, events, err);
    }
    if (!pending) return this.apply(batch, events);
    const answered = pending.then(
      () => (this.broken ? this.fail(batch, events, this.broken) : this.apply(batch, events)),
      (err: unknown) => {
        this.broken ??= err;
        this.fail(batch, events, err);
      },
    );
    this.inFlight.add(answered);
    void answered.finally(() => this.inFlight.delete(answered));
  };

  private apply(batch: readonly QueuedWrite[], events: readonly StoreEvent[]): void {
    this.state.commit(events);
    for (const write of batch) write.resolve(write.event.entry);
    this.wakeWaiting(lastRevision(events));
  }

  /** A batch that may be on disk but was never acknowledged: never applied in memory either. */
  private fail(batch: readonly QueuedWrite[], events: readonly StoreEvent[], err: unknown): void {
    this.state.abort(events);
    for (const write of batch) write.reject(err);
    this.wakeWaiting(lastRevision(events));
  }

  /** Resolves once the batch holding `revision` is committed or failed (batches finish in revision order). */
  private settled(revision: number): Promise<void> {
    return new Promise((wake) => this.waiting.push({ revision, wake }));
  }

  private wakeWaiting(throughRevision: number): void {
    if (this.waiting.length === 0) return;
    const still: typeof this.waiting = [];
    for (const w of this.waiting) {
      if (w.revision <= throughRevision) w.wake();
      else still.push(w);
    }
    this.waiting = still;
  }
}

function lastRevision(events: readonly StoreEvent[]): number {
  return events.length > 0 ? events[events.length - 1]!.revision : 0;
}
