// Deployment, StatefulSet and DaemonSet: the counts a member reports, summed over members, with
// observedGeneration advanced only once every member observed the latest template.

import { shallowCopy, type KubeObject } from '../../../machinery/object.js';
import { addFederatedGeneration, everyMemberObserved } from './generation.js';
import { K } from './kind.js';
import { generationOf, intAt, statusOf } from './read.js';
import type { Status, StatusItem } from './types.js';
import { setInt, type IntField } from './write.js';

const OBSERVED_GENERATION: IntField = { name: 'observedGeneration' };

/** The summed count fields per workload kind, flagged where the API writes them even at zero. */
export const WORKLOAD_COUNTS: Readonly<Record<string, readonly IntField[]>> = {
  [K.deployment]: [{ name: 'replicas' }, { name: 'updatedReplicas' }, { name: 'readyReplicas' }, { name: 'availableReplicas' }, { name: 'unavailableReplicas' }],
  [K.statefulSet]: [{ name: 'replicas', required: true }, { name: 'readyReplicas' }, { name: 'currentReplicas' }, { name: 'updatedReplicas' }, { name: 'availableReplicas', required: true }],
  [K.daemonSet]: [
    { name: 'currentNumberScheduled', required: true },
    { name: 'numberMisscheduled', required: true },
    { name: 'desiredNumberScheduled', required: true },
    { name: 'numberReady', required: true },
    { name: 'updatedNumberScheduled' },
    { name: 'numberAvailable' },
    { name: 'numberUnavailable' },
  ],
};

export function reflectWorkload(member: KubeObject, counts: readonly IntField[]): Status | undefined {
  const status = statusOf(member);
  if (!status) return undefined;
  const out: Status = {};
  addFederatedGeneration(out, member);
  for (const field of counts) setInt(out, field, intAt(status, field.name));
  setInt(out, OBSERVED_GENERATION, intAt(status, OBSERVED_GENERATION.name));
  // An empty status means the member has not reported yet.
  return Object.keys(out).length > 0 ? out : undefined;
}

export function aggregateWorkload(template: KubeObject, items: readonly StatusItem[], counts: readonly IntField[]): Status {
  const previous = statusOf(template) ?? {};
  const next: Status = shallowCopy(previous);
  for (const field of counts) {
    setInt(next, field, items.reduce((sum, item) => sum + (item.status ? intAt(item.status, field.name) : 0), 0));
  }
  const generation = generationOf(template);
  const observed = everyMemberObserved(items, generation) ? generation : intAt(previous, OBSERVED_GENERATION.name);
  setInt(next, OBSERVED_GENERATION, observed);
  return next;
}
