// The in-memory core every backend shares (the watch cache): committed state with an ordered key index,
// a ring of recent events, watcher fan-out, and an overlay of accepted-but-uncommitted writes.
//
// Writes go through two steps. prepare*() checks the write against the newest version of the key —
// including accepted writes not yet durable — assigns the next revision and records it in the overlay.
// commit() applies prepared writes, in revision order, once the backend has made them durable. Reads and
// watches see committed versions only, so nobody observes a write that a crash could still lose.
//
// History bound: the store answers lists and watches at revisions >= floor. compact(rev) and ring
// eviction of the event at rev forget the events <= rev, so the floor becomes rev; compactedRevision
// reports floor - 1, the highest revision that answers Compacted.

import type { KubeObject } from '../machinery/object.js';
import { deletedVersion, newVersion } from './entry.js';
import { HistoryRing } from './history-ring.js';
import { inRange, prefixRange } from './key-range.js';
import { countRange, listRange } from './list-range.js';
import type { OrderedState } from './list-range.js';
import { SortedKeys } from './sorted-keys.js';
import { stateDiff } from './state-diff.js';
import { StoreError } from './store.js';
import type { ListOptions, ListResult, StoreEntry, StoreEvent, Watcher, WatchOptions } from './store.js';
import { WatcherRegistry } from './watcher-registry.js';

export const DEFAULT_HISTORY_CAPACITY = 100_000;

export interface MemoryStateOptions {
  /** Events kept for watch resume and list-at-revision. */
  historyCapacity?: number;
  /** The revision of the loaded state (0 for a new store). */
  revision?: number;
  /** Versions loaded from a backend. */
  entries?: Iterable<StoreEntry>;
}

interface PendingVersion {
  readonly revision: number;
  /** undefined: deleted by the pending write. */
  readonly entry: StoreEntry | undefined;
}

export class MemoryState {
  private readonly entries = new Map<string, StoreEntry>();
  private readonly keys: SortedKeys;
  private readonly view: OrderedState;
  private readonly history: HistoryRing;
  private readonly watchers = new WatcherRegistry();
  private readonly pending = new Map<string, PendingVersion>();
  private committed: number;
  private nextRevision: number;
  private floor: number;

  constructor(options: MemoryStateOptions = {}) {
    this.history = new HistoryRing(options.historyCapacity ?? DEFAULT_HISTORY_CAPACITY);
    let revision = options.revision ?? 0;
    const loaded: string[] = [];
    for (const entry of options.entries ?? []) {
      this.entries.set(entry.key, entry);
      loaded.push(entry.key);
      if (entry.revision > revision) revision = entry.revision;
    }
    if (!isSorted(loaded)) loaded.sort();
    this.keys = SortedKeys.fromSorted(loaded);
    this.view = { keys: this.keys, entries: this.entries };
    this.committed = revision;
    this.nextRevision = revision + 1;
    // Loaded state comes without history: only the current revision can be listed or watched from.
    this.floor = revision;
  }

  get revision(): number {
    return this.committed;
  }

  get compactedRevision(): number {
    return Math.max(0, this.floor - 1);
  }

  get(key: string): StoreEntry | undefined {
    return this.entries.get(key);
  }

  count(prefix: string): number {
    return countRange(this.view, prefixRange(prefix));
  }

  list(prefix: string, options: ListOptions = {}): ListResult {
    const range = prefixRange(prefix);
    const revision = options.revision || this.committed;
    let rollback: Map<string, StoreEntry | undefined> | undefined;
    if (revision !== this.committed) {
      this.checkServable(revision, prefix);
      rollback = new Map();
      for (let i = this.history.indexAfter(revision); i < this.history.size; i++) {
        const event = this.history.at(i);
        if (rollback.has(event.key) || !inRange(event.key, range)) continue;
        rollback.set(event.key, event.type === 'ADDED' ? undefined : event.prev);
      }
    }
    const page = listRange(this.view, range, options.startAfter, options.limit, rollback);
    return { items: page.items, revision, more: page.remaining > 0, remaining: page.remaining };
  }

  watch(prefix: string, options: WatchOptions): Watcher {
    this.checkServable(options.fromRevision, prefix);
    const range = prefixRange(prefix);
    const history = this.history.since(options.fromRevision).filter((event) => inRange(event.key, range));
    return this.watchers.add(prefix, options.fromRevision, history, options.onEvent, options.onError);
  }

  /** handedOver: the object may be kept as the stored version (see StoreWriteOptions). */
  prepareCreate(key: string, object: KubeObject, handedOver = false): StoreEvent {
    if (this.latest(key)) throw new (this.entries.has(key) ? StoreError : PendingConflict)('AlreadyExists', key);
    const revision = this.nextRevision;
    const entry = newVersion(key, object, revision, revision, handedOver);
    return this.accept({ type: 'ADDED', key, revision, entry });
  }

