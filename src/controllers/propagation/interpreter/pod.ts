// A Pod propagated to several clusters: the worst phase wins, and every member's container states are
// listed.

import type { KubeObject } from '../../../machinery/object.js';
import { objectAt, objectListAt, statusOf, stringAt } from './read.js';
import type { Status, StatusItem } from './types.js';
import { setOptional } from './write.js';

/** Checked in this order; Unknown is deprecated and never chosen. */
const PHASE_PRECEDENCE = ['Failed', 'Pending', 'Running', 'Succeeded'];

/** The fields a container status always carries in its API form, with only readiness and state kept. */
function containerSummary(container: Status): Status {
  return { name: '', state: structuredClone(objectAt(container, 'state')), lastState: {}, ready: container.ready === true, restartCount: 0, image: '', imageID: '' };
}

/** With no target clusters the template keeps its status (undefined). */
export function aggregatePod(template: KubeObject, items: readonly StatusItem[]): Status | undefined {
  if (items.length === 0) return undefined;
  const next: Status = { ...(statusOf(template) ?? {}) };
  const phases = new Set<string>();
  const containers: Status[] = [];
  const initContainers: Status[] = [];
  for (const item of items) {
    // A member not yet reported counts as pending, so it cannot make the whole look further along.
    if (!item.status) {
      phases.add('Pending');
      continue;
    }
    phases.add(stringAt(item.status, 'phase'));
    containers.push(...objectListAt(item.status, 'containerStatuses').map(containerSummary));
    initContainers.push(...objectListAt(item.status, 'initContainerStatuses').map(containerSummary));
  }
  setOptional(next, 'phase', PHASE_PRECEDENCE.find((p) => phases.has(p)));
  setOptional(next, 'containerStatuses', containers);
  setOptional(next, 'initContainerStatuses', initContainers);
  return next;
}
