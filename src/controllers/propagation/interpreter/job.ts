// Job and CronJob status across members.

import type { KubeObject } from '../../../machinery/object.js';
import { intAt, objectListAt, statusOf, stringAt } from './read.js';
import type { Status, StatusItem } from './types.js';
import { earlierTime, laterTime, nowTimestamp, setInt, setOptional } from './write.js';

const JOB_COUNTS = ['active', 'succeeded', 'failed'] as const;

export function reflectJob(member: KubeObject): Status | undefined {
  const status = statusOf(member);
  if (!status) return undefined;
  const out: Status = {};
  for (const name of JOB_COUNTS) setInt(out, { name }, intAt(status, name));
  setOptional(out, 'conditions', structuredClone(objectListAt(status, 'conditions')));
  setOptional(out, 'startTime', stringAt(status, 'startTime'));
  setOptional(out, 'completionTime', stringAt(status, 'completionTime'));
  return out;
}

/** 'Complete' or 'Failed' once the job finished, from its first true terminal condition. */
export function jobFinished(status: Status): 'Complete' | 'Failed' | undefined {
  for (const c of objectListAt(status, 'conditions')) {
    const type = stringAt(c, 'type');
    if ((type === 'Complete' || type === 'Failed') && stringAt(c, 'status') === 'True') return type;
  }
  return undefined;
}

/**
 * Counts summed, the earliest start, and the latest completion once every member completed. Complete
 * only when every target cluster completed; Failed, naming the clusters, when any failed. A template that
 * already finished keeps its status (undefined).
 */
export function aggregateJob(template: KubeObject, items: readonly StatusItem[]): Status | undefined {
  const previous = statusOf(template) ?? {};
  if (jobFinished(previous)) return undefined;
  const next: Status = { ...previous };
  const sums = { active: 0, succeeded: 0, failed: 0 };
  const failedIn: string[] = [];
  let succeeded = 0;
  let completed = 0;
  let startTime: string | undefined;
  let completionTime: string | undefined;
  for (const item of items) {
    if (!item.status) continue;
    for (const name of JOB_COUNTS) sums[name] += intAt(item.status, name);
    const finished = jobFinished(item.status);
    if (finished === 'Complete') succeeded++;
    else if (finished === 'Failed') failedIn.push(item.clusterName);
    startTime = earlierTime(startTime, stringAt(item.status, 'startTime'));
    const memberCompletion = stringAt(item.status, 'completionTime');
    if (memberCompletion) {
      completed++;
      completionTime = laterTime(completionTime, memberCompletion);
    }
  }
  for (const name of JOB_COUNTS) setInt(next, { name }, sums[name]);
  const now = nowTimestamp();
  const conditions: Status[] = [];
  if (failedIn.length > 0) {
    conditions.push({ type: 'Failed', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'JobFailed', message: `Job executed failed in member clusters ${failedIn.join(',')}` });
  }
  // No items yet (a binding just created) is not completion.
  if (succeeded > 0 && succeeded === items.length) {
    conditions.push({ type: 'Complete', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'Completed', message: 'Job completed' });
  }
  setOptional(next, 'conditions', conditions);
  setOptional(next, 'startTime', startTime);
  setOptional(next, 'completionTime', completed === items.length ? completionTime : undefined);
  return next;
}

/** Active jobs of every member, and the latest schedule and success times. */
export function aggregateCronJob(template: KubeObject, items: readonly StatusItem[]): Status {
  const next: Status = { ...(statusOf(template) ?? {}) };
  const active: Status[] = [];
  let lastScheduleTime: string | undefined;
  let lastSuccessfulTime: string | undefined;
  for (const item of items) {
    if (!item.status) continue;
    active.push(...structuredClone(objectListAt(item.status, 'active')));
    lastScheduleTime = laterTime(lastScheduleTime, stringAt(item.status, 'lastScheduleTime'));
    lastSuccessfulTime = laterTime(lastSuccessfulTime, stringAt(item.status, 'lastSuccessfulTime'));
  }
  setOptional(next, 'active', active);
  setOptional(next, 'lastScheduleTime', lastScheduleTime);
  setOptional(next, 'lastSuccessfulTime', lastSuccessfulTime);
  return next;
}
