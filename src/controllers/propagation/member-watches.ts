// Watches on member clusters for the kinds Works put there: any change to a Work's copy — a status update,
// someone editing or deleting it — brings the owning Work back to the execution controller, which
// re-applies it (correcting drift) and records the new status. This replaces polling: an idle fleet costs
// one open watch per cluster and kind, and nothing else. The watches see every object of the kind, but
// only its metadata (PartialObjectMetadata), and keep only its identity: so the execution controller
// knows, without asking the member, whether the name a copy goes to is free, the Work's own, or someone
// else's (Karmada's execution controller consults its member informers the same way). A watch just
// started is waited for, briefly: while its first list is on the way, copies to that cluster would
// otherwise each ask the member one by one what the list is about to tell them all.

import type { ObjectKey } from '../../client/controller-types.js';
import type { ControllerManager } from '../../client/manager.js';
import { createInformer, type ListWatchInformer } from '../../client/informer.js';
import type { MemberConnection } from '../../client/member-connections.js';
import type { HttpClient } from '../../client/http.js';
import type { ResourceType } from '../../client/types.js';
import type { KubeObject } from '../../machinery/object.js';
import { within } from '../../machinery/within.js';
import { WORK_ANNOTATION, WORK_NAMESPACE_ANNOTATION } from './kinds.js';

export interface MemberSight {
  object: KubeObject | undefined;
}

/** How long after a watch starts a copy waits for its first list rather than asking the member itself. */
const FIRST_LIST_WAIT_MS = 2000;

interface MemberWatch {
  informer: ListWatchInformer;
  startedAt: number;
}

interface ClusterWatches {
  client: HttpClient;
  informers: Map<string, MemberWatch>;
}

export class MemberWatches {
  private readonly clusters = new Map<string, ClusterWatches>();

  constructor(
    private readonly manager: ControllerManager,
    private readonly onChange: (work: ObjectKey) => void,
    private readonly log: { warn(details: object, message: string): void },
  ) {}

  /** Makes sure `type` is watched on the cluster through this connection (a new connection starts over). */
  ensure(cluster: string, connection: MemberConnection, type: ResourceType): void {
    let watches = this.clusters.get(cluster);
    if (watches && watches.client !== connection.client) {
      this.forget(cluster);
      watches = undefined;
    }
    if (!watches) {
      watches = { client: connection.client, informers: new Map() };
      this.clusters.set(cluster, watches);
    }
    const key = `${type.group}/${type.version}/${type.resource}`;
    if (watches.informers.has(key)) return;
    const informer = createInformer(connection.client, type, { metadataOnly: true, log: this.log, maxBackoffMs: 30_000, transform: workIdentity });
    const report = (object: KubeObject): void => {
      const annotations = object.metadata.annotations ?? {};
      const name = annotations[WORK_ANNOTATION];
      const namespace = annotations[WORK_NAMESPACE_ANNOTATION];
      if (name && namespace) this.onChange({ namespace, name });
    };
    informer.addHandlers({ update: (_old, object) => report(object), delete: report });
    watches.informers.set(key, { informer, startedAt: Date.now() });
    this.manager.addInformer(informer);
  }

  /**
   * What the watch last saw at this name on the member — `object` undefined when nothing is there — or
   * undefined when the watch is not running or not synced (then only the member can tell). A watch in
   * its first moments is waited for (at most FIRST_LIST_WAIT_MS after it started; a watch that cannot
   * list is not waited for again).
   */
  async seen(cluster: string, type: ResourceType, namespace: string | undefined, name: string): Promise<MemberSight | undefined> {
    const watch = this.clusters.get(cluster)?.informers.get(`${type.group}/${type.version}/${type.resource}`);
    if (!watch) return undefined;
    const { informer } = watch;
    const waitMs = watch.startedAt + FIRST_LIST_WAIT_MS - Date.now();
    if (!informer.synced && waitMs > 0) await within(informer.start(), waitMs, undefined);
    return informer.synced ? { object: informer.get(namespace, name) } : undefined;
  }

  forget(cluster: string): void {
    for (const { informer } of this.clusters.get(cluster)?.informers.values() ?? []) informer.stop();
    this.clusters.delete(cluster);
  }
}

/**
 * What the watches keep of a member copy: which object it is, its version (any change moves it) and the
 * Work that owns it. A large fleet holds one of these per copy, so the rest of each object is dropped.
 */
function workIdentity(object: KubeObject): KubeObject {
  const { name, namespace, resourceVersion, annotations = {} } = object.metadata;
  const metadata: KubeObject['metadata'] = { name };
  if (namespace !== undefined) metadata.namespace = namespace;
  if (resourceVersion !== undefined) metadata.resourceVersion = resourceVersion;
  const owner: Record<string, string> = {};
  for (const key of [WORK_ANNOTATION, WORK_NAMESPACE_ANNOTATION]) if (annotations[key] !== undefined) owner[key] = annotations[key];
  metadata.annotations = owner;
  return { apiVersion: object.apiVersion, kind: object.kind, metadata };
}
