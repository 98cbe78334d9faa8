// The etcd backend (DESIGN.md §4): etcd holds the data, this process holds a watch cache of it.
//
// - The revision is etcd's revision; an object's resourceVersion is its mod_revision.
// - Writes are etcd transactions: create succeeds only if the key has no create revision, update and
//   delete with an expected revision compare the mod revision (compare-and-swap), unconditional ones
//   check only that the key exists. Writes to one key from this process are sent one at a time, in order.
// - Reads and watches are served from memory (MemoryState): loaded by a paginated range read at one
//   revision, then fed by an etcd watch from the next revision. Several processes on one etcd each serve
//   consistent reads and watches, and a write resolves only once this process has applied its revision,
//   so a client reads its own writes through the same hub.
// - When the watch breaks it resumes after the last applied revision; if etcd has compacted that away,
//   the state is listed again and every watcher of this store that can relist ends with 'Compacted'
//   (kube-apiserver's watch cache ends its watches the same way; clients come back, get 410, relist).
//   Watchers without onError (the server's own level-triggered loops) get the difference as events.

import type { Etcd3, IEvent, IRangeResponse, ITxnResponse } from 'etcd3';
import type { Logger } from 'pino';
import type { KubeObject } from '../machinery/object.js';
import { EtcdCodec, EtcdKeyspace, entryFromPlain, plainJson, type EtcdKeyValue } from './etcd-codec.js';
import { createEtcdClient, retryUnsent, type EtcdConnectionOptions } from './etcd-connection.js';
import { EtcdWatchLoop, type EtcdWatchBackoff } from './etcd-watch.js';
import { deletedVersion } from './entry.js';
import { KeySerializer } from './key-serializer.js';
import { MemoryState } from './memory-state.js';
import { RevisionBarrier } from './revision-barrier.js';
import { StoreError } from './store.js';
import type { Store, StoreEntry, StoreEvent } from './store.js';
import { StateReads } from './state-reads.js';
import { IDENTITY_TRANSFORMER, type ValueTransformer } from './transformer.js';
import { within } from '../machinery/within.js';

export interface EtcdStoreOptions extends EtcdConnectionOptions {
  /** Every key lives under this etcd prefix (default /registry). */
  prefix?: string;
  /** What values go through on their way to etcd and back (default: stored as they are). */
  transformer?: ValueTransformer;
  /** Events kept in memory for watch resume and list-at-revision (default 100,000). */
  historyCapacity?: number;
  /** Keys per range request while loading (default 1000). */
  listPageSize?: number;
  /** How long close() lets writes in flight finish (default 5 s). */
  closeTimeoutMs?: number;
  watchBackoff?: EtcdWatchBackoff;
  log?: Logger;
}

interface Loaded {
  revision: number;
  entries: StoreEntry[];
}

/** Connects, loads the current state and starts the watch; resolves once reads are served. */
export async function openEtcdStore(options: EtcdStoreOptions): Promise<Store> {
  const client = createEtcdClient(options);
  try {
    const store = new EtcdStore(client, options);
    await store.start();
    return store;
  } catch (error) {
    client.close();
    throw error;
  }
}

