// Watches on member clusters for the objects Works put there (label kurator.dev/managed-by=kurator): any
// change — a status update, someone editing or deleting the copy — brings the owning Work back to the
// execution controller, which re-applies it (correcting drift) and records the new status. This replaces
// polling: an idle fleet costs one open watch per cluster and kind, and nothing else.

import type { ObjectKey } from '../../client/controller-types.js';
import type { ControllerManager } from '../../client/manager.js';
import { createInformer, type ListWatchInformer } from '../../client/informer.js';
import type { MemberConnection } from '../../client/member-connections.js';
import type { HttpClient } from '../../client/http.js';
import type { ResourceType } from '../../client/types.js';
import type { KubeObject } from '../../machinery/object.js';
import { MANAGED_BY_LABEL, WORK_ANNOTATION, WORK_NAMESPACE_ANNOTATION } from './kinds.js';

interface ClusterWatches {
  client: HttpClient;
  informers: Map<string, ListWatchInformer>;
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
    const informer = createInformer(connection.client, type, { labelSelector: `${MANAGED_BY_LABEL}=kurator`, log: this.log, maxBackoffMs: 30_000, transform: workIdentity });
    const report = (object: KubeObject): void => {
      const annotations = object.metadata.annotations ?? {};
      const name = annotations[WORK_ANNOTATION];
      const namespace = annotations[WORK_NAMESPACE_ANNOTATION];
      if (name && namespace) this.onChange({ namespace, name });
    };
    informer.addHandlers({ update: (_old, object) => report(object), delete: report });
    watches.informers.set(key, informer);
    this.manager.addInformer(informer);
  }

  /** The member object as the watch last saw it, if the watch is running and has it. */
  cached(cluster: string, type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const informer = this.clusters.get(cluster)?.informers.get(`${type.group}/${type.version}/${type.resource}`);
    return informer?.synced ? informer.get(namespace, name) : undefined;
  }

  forget(cluster: string): void {
    for (const informer of this.clusters.get(cluster)?.informers.values() ?? []) informer.stop();
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
