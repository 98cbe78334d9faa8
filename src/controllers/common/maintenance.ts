// Maintenance mode of a seed fleet.kurator.dev Cluster (spec.maintenance): read by the cluster controller
// to report it and by the scheduler to move placements away, so both agree on when it is in effect.

import { isPlainObject, type KubeObject } from '../../machinery/object.js';

export interface MaintenanceSpec {
  enabled: boolean;
  reason?: string;
  /** When maintenance starts, as written (RFC 3339). */
  schedule?: string;
}

export interface MaintenanceState {
  /** Enabled, and its schedule reached or absent (an unparseable schedule counts as reached). */
  active: boolean;
  /** Enabled with a schedule in the future: milliseconds until it starts. */
  startsInMs?: number;
}

export function maintenanceSpec(cluster: KubeObject): MaintenanceSpec {
  const spec = isPlainObject(cluster.spec) ? cluster.spec : {};
  const maintenance = isPlainObject(spec.maintenance) ? spec.maintenance : {};
  const out: MaintenanceSpec = { enabled: maintenance.enabled === true };
  if (typeof maintenance.reason === 'string' && maintenance.reason !== '') out.reason = maintenance.reason;
  if (typeof maintenance.schedule === 'string' && maintenance.schedule !== '') out.schedule = maintenance.schedule;
  return out;
}

/** Whether the cluster is in maintenance at `now`, or how long until a scheduled maintenance starts. */
export function maintenanceState(cluster: KubeObject, now = Date.now()): MaintenanceState {
  const maintenance = maintenanceSpec(cluster);
  if (!maintenance.enabled) return { active: false };
  const start = maintenance.schedule === undefined ? NaN : Date.parse(maintenance.schedule);
  if (Number.isNaN(start) || start <= now) return { active: true };
  return { active: false, startsInMs: start - now };
}