class EtcdStore extends StateReads implements Store {
  private readonly keyspace: EtcdKeyspace;
  private readonly codec: EtcdCodec;
  private readonly keyOrder = new KeySerializer();
  private readonly applied = new RevisionBarrier();
  private readonly watchLoop: EtcdWatchLoop;
  protected state: MemoryState;
  /** The next revision the etcd watch must deliver. */
  private resume = 0;
  private compaction: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: Etcd3,
    private readonly options: EtcdStoreOptions,
  ) {
    super();
    this.keyspace = new EtcdKeyspace(options.prefix);
    this.codec = new EtcdCodec(this.keyspace, options.transformer ?? IDENTITY_TRANSFORMER);
    this.state = new MemoryState({ historyCapacity: options.historyCapacity });
    this.watchLoop = new EtcdWatchLoop(
      client,
      this.keyspace.range(),
      {
        resumeFrom: () => this.resume,
        events: (events) => this.apply(events),
        progress: (revision) => {
          this.resume = Math.max(this.resume, revision + 1);
        },
        compacted: (compactRevision) => this.relist(compactRevision),
        broken: (error, attempt, delayMs) => {
          if (!this.closed) this.options.log?.warn({ error: String((error as Error)?.message ?? error), attempt, retryInMs: delayMs, resumeFrom: this.resume }, 'etcd watch broken; resuming');
        },
      },
      options.watchBackoff,
    );
  }

  async start(): Promise<void> {
    let loaded: Loaded;
    try {
      loaded = await this.load();
    } catch (error) {
      if (error instanceof UnreadableValueError) throw error;
      throw new Error(`cannot reach etcd at ${this.options.endpoints.join(',')}: ${(error as Error).message.split('\n')[0]!.replace(/\s*Resolution note:.*$/, '')}; check the endpoints, that etcd runs, and its TLS settings`, { cause: error });
    }
    this.replaceState(loaded);
    this.watchLoop.start();
  }


  create(key: string, object: KubeObject): Promise<StoreEntry> {
    return this.write(key, async (etcdKey) => {
      const plain = plainJson(object);
      const res = await retryUnsent(() => this.client.kv.txn({
        compare: [{ key: etcdKey, target: 'Create', result: 'Equal', create_revision: 0 }],
        success: [{ request_put: { key: etcdKey, value: this.codec.encode(key, plain) } }],
        failure: [],
      }));
      if (!res.succeeded) throw new StoreError('AlreadyExists', key);
      const revision = Number(res.header.revision);
      return { revision, entry: entryFromPlain(key, plain, revision, revision) };
    });
  }

  update(key: string, object: KubeObject, expectedRevision?: number): Promise<StoreEntry> {
    return this.write(key, async (etcdKey) => {
      this.failIfSuperseded(key, expectedRevision);
      const plain = plainJson(object);
      const res = await retryUnsent(() => this.client.kv.txn({
        compare: [this.precondition(etcdKey, expectedRevision)],
        success: [{ request_put: { key: etcdKey, value: this.codec.encode(key, plain) } }, { request_range: { key: etcdKey, keys_only: true } }],
        failure: [{ request_range: { key: etcdKey, keys_only: true } }],
      }));
      if (!res.succeeded) throw this.failedPrecondition(key, res, expectedRevision);
      const revision = Number(res.header.revision);
      const written = rangeOf(res, 1).kvs[0];
      if (!written) throw new Error(`etcd returned no ${key} right after writing it`);
      return { revision, entry: entryFromPlain(key, plain, revision, Number(written.create_revision)) };
    });
  }

  delete(key: string, expectedRevision?: number): Promise<StoreEntry> {
    return this.write(key, async (etcdKey) => {
      this.failIfSuperseded(key, expectedRevision);
      const res = await retryUnsent(() => this.client.kv.txn({
        compare: [this.precondition(etcdKey, expectedRevision)],
        success: [{ request_delete_range: { key: etcdKey, prev_kv: true } }],
        failure: [{ request_range: { key: etcdKey, keys_only: true } }],
      }));
      if (!res.succeeded) throw this.failedPrecondition(key, res, expectedRevision);
      const revision = Number(res.header.revision);
      const prev = res.responses[0]?.response_delete_range?.prev_kvs[0];
      if (!prev) throw new Error(`etcd returned no previous value for deleted ${key}`);
      return { revision, entry: deletedVersion(this.codec.decode(prev), revision) };
    });
  }

  compact(revision: number): Promise<void> {
    if (this.closed) return Promise.reject(new StoreError('Closed', ''));
    try {
      this.state.compact(revision);
    } catch (err) {
      return Promise.reject(err);
    }
    const run = this.compaction.then(async () => {
      try {
        await this.client.kv.compact({ revision });
      } catch (err) {
        // Another hub (or etcd's own auto-compaction) got there first.
        if (!/compacted/.test(String((err as Error).message))) throw err;
      }
    });
    this.compaction = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Writes already sent get a moment to be applied, so their callers hear how they ended.
    await within(this.keyOrder.idle(), this.options.closeTimeoutMs ?? 5000, undefined);
    await this.compaction;
    await this.watchLoop.stop();
    this.applied.fail(new StoreError('Closed', '', 'the store closed before the write was seen by its watch'));
    this.state.stopWatchers();
    this.client.close();
  }

  private write(key: string, send: (etcdKey: Buffer) => Promise<{ revision: number; entry: StoreEntry }>): Promise<StoreEntry> {
    if (this.closed) return Promise.reject(new StoreError('Closed', key));
    let etcdKey: Buffer;
    try {
      etcdKey = this.keyspace.toEtcd(key);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.keyOrder.run(key, async () => {
      if (this.closed) throw new StoreError('Closed', key);
      const { revision, entry } = await send(etcdKey);
      await this.applied.wait(revision);
      return entry;
    });
  }

  /**
   * A cached version newer than the expected one proves the compare-and-swap would fail (a key's mod
   * revision only grows), so it fails here without a round trip: many writers racing on one key cost one
   * etcd transaction per winner. An older or missing cached version may just be lagging; etcd decides.
   */
  private failIfSuperseded(key: string, expectedRevision: number | undefined): void {
    const cached = this.state.get(key);
    if (expectedRevision !== undefined && cached && cached.revision > expectedRevision) {
      throw new StoreError('Conflict', key, `${key} is at revision ${cached.revision}, not ${expectedRevision}`);
    }
  }

  private precondition(etcdKey: Buffer, expectedRevision: number | undefined) {
    return expectedRevision === undefined
      ? ({ key: etcdKey, target: 'Create', result: 'Greater', create_revision: 0 } as const)
      : ({ key: etcdKey, target: 'Mod', result: 'Equal', mod_revision: expectedRevision } as const);
  }

  private failedPrecondition(key: string, res: ITxnResponse, expectedRevision: number | undefined): StoreError {
    const current = rangeOf(res, 0).kvs[0];
    if (!current) return new StoreError('NotFound', key);
    return new StoreError('Conflict', key, `${key} is at revision ${current.mod_revision}, not ${expectedRevision}`);
  }

  /** Applies watch events in order; each event's prev is the version this state holds. */
  private apply(events: readonly IEvent[]): void {
    let last = 0;
    for (const event of events) {
      const revision = Number(event.kv.mod_revision);
      last = revision;
      if (revision <= this.state.revision) continue;
      const change = this.toStoreEvent(event, revision);
      if (change) this.state.commit([change]);
    }
    if (last > 0) this.resume = Math.max(this.resume, last + 1);
    this.applied.release(Math.max(this.state.revision, last));
  }

  private toStoreEvent(event: IEvent, revision: number): StoreEvent | undefined {
    const key = this.keyspace.fromEtcd(event.kv.key);
    const prev = this.state.get(key);
    if (event.type === 'Delete') {
      // A key this state never held (it could not be read) has nothing to delete.
      if (!prev) return undefined;
      return { type: 'DELETED', key, revision, entry: deletedVersion(prev, revision), prev };
    }
    let entry: StoreEntry;
    try {
      entry = this.codec.decode(event.kv);
    } catch (err) {
      this.options.log?.error({ key, revision, err }, 'cannot read a value from etcd; the hub keeps its previous version');
      return undefined;
    }
    return prev ? { type: 'MODIFIED', key, revision, entry, prev } : { type: 'ADDED', key, revision, entry };
  }

  /** etcd compacted past the last applied revision: start over from a fresh list. */
  private async relist(compactRevision: number): Promise<void> {
    const from = this.resume;
    const loaded = await this.load();
    this.options.log?.warn({ resumeFrom: from, compactRevision, relistedAt: loaded.revision }, 'etcd compacted history this hub had not seen; relisted and ended every watch');
    const old = this.replaceState(loaded);
    old.handOverWatchers(this.state, new StoreError('Compacted', '', `etcd compacted revision ${from - 1}; this server relisted at revision ${loaded.revision}`));
  }

  private replaceState(loaded: Loaded): MemoryState {
    const old = this.state;
    this.state = new MemoryState({ historyCapacity: this.options.historyCapacity, revision: loaded.revision, entries: loaded.entries });
    this.resume = loaded.revision + 1;
    this.applied.release(loaded.revision);
    return old;
  }

  /** Every key under the prefix at one revision, a page at a time. */
  private async load(): Promise<Loaded> {
    const { key: start, range_end } = this.keyspace.range();
    const limit = this.options.listPageSize ?? 1000;
    const entries: StoreEntry[] = [];
    let revision = 0;
    let from = start;
    for (;;) {
      const page = { key: from, range_end, limit, ...(revision ? { revision } : {}) };
      const res: IRangeResponse = await retryUnsent(() => this.client.kv.range(page));
      if (!revision) revision = Number(res.header.revision);
      for (const kv of res.kvs) entries.push(this.decodeLoaded(kv));
      const last = res.kvs[res.kvs.length - 1];
      if (!res.more || !last) break;
      from = Buffer.concat([last.key, Buffer.from([0])]);
    }
    return { revision, entries };
  }

  private decodeLoaded(kv: EtcdKeyValue): StoreEntry {
    try {
      return this.codec.decode(kv);
    } catch (err) {
      throw new UnreadableValueError(
        `cannot read ${kv.key.toString('utf8')} from etcd: ${(err as Error).message} (every process sharing this etcd prefix must read values the same way: the same encryption configuration)`,
        { cause: err },
      );
    }
  }
}

/** A value under the prefix this store cannot decode (e.g. written with an encryption key it lacks). */
class UnreadableValueError extends Error {}

function rangeOf(res: ITxnResponse, index: number): IRangeResponse {
  const range = res.responses[index]?.response_range;
  if (!range) throw new Error('etcd answered a transaction without the range it asked for');
  return range;
}
