// How the server's own controllers (garbage collector, namespace and CRD cleanup) change stored
// objects: through the same update and delete paths as any client, as their own field manager.

import type { KubeObject } from '../../machinery/object.js';
import { ApiError } from '../../machinery/errors.js';
import type { ClusterContext } from '../rest/cluster-context.js';
import { deleteObject, type PropagationPolicy } from '../rest/delete.js';
import { updateObject } from '../rest/write.js';
import type { ServedResource } from '../registry/kind-registry.js';
import { isStoreConflict } from '../rest/store-errors.js';
import { deepClone } from '../../machinery/deep.js';

export function servedFor(context: ClusterContext, object: KubeObject): ServedResource | undefined {
  return object.apiVersion && object.kind ? context.kinds.resolveKind(object.apiVersion, object.kind) : undefined;
}

/** Read-modify-write of a stored object; `change` returns undefined to leave it alone. Retries conflicts. */
export async function mutateStored(context: ClusterContext, key: string, manager: string, change: (object: KubeObject) => KubeObject | undefined, subresource?: string): Promise<void> {
  for (let attempt = 0; attempt < 16; attempt++) {
    const entry = context.store.get(key);
    if (!entry) return;
    const served = servedFor(context, entry.object);
    if (!served) return;
    const next = change(deepClone(entry.object));
    if (!next) return;
    try {
      const input: Parameters<typeof updateObject>[1] = {
        served,
        namespace: entry.object.metadata.namespace,
        name: entry.object.metadata.name ?? '',
        object: next,
        old: entry.object,
        oldRevision: entry.revision,
        options: { fieldManager: manager, fieldValidation: 'Ignore' },
      };
      if (subresource) input.subresource = subresource;
      await updateObject(context, input);
      return;
    } catch (error) {
      if (isStoreConflict(error) || (error instanceof ApiError && error.code === 409)) continue;
      if (error instanceof ApiError && error.code === 404) return;
      throw error;
    }
  }
}

export async function deleteStored(context: ClusterContext, key: string, policy: PropagationPolicy): Promise<void> {
  const entry = context.store.get(key);
  if (!entry) return;
  const served = servedFor(context, entry.object);
  if (!served) return;
  try {
    await deleteObject(context, served, entry.object.metadata.namespace, entry.object.metadata.name ?? '', { propagationPolicy: policy });
  } catch (error) {
    if (error instanceof ApiError && error.code === 404) return;
    throw error;
  }
}
