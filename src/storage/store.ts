// The MVCC store every backend implements (DESIGN.md §4). One global, strictly increasing revision per
// store; it is every object's resourceVersion. Reads and watches are served from memory; only writes go
// to the backend. Values are stored serialized once, with metadata.resourceVersion already set, so the
// bytes can be reused for GET, LIST and every watcher.

import type { KubeObject } from '../machinery/object.js';

export interface StoreEntry {
  readonly key: string;
  /** JSON of the object, metadata.resourceVersion set to String(revision). */
  readonly value: string;
  /** Parsed object; shared, never mutate it. */
  readonly object: KubeObject;
  /** The revision that wrote this version (mod revision). */
  readonly revision: number;
  /** The revision that created the key. */
  readonly createRevision: number;
}

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  readonly type: StoreEventType;
  readonly key: string;
  /** Revision of this change (for DELETED: the revision of the delete). */
  readonly revision: number;
  /** ADDED/MODIFIED: the new version. DELETED: the last version, value/object carrying the delete revision as resourceVersion. */
  readonly entry: StoreEntry;
  /** The version before this change (absent for ADDED). */
  readonly prev?: StoreEntry;
}

export interface StoreWriteOptions {
  /**
   * The caller hands the object over: the store may keep it as the stored version instead of a copy, so
   * the caller must never touch it again, and it must be plain JSON (no undefined members). Without it
   * the store shares nothing with the caller's object.
   */
  handOver?: boolean;
}

export interface ListOptions {
  /** List as of this revision; 0/undefined = current. Older than the retained history → StoreError 'Compacted'. */
  revision?: number;
  /** Return keys strictly greater than this (pagination). */
  startAfter?: string;
  /** At most this many items (0/undefined = all). */
  limit?: number;
}

export interface ListResult {
  items: StoreEntry[];
  /** The revision the list is consistent at. */
  revision: number;
  /** True when more keys under the prefix follow the last item. */
  more: boolean;
  /** How many keys follow the last item (when more). */
  remaining: number;
}

export interface Watcher {
  stop(): void;
}

export interface WatchOptions {
  /** Deliver events with revision > fromRevision. Older than the retained history → StoreError 'Compacted'. */
  fromRevision: number;
  onEvent: (event: StoreEvent) => void;
  /**
   * The store ended this watch: it can no longer deliver every event after the last one delivered (a
   * shared backend lost history this store had not seen yet: code 'Compacted'). No event follows; the
   * watcher lists again. Stores that never lose history never call it; a watcher without onError is
   * caught up instead, with the difference as events, and carries on.
   */
  onError?: (error: StoreError) => void;
}

export type StoreErrorCode = 'AlreadyExists' | 'NotFound' | 'Conflict' | 'Compacted' | 'FutureRevision' | 'Closed';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    readonly key: string,
    message?: string,
  ) {
    super(message ?? `${code}: ${key}`);
    this.name = 'StoreError';
  }
}

export interface Store {
  /** The latest committed revision. */
  readonly revision: number;
  /** Watches and lists at or below this revision answer Compacted. */
  readonly compactedRevision: number;

  get(key: string): StoreEntry | undefined;
  list(prefix: string, options?: ListOptions): ListResult;
  /** Number of keys under a prefix at the current revision. */
  count(prefix: string): number;

  /** Fails with AlreadyExists. Resolves once durable. */
  create(key: string, object: KubeObject, options?: StoreWriteOptions): Promise<StoreEntry>;
  /** expectedRevision: compare-and-swap against the current mod revision (Conflict), undefined = unconditional. NotFound if absent. */
  update(key: string, object: KubeObject, expectedRevision?: number, options?: StoreWriteOptions): Promise<StoreEntry>;
  /** Returns the deleted entry (value carries the delete revision). NotFound / Conflict as update. */
  delete(key: string, expectedRevision?: number): Promise<StoreEntry>;

  /** Prefix watch; events strictly in revision order. */
  watch(prefix: string, options: WatchOptions): Watcher;

  /** Forget history at or below revision (lists/watches older than it answer Compacted). */
  compact(revision: number): Promise<void>;
  close(): Promise<void>;
}
