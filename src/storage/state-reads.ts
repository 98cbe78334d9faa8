// The reads every Store serves from its in-memory state: the backends differ only in how they write.

import type { MemoryState } from './memory-state.js';
import { StoreError } from './store.js';
import type { ListOptions, ListResult, StoreEntry, Watcher, WatchOptions } from './store.js';

export abstract class StateReads {
  /** The state reads are served from (a backend may replace it, as etcd's does when it relists). */
  protected abstract readonly state: MemoryState;
  protected closed = false;

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
}
