// The Maintenance condition of a seed Cluster: True while maintenance is in effect, False (scheduled, or
// not enabled) otherwise, and when to look again so it turns True at the scheduled start.

import type { KubeObject } from '../../machinery/object.js';
import type { Condition } from '../common/conditions.js';
import { maintenanceSpec, maintenanceState } from '../common/maintenance.js';

export interface MaintenanceReport {
  condition: Condition;
  /** Set while a scheduled maintenance has not started yet: milliseconds until it does. */
  startsInMs?: number;
}

export function maintenanceCondition(cluster: KubeObject, now = Date.now()): MaintenanceReport {
  const spec = maintenanceSpec(cluster);
  const state = maintenanceState(cluster, now);
  const base = { type: 'Maintenance', observedGeneration: cluster.metadata.generation };
  if (state.active) {
    const reason = spec.reason ?? 'maintenance mode is enabled';
    const unparsed = spec.schedule !== undefined && Number.isNaN(Date.parse(spec.schedule)) ? ` (schedule "${spec.schedule}" is not an RFC 3339 time, so maintenance started at once)` : '';
    return { condition: { ...base, status: 'True', reason: 'MaintenanceActive', message: `${reason}${unparsed}` } };
  }
  if (state.startsInMs !== undefined) {
    const message = `maintenance starts at ${spec.schedule}${spec.reason ? `: ${spec.reason}` : ''}`;
    return { condition: { ...base, status: 'False', reason: 'MaintenanceScheduled', message }, startsInMs: state.startsInMs };
  }
  return { condition: { ...base, status: 'False', reason: 'NoMaintenance', message: 'maintenance mode is not enabled' } };
}
