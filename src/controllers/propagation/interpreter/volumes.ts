// PersistentVolume and PersistentVolumeClaim: one phase for all members.

import type { KubeObject } from '../../../machinery/object.js';
import { statusOf, stringAt } from './read.js';
import type { Status, StatusItem } from './types.js';
import { setOptional } from './write.js';

/** The first phase present among the members wins. */
const VOLUME_PHASE_PRECEDENCE = ['Failed', 'Pending', 'Available', 'Bound', 'Released'];

export function aggregatePersistentVolume(template: KubeObject, items: readonly StatusItem[]): Status {
  const phases = new Set<string>();
  // A member not yet reported counts as pending.
  for (const item of items) phases.add(item.status ? stringAt(item.status, 'phase') : 'Pending');
  const next: Status = { ...(statusOf(template) ?? {}) };
  setOptional(next, 'phase', VOLUME_PHASE_PRECEDENCE.find((p) => phases.has(p)));
  return next;
}

/** Bound unless a member says otherwise: Lost wins at once, else the last member's other phase. */
export function aggregatePersistentVolumeClaim(template: KubeObject, items: readonly StatusItem[]): Status {
  let phase = 'Bound';
  for (const item of items) {
    if (!item.status) continue;
    const memberPhase = stringAt(item.status, 'phase');
    if (memberPhase === 'Lost') {
      phase = 'Lost';
      break;
    }
    if (memberPhase !== 'Bound') phase = memberPhase;
  }
  const next: Status = { ...(statusOf(template) ?? {}) };
  setOptional(next, 'phase', phase);
  return next;
}
