// Kubernetes conditions: replace one by type, keeping lastTransitionTime when the status did not change.

import { statusCondition } from '../../machinery/conditions.js';
import type { KubeObject } from '../../machinery/object.js';
import { nowTimestamp } from '../../machinery/timestamp.js';

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime?: string;
  observedGeneration?: number | undefined;
}

export { conditionTrue } from '../../machinery/conditions.js';

/** Whether the object's status has condition `type`, whatever its status. */
export function hasCondition(object: KubeObject, type: string): boolean {
  return statusCondition(object, type) !== undefined;
}

export function setCondition(existing: unknown, condition: Condition): Condition[] {
  const list = Array.isArray(existing) ? (existing as Condition[]) : [];
  const previous = list.find((c) => c.type === condition.type);
  // Built field by field: a spread of the caller's object plus a key, and a delete, are slow paths in V8.
  const next: Condition = { type: condition.type, status: condition.status, reason: condition.reason, message: condition.message };
  if (condition.observedGeneration !== undefined) next.observedGeneration = condition.observedGeneration;
  next.lastTransitionTime = previous && previous.status === condition.status && previous.lastTransitionTime ? previous.lastTransitionTime : nowTimestamp();
  // Replaced in place: several writers each own a condition, and moving it would look like a change.
  return previous ? list.map((c) => (c.type === condition.type ? next : c)) : [...list, next];
}
