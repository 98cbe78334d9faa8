// Opens a store from a spec (DESIGN.md §4). Every backend serves reads and watches from memory.

import { createMemoryStore } from './memory.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export type StoreSpec = { kind: 'memory' } | { kind: 'sqlite'; path: string; fsync?: 'full' | 'normal' };

export interface OpenStoreOptions {
  /** Events kept in memory for watch resume and list-at-revision (default 100,000). */
  historyCapacity?: number;
}

export function openStore(spec: StoreSpec, options: OpenStoreOptions = {}): Store {
  switch (spec.kind) {
    case 'memory':
      return createMemoryStore(options);
    case 'sqlite':
      return openSqliteStore(spec.path, { ...options, fsync: spec.fsync });
  }
}

export { createMemoryStore } from './memory.js';
export type { MemoryStoreOptions } from './memory.js';
export { openSqliteStore } from './sqlite.js';
export type { SqliteStoreOptions } from './sqlite.js';
export { DEFAULT_HISTORY_CAPACITY } from './memory-state.js';
export { StoreError } from './store.js';
export type {
  ListOptions,
  ListResult,
  Store,
  StoreEntry,
  StoreErrorCode,
  StoreEvent,
  StoreEventType,
  Watcher,
  WatchOptions,
} from './store.js';
