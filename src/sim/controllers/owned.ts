// Small helpers the workload controllers share: writing a status back, tolerating races, requeueing.
// (Who controls what is read through an index: indexes.ts.)

import type { ResourceType } from '../../client/types.js';
import { withStatus, type KubeObject } from '../../machinery/object.js';
import type { SimContext } from './context.js';

/** Writes status through the status subresource, on the stored version of the object. */
export async function writeStatus(ctx: SimContext, type: ResourceType, object: KubeObject, status: unknown): Promise<void> {
  await ctx.client.update(type, withStatus(object, status), { subresource: 'status' });
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
