// Owner-reference garbage collection (kube-controller-manager's job, done inside the server here):
// - Background: once every owner of an object is gone, the object is deleted.
// - Foreground: an owner carrying the foregroundDeletion finalizer waits until its dependents are gone.
// - Orphan: an owner carrying the orphan finalizer first removes itself from its dependents' references.

import type { Logger } from 'pino';
import { deepEqual } from '../../machinery/deep.js';
import type { KubeObject, OwnerReference } from '../../machinery/object.js';
import type { StoreEvent, Watcher } from '../../storage/store.js';
import type { ClusterContext } from '../rest/cluster-context.js';
import { resourcePrefix } from '../rest/keys.js';
import { resourcePrefixOfKey } from '../../storage/key-layout.js';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from '../rest/delete.js';
import { deleteStored, mutateStored } from './object-writer.js';
import { SerialQueue } from './serial-queue.js';

const MANAGER = 'garbage-collector';

export class GarbageCollector {
  /**
   * uid → key of the objects of every kind some reference names as an owner, from the first such
   * reference on: objects of kinds nobody names (most ConfigMaps, Events, Leases) cost no index entry.
   */
  private readonly uidToKey = new Map<string, string>();
  /** Key prefixes ("/group/plural/") of the kinds indexed in uidToKey. */
  private readonly ownerKinds = new Set<string>();
  /** The apiVersion and kind of every owner reference already resolved to one of ownerKinds, while the served kinds stay as they were. */
  private readonly resolvedOwnerRefs = new Set<string>();
  private resolvedAtKindChange = -1;
  /** owner uid → keys of objects that reference it. */
  private readonly dependents = new Map<string, Set<string>>();
  private readonly ownersOf = new Map<string, OwnerReference[]>();
  private readonly queue: SerialQueue;
  private watcher: Watcher | undefined;

  constructor(
    private readonly context: ClusterContext,
    log: Logger,
  ) {
    this.queue = new SerialQueue((key, error) => log.warn({ key, err: error }, 'garbage collection failed; retrying'));
  }

  start(): void {
    const page = this.context.store.list('/');
    for (const entry of page.items) this.index(entry.key, entry.object);
    for (const entry of page.items) this.examine(entry.key, entry.object);
    this.watcher = this.context.store.watch('/', { fromRevision: page.revision, onEvent: (e) => this.onEvent(e) });
  }

