// Small helpers the workload controllers share: who controls what, and writing a status back.

import type { Informer } from '../../client/controller-types.js';
import type { ResourceType } from '../../client/types.js';
import type { KubeObject } from '../../machinery/object.js';
import { copy, type SimContext } from './context.js';

/** Objects in the owner's namespace whose controlling ownerReference is the owner. */
export function controlledBy<T = KubeObject>(informer: Informer, owner: KubeObject): T[] {
  const uid = owner.metadata.uid;
  return informer.list(owner.metadata.namespace).filter((o) => o.metadata.ownerReferences?.some((r) => r.controller && r.uid === uid)) as unknown as T[];
}

/** Writes status through the status subresource, on the stored version of the object. */
export async function writeStatus(ctx: SimContext, type: ResourceType, object: KubeObject, status: unknown): Promise<void> {
  await ctx.client.update(type, { ...copy(object), status } as KubeObject, { subresource: 'status' });
}

/** Ignores "already exists" and "not found": another pass will see the current state. */
export async function tolerant(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    const code = (error as { code?: number }).code;
    if (code !== 404 && code !== 409) throw error;
  }
}

export function requeue(seconds: number | undefined): { requeueAfterMs?: number } {
  return seconds === undefined ? {} : { requeueAfterMs: Math.max(10, Math.round(seconds * 1000)) };
}
