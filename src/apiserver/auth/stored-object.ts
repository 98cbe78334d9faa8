// Reads one object straight from a logical cluster's store (for the auth endpoints' lookups).

import type { KubeObject } from '../../machinery/object.js';
import type { ClusterContext } from '../rest/cluster-context.js';
import { objectKey } from '../rest/keys.js';

export function storedObject(cluster: ClusterContext, group: string, version: string, resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
  const served = cluster.kinds.resolve(group, version, resource);
  if (!served) return undefined;
  return cluster.store.get(objectKey(served.definition, namespace, name))?.object;
}