  stop(): void {
    this.watcher?.stop();
    this.queue.stop();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private onEvent(event: StoreEvent): void {
    const object = event.entry.object;
    const uid = object.metadata.uid;
    if (event.type === 'DELETED') {
      const owners = this.ownersOf.get(event.key) ?? [];
      this.unindex(event.key, object);
      // An owner deleted in the foreground may have been waiting for this dependent.
      for (const owner of owners) {
        const ownerKey = this.uidToKey.get(owner.uid);
        const ownerObject = ownerKey ? this.context.store.get(ownerKey)?.object : undefined;
        if (ownerKey && ownerObject) this.examine(ownerKey, ownerObject);
      }
      if (uid) for (const dependent of this.dependents.get(uid) ?? []) this.queue.add(dependent, () => this.collectIfOrphaned(dependent));
      return;
    }
    if (event.prev) {
      // Like kube's graph builder, an update only matters when it changes the object's owners or deletes
      // it: the far more frequent status and spec writes leave the graph and the queue alone.
      if (!object.metadata.deletionTimestamp && deepEqual(event.prev.object.metadata.ownerReferences, object.metadata.ownerReferences)) return;
      this.unindex(event.key, event.prev.object);
    }
    this.index(event.key, object);
    this.examine(event.key, object);
  }

  private index(key: string, object: KubeObject): void {
    const uid = object.metadata.uid;
    if (uid && this.ownerKinds.size > 0 && this.ownerKinds.has(resourcePrefixOfKey(key))) this.uidToKey.set(uid, key);
    const owners = object.metadata.ownerReferences ?? [];
    if (owners.length === 0) return;
    this.ownersOf.set(key, owners);
    for (const owner of owners) {
      this.indexOwnerKind(owner);
      let set = this.dependents.get(owner.uid);
      if (!set) this.dependents.set(owner.uid, (set = new Set()));
      set.add(key);
    }
  }

  /** Starts indexing the kind an owner reference names (all of its objects now, then as they change). */
  private indexOwnerKind(owner: OwnerReference): void {
    const kinds = this.context.kinds;
    if (kinds.changeCount !== this.resolvedAtKindChange) {
      this.resolvedOwnerRefs.clear();
      this.resolvedAtKindChange = kinds.changeCount;
    }
    const named = `${owner.apiVersion} ${owner.kind}`;
    if (this.resolvedOwnerRefs.has(named)) return;
    const served = kinds.resolveKind(owner.apiVersion, owner.kind);
    if (!served) return; // a kind not served has no objects: its owners are found nowhere (asked again next time)
    this.resolvedOwnerRefs.add(named);
    const prefix = resourcePrefix(served.definition);
    if (this.ownerKinds.has(prefix)) return;
    this.ownerKinds.add(prefix);
    for (const entry of this.context.store.list(prefix).items) {
      const uid = entry.object.metadata.uid;
      if (uid) this.uidToKey.set(uid, entry.key);
    }
  }

  private unindex(key: string, object: KubeObject): void {
    const uid = object.metadata.uid;
    if (uid && this.uidToKey.get(uid) === key) this.uidToKey.delete(uid);
    for (const owner of this.ownersOf.get(key) ?? []) {
      const set = this.dependents.get(owner.uid);
      set?.delete(key);
      if (set?.size === 0) this.dependents.delete(owner.uid);
    }
    this.ownersOf.delete(key);
  }

  private examine(key: string, object: KubeObject): void {
    const finalizers = object.metadata.finalizers ?? [];
    if (object.metadata.deletionTimestamp && finalizers.includes(ORPHAN_FINALIZER)) this.queue.add(key, () => this.orphanDependents(key));
    else if (object.metadata.deletionTimestamp && finalizers.includes(FOREGROUND_FINALIZER)) this.queue.add(key, () => this.deleteForeground(key));
    if ((object.metadata.ownerReferences?.length ?? 0) > 0) this.queue.add(`${key}#owners`, () => this.collectIfOrphaned(key));
  }

  private ownerExists(owner: OwnerReference): boolean {
    const key = this.uidToKey.get(owner.uid);
    if (!key) return false;
    // An owner being deleted in the foreground still exists until its dependents are gone.
    return this.context.store.get(key)?.object.metadata.uid === owner.uid;
  }

  /** Deletes a dependent whose owners are all gone; drops references to owners that vanished. */
  private async collectIfOrphaned(key: string): Promise<void> {
    const entry = this.context.store.get(key);
    if (!entry || entry.object.metadata.deletionTimestamp) return;
    const owners = entry.object.metadata.ownerReferences ?? [];
    if (owners.length === 0) return;
    const live = owners.filter((o) => this.ownerExists(o));
    if (live.length === owners.length) return;
    if (live.length === 0) {
      const foreground = owners.some((o) => this.ownerBeingDeletedInForeground(o));
      await deleteStored(this.context, key, foreground ? 'Foreground' : 'Background');
      return;
    }
    await mutateStored(this.context, key, MANAGER, (object) => {
      object.metadata.ownerReferences = (object.metadata.ownerReferences ?? []).filter((o) => this.ownerExists(o));
      return object;
    });
  }

  private ownerBeingDeletedInForeground(owner: OwnerReference): boolean {
    const key = this.uidToKey.get(owner.uid);
    const object = key ? this.context.store.get(key)?.object : undefined;
    return !!object?.metadata.deletionTimestamp && (object.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER);
  }

  private async orphanDependents(key: string): Promise<void> {
    const owner = this.context.store.get(key)?.object;
    const uid = owner?.metadata.uid;
    if (!owner || !uid) return;
    for (const dependent of [...(this.dependents.get(uid) ?? [])]) {
      await mutateStored(this.context, dependent, MANAGER, (object) => {
        const refs = object.metadata.ownerReferences ?? [];
        const kept = refs.filter((r) => r.uid !== uid);
        if (kept.length === refs.length) return undefined;
        if (kept.length > 0) object.metadata.ownerReferences = kept;
        else delete object.metadata.ownerReferences;
        return object;
      });
    }
    await this.removeFinalizer(key, ORPHAN_FINALIZER);
  }

  private async deleteForeground(key: string): Promise<void> {
    const owner = this.context.store.get(key)?.object;
    const uid = owner?.metadata.uid;
    if (!owner || !uid) return;
    const dependents = [...(this.dependents.get(uid) ?? [])];
    const remaining = dependents.filter((d) => this.context.store.get(d));
    if (remaining.length > 0) {
      for (const dependent of remaining) {
        const object = this.context.store.get(dependent)?.object;
        if (object && !object.metadata.deletionTimestamp) await deleteStored(this.context, dependent, 'Foreground');
      }
      return; // re-examined when each dependent's deletion event arrives
    }
    await this.removeFinalizer(key, FOREGROUND_FINALIZER);
  }

  private removeFinalizer(key: string, finalizer: string): Promise<void> {
    return mutateStored(this.context, key, MANAGER, (object) => {
      const finalizers = object.metadata.finalizers ?? [];
      if (!finalizers.includes(finalizer)) return undefined;
      object.metadata.finalizers = finalizers.filter((f) => f !== finalizer);
      return object;
    });
  }
}
