// PodDisruptionBudget: healthy and expected pod counts summed; disrupted pods keyed by cluster.

import type { KubeObject } from '../../../machinery/object.js';
import { intAt, objectAt, statusOf } from './read.js';
import type { Status, StatusItem } from './types.js';
import { setInt, setOptional, type IntField } from './write.js';

const PDB_COUNTS: readonly IntField[] = [
  { name: 'disruptionsAllowed', required: true },
  { name: 'currentHealthy', required: true },
  { name: 'desiredHealthy', required: true },
  { name: 'expectedPods', required: true },
];

export function reflectPodDisruptionBudget(member: KubeObject): Status | undefined {
  const status = statusOf(member);
  if (!status) return undefined;
  const out: Status = {};
  for (const field of PDB_COUNTS) setInt(out, field, intAt(status, field.name));
  setOptional(out, 'disruptedPods', structuredClone(objectAt(status, 'disruptedPods')));
  return out;
}

export function aggregatePodDisruptionBudget(template: KubeObject, items: readonly StatusItem[]): Status {
  const next: Status = { ...(statusOf(template) ?? {}) };
  const disrupted: Status = {};
  for (const field of PDB_COUNTS) setInt(next, field, items.reduce((sum, item) => sum + (item.status ? intAt(item.status, field.name) : 0), 0));
  for (const item of items) {
    if (!item.status) continue;
    for (const [pod, since] of Object.entries(objectAt(item.status, 'disruptedPods'))) disrupted[`${item.clusterName}/${pod}`] = since;
  }
  setOptional(next, 'disruptedPods', disrupted);
  return next;
}
