import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../machinery/object.js';
import { aggregateStatus, reflectStatus } from './index.js';

const job = (status?: Record<string, unknown>): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default', generation: 1 }, spec: {}, ...(status ? { status } : {}) });
const reflected = (status: Record<string, unknown>) => reflectStatus(job(status))!;

const T0 = '2024-05-01T10:00:00Z';
const T1 = '2024-05-01T10:01:00Z';
const T2 = '2024-05-01T10:02:00Z';
const complete = (start: string, end: string) => reflected({ succeeded: 1, startTime: start, completionTime: end, conditions: [{ type: 'Complete', status: 'True' }] });
const failed = (start: string) => reflected({ failed: 1, startTime: start, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] });
const running = (start: string) => reflected({ active: 1, startTime: start });

/** Conditions without their timestamps, which are set at aggregation time. */
function stripTimes(status: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!status || !Array.isArray(status.conditions)) return status;
  return {
    ...status,
    conditions: status.conditions.map((c: Record<string, unknown>) => {
      assert.match(String(c.lastTransitionTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const { lastProbeTime: _p, lastTransitionTime: _t, ...rest } = c;
      return rest;
    }),
  };
}

const cases: { name: string; template: KubeObject; items: { clusterName: string; status?: Record<string, unknown> }[]; want: Record<string, unknown> | undefined }[] = [
  {
    name: 'every member complete: counts summed, earliest start, latest completion, Complete',
    template: job(),
    items: [
      { clusterName: 'member1', status: complete(T1, T1) },
      { clusterName: 'member2', status: complete(T0, T2) },
    ],
    want: { succeeded: 2, startTime: T0, completionTime: T2, conditions: [{ type: 'Complete', status: 'True', reason: 'Completed', message: 'Job completed' }] },
  },
  {
    name: 'one member failed: Failed naming it, no completion time',
    template: job(),
    items: [
      { clusterName: 'member1', status: complete(T0, T1) },
      { clusterName: 'member2', status: failed(T0) },
    ],
    want: { succeeded: 1, failed: 1, startTime: T0, conditions: [{ type: 'Failed', status: 'True', reason: 'JobFailed', message: 'Job executed failed in member clusters member2' }] },
  },
  {
    name: 'two members failed: both named',
    template: job(),
    items: [
      { clusterName: 'member1', status: failed(T1) },
      { clusterName: 'member2', status: failed(T0) },
      { clusterName: 'member3', status: running(T2) },
    ],
    want: { active: 1, failed: 2, startTime: T0, conditions: [{ type: 'Failed', status: 'True', reason: 'JobFailed', message: 'Job executed failed in member clusters member1,member2' }] },
  },
  {
    name: 'one member still running: no Complete, no completion time',
    template: job(),
    items: [
      { clusterName: 'member1', status: complete(T0, T1) },
      { clusterName: 'member2', status: running(T1) },
    ],
    want: { active: 1, succeeded: 1, startTime: T0 },
  },
  {
    name: 'a member not reported yet: not complete',
    template: job(),
    items: [{ clusterName: 'member1', status: complete(T0, T1) }, { clusterName: 'member2' }],
    want: { succeeded: 1, startTime: T0 },
  },
  { name: 'no target clusters: not complete', template: job(), items: [], want: {} },
  {
    name: 'a finished template keeps its status',
    template: job({ succeeded: 2, conditions: [{ type: 'Complete', status: 'True' }] }),
    items: [{ clusterName: 'member1', status: running(T0) }],
    want: undefined,
  },
  {
    name: 'a false terminal condition does not finish the template',
    template: job({ conditions: [{ type: 'Failed', status: 'False' }], ready: 1 }),
    items: [{ clusterName: 'member1', status: running(T0) }],
    want: { active: 1, startTime: T0, ready: 1 },
  },
];

for (const c of cases) {
  test(`aggregateStatus Job: ${c.name}`, () => {
    assert.deepEqual(stripTimes(aggregateStatus(c.template, c.items)), c.want);
  });
}

const cronJob = (status?: Record<string, unknown>): KubeObject => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick', namespace: 'default' }, spec: {}, ...(status ? { status } : {}) });

const cronCases: { name: string; template: KubeObject; items: { clusterName: string; status?: Record<string, unknown> }[]; want: Record<string, unknown> }[] = [
  {
    name: 'active jobs listed, latest times kept',
    template: cronJob(),
    items: [
      { clusterName: 'member1', status: { active: [{ kind: 'Job', name: 'tick-1' }], lastScheduleTime: T2, lastSuccessfulTime: T0 } },
      { clusterName: 'member2', status: { active: [{ kind: 'Job', name: 'tick-2' }], lastScheduleTime: T1, lastSuccessfulTime: T1 } },
      { clusterName: 'member3' },
    ],
    want: { active: [{ kind: 'Job', name: 'tick-1' }, { kind: 'Job', name: 'tick-2' }], lastScheduleTime: T2, lastSuccessfulTime: T1 },
  },
  {
    name: 'nothing active any more: stale active list dropped, other fields kept',
    template: cronJob({ active: [{ kind: 'Job', name: 'old' }], extra: 'kept' }),
    items: [{ clusterName: 'member1', status: { lastScheduleTime: T0 } }],
    want: { extra: 'kept', lastScheduleTime: T0 },
  },
];

for (const c of cronCases) {
  test(`aggregateStatus CronJob: ${c.name}`, () => {
    assert.deepEqual(aggregateStatus(c.template, c.items), c.want);
  });
}
