// Reading an object's status conditions ({status: {conditions: [{type, status, ...}]}}) the way kube's
// helpers do: the first entry of a type counts, and entries that are not objects are skipped.

import { isPlainObject } from './object.js';

/** The object's first status condition of `type`, if it has one. */
export function statusCondition(object: unknown, type: string): Record<string, unknown> | undefined {
  const status = isPlainObject(object) ? object.status : undefined;
  const conditions = isPlainObject(status) ? status.conditions : undefined;
  if (!Array.isArray(conditions)) return undefined;
  for (const condition of conditions) if (isPlainObject(condition) && condition.type === type) return condition;
  return undefined;
}

/** Whether the object's status has condition `type` with status True (a cluster's Ready, a Job's Complete). */
export function conditionTrue(object: unknown, type: string): boolean {
  return statusCondition(object, type)?.status === 'True';
}
