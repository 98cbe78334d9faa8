import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/object.js';
import { maintenanceState } from '../common/maintenance.js';
import { maintenanceCondition } from './maintenance.js';

const NOW = Date.parse('2024-03-01T12:00:00Z');
const cluster = (maintenance: unknown): KubeObject => ({ apiVersion: 'fleet.kurator.dev/v1alpha1', kind: 'Cluster', metadata: { name: 'edge', generation: 4 }, spec: maintenance === undefined ? {} : { maintenance } });

test('the Maintenance condition follows spec.maintenance and its schedule', () => {
  const cases: { name: string; maintenance: unknown; status: string; reason: string; message: string; startsInMs?: number; active: boolean }[] = [
    { name: 'no maintenance block', maintenance: undefined, status: 'False', reason: 'NoMaintenance', message: 'maintenance mode is not enabled', active: false },
    { name: 'disabled, with a reason left behind', maintenance: { enabled: false, reason: 'old' }, status: 'False', reason: 'NoMaintenance', message: 'maintenance mode is not enabled', active: false },
    { name: 'enabled is not a boolean true', maintenance: { enabled: 'true' }, status: 'False', reason: 'NoMaintenance', message: 'maintenance mode is not enabled', active: false },
    { name: 'enabled without schedule', maintenance: { enabled: true, reason: 'Monthly security patching' }, status: 'True', reason: 'MaintenanceActive', message: 'Monthly security patching', active: true },
    { name: 'enabled without a reason', maintenance: { enabled: true }, status: 'True', reason: 'MaintenanceActive', message: 'maintenance mode is enabled', active: true },
    { name: 'schedule reached (the seed example)', maintenance: { enabled: true, reason: 'Monthly security patching', schedule: '2023-12-15T02:00:00Z' }, status: 'True', reason: 'MaintenanceActive', message: 'Monthly security patching', active: true },
    { name: 'schedule exactly now', maintenance: { enabled: true, schedule: '2024-03-01T12:00:00Z' }, status: 'True', reason: 'MaintenanceActive', message: 'maintenance mode is enabled', active: true },
    { name: 'schedule in the future', maintenance: { enabled: true, reason: 'kernel upgrade', schedule: '2024-03-01T12:00:05Z' }, status: 'False', reason: 'MaintenanceScheduled', message: 'maintenance starts at 2024-03-01T12:00:05Z: kernel upgrade', startsInMs: 5000, active: false },
    { name: 'schedule in the future with an offset', maintenance: { enabled: true, schedule: '2024-03-01T14:00:00+01:00' }, status: 'False', reason: 'MaintenanceScheduled', message: 'maintenance starts at 2024-03-01T14:00:00+01:00', startsInMs: 3_600_000, active: false },
    { name: 'future schedule but disabled', maintenance: { enabled: false, schedule: '2024-03-01T12:00:05Z' }, status: 'False', reason: 'NoMaintenance', message: 'maintenance mode is not enabled', active: false },
    { name: 'unparseable schedule starts at once', maintenance: { enabled: true, reason: 'patching', schedule: 'tonight' }, status: 'True', reason: 'MaintenanceActive', message: 'patching (schedule "tonight" is not an RFC 3339 time, so maintenance started at once)', active: true },
  ];
  for (const c of cases) {
    const report = maintenanceCondition(cluster(c.maintenance), NOW);
    assert.deepEqual(report.condition, { type: 'Maintenance', status: c.status, reason: c.reason, message: c.message, observedGeneration: 4 }, c.name);
    assert.equal(report.startsInMs, c.startsInMs, `${c.name}: startsInMs`);
    // The scheduler reads the same state, so placements move exactly while the condition says True.
    assert.equal(maintenanceState(cluster(c.maintenance), NOW).active, c.active, `${c.name}: scheduler view`);
    assert.equal(report.condition.status === 'True', c.active, `${c.name}: condition agrees with the scheduler`);
  }
});