  prepareUpdate(key: string, object: KubeObject, expectedRevision?: number, handedOver = false): StoreEvent {
    const prev = this.latestMatching(key, expectedRevision);
    const revision = this.nextRevision;
    const entry = newVersion(key, object, revision, prev.createRevision, handedOver);
    return this.accept({ type: 'MODIFIED', key, revision, entry, prev });
  }

  prepareDelete(key: string, expectedRevision?: number): StoreEvent {
    const prev = this.latestMatching(key, expectedRevision);
    const revision = this.nextRevision;
    return this.accept({ type: 'DELETED', key, revision, entry: deletedVersion(prev, revision), prev });
  }

  /** Applies durable writes, oldest first, and tells the watchers. */
  commit(events: readonly StoreEvent[]): void {
    for (const event of events) {
      const { key } = event;
      if (event.type === 'DELETED') {
        this.entries.delete(key);
        this.keys.remove(key);
      } else {
        if (event.type === 'ADDED') this.keys.insert(key);
        this.entries.set(key, event.entry);
      }
      if (this.pending.get(key)?.revision === event.revision) this.pending.delete(key);
      this.committed = event.revision;
      const evicted = this.history.push(event);
      if (evicted && evicted.revision > this.floor) this.floor = evicted.revision;
      this.watchers.publish(event);
    }
  }

  /** The revision of the newest write of key that is accepted and not yet committed or aborted. */
  pendingRevision(key: string): number | undefined {
    return this.pending.get(key)?.revision;
  }

  /** Forgets writes the backend failed to make durable. */
  abort(events: readonly StoreEvent[]): void {
    for (const event of events) {
      if (this.pending.get(event.key)?.revision === event.revision) this.pending.delete(event.key);
    }
    // Their revisions were never seen by anyone; reuse them so revisions stay dense.
    if (this.pending.size === 0) this.nextRevision = this.committed + 1;
  }

  compact(revision: number): void {
    if (revision > this.committed) throw new StoreError('FutureRevision', '', `cannot compact at ${revision}: the current revision is ${this.committed}`);
    if (revision <= this.floor) return;
    this.history.dropThrough(revision);
    this.floor = revision;
  }

  stopWatchers(): void {
    this.watchers.stopAll();
  }

  /**
   * This state is replaced by `next` (a fresh load at a later revision): watchers that can relist end with
   * `error`; the others get the difference between the two states as events, then next's live events.
   */
  handOverWatchers(next: MemoryState, error: StoreError): void {
    this.watchers.endAll(error, (prefix, onEvent) => {
      for (const event of stateDiff(this.list(prefix).items, next.list(prefix).items, next.revision)) onEvent(event);
      return next.watch(prefix, { fromRevision: next.revision, onEvent });
    });
  }

  private checkServable(revision: number, prefix: string): void {
    if (!Number.isSafeInteger(revision)) throw new RangeError(`revision must be an integer, got ${revision}`);
    if (revision > this.committed) {
      throw new StoreError('FutureRevision', prefix, `revision ${revision} is newer than the current revision ${this.committed}`);
    }
    if (revision < this.floor) {
      throw new StoreError('Compacted', prefix, `revision ${revision} has been compacted; the oldest available is ${this.floor}`);
    }
  }

  /** The newest accepted version of a key, pending or committed. */
  private latest(key: string): StoreEntry | undefined {
    const pending = this.pending.get(key);
    return pending ? pending.entry : this.entries.get(key);
  }

  private latestMatching(key: string, expectedRevision: number | undefined): StoreEntry {
    const prev = this.latest(key);
    const committed = this.entries.get(key);
    if (!prev) throw new (committed ? PendingConflict : StoreError)('NotFound', key);
    if (expectedRevision !== undefined && prev.revision !== expectedRevision) {
      const onlyPending = committed?.revision === expectedRevision;
      throw new (onlyPending ? PendingConflict : StoreError)('Conflict', key, `${key} is at revision ${prev.revision}, not ${expectedRevision}`);
    }
    return prev;
  }

  private accept(event: StoreEvent): StoreEvent {
    this.nextRevision = event.revision + 1;
    this.pending.set(event.key, { revision: event.revision, entry: event.type === 'DELETED' ? undefined : event.entry });
    return event;
  }
}

/**
 * A write refused only because of another write to its key that is accepted but not yet durable: against
 * what readers can see, it would have gone through. The committing store answers it once that write is
 * committed or failed, so a refusal is never reported against a version nobody can read yet.
 */
export class PendingConflict extends StoreError {}

function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! >= keys[i]!) return false;
  return true;
}
