// The memory backend: nothing to make durable, so a batch commits on the next microtask. Used by simulated
// clusters and tests.

import { CommittingStore } from './committing-store.js';
import { MemoryState } from './memory-state.js';
import type { Store } from './store.js';

export interface MemoryStoreOptions {
  /** Events kept for watch resume and list-at-revision (default 100,000). */
  historyCapacity?: number;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const state = new MemoryState({ historyCapacity: options.historyCapacity });
  return new CommittingStore(state, {
    schedule: (flush) => queueMicrotask(flush),
    persist: () => undefined,
    compact: async () => undefined,
    close: () => undefined,
  });
}
