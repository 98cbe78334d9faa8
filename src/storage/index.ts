// Opens a store from a spec (DESIGN.md §4). Every backend serves reads and watches from memory.

import { createMemoryStore } from './memory.js';
import { openSqliteStore } from './sqlite.js';
import { openEtcdStore, type EtcdStoreOptions } from './etcd.js';
import type { Store } from './store.js';
import type { ValueTransformer } from './transformer.js';

export type StoreSpec = { kind: 'memory' } | { kind: 'sqlite'; path: string; fsync?: 'full' | 'normal' };

export interface OpenStoreOptions {
  /** Events kept in memory for watch resume and list-at-revision (default 100,000). */
  historyCapacity?: number;
  /** Applied to values on the durable write and read paths (encryption at rest); memory ignores it. */
  transformer?: ValueTransformer;
}

/** etcd (for several hubs on one etcd cluster): resolves once the current state is loaded. */
export type EtcdStoreSpec = { kind: 'etcd' } & Omit<EtcdStoreOptions, 'historyCapacity'>;

export function openStore(spec: EtcdStoreSpec, options?: OpenStoreOptions): Promise<Store>;
export function openStore(spec: StoreSpec, options?: OpenStoreOptions): Store;
export function openStore(spec: StoreSpec | EtcdStoreSpec, options: OpenStoreOptions = {}): Store | Promise<Store> {
  switch (spec.kind) {
    case 'etcd':
      return openEtcdStore({ ...options, ...spec });
    case 'memory':
      return createMemoryStore(options);
    case 'sqlite':
      return openSqliteStore(spec.path, { ...options, fsync: spec.fsync });
  }
}

export { createMemoryStore } from './memory.js';
export type { MemoryStoreOptions } from './memory.js';
export { openSqliteStore } from './sqlite.js';
export { openEtcdStore } from './etcd.js';
export type { EtcdStoreOptions } from './etcd.js';
export type { EtcdTls } from './etcd-connection.js';
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
