// batch/v1 Job.

import type { KubeObject } from '../../machinery/object.js';
import { conditionTrue } from '../../machinery/conditions.js';
import { condition, labelSelector, objectMeta } from './meta.js';
import {
  boolean, dateTime, enumString, int32, int64, list, object, patchMerge, setList, string,
} from './schema-builders.js';
import { podTemplateSpec } from './pod-spec.js';
import {
  AGE_COLUMN, arrayAt, at, humanDuration, numberAt, selectField, stringAt, templateColumns,
} from './cells.js';
import { defineKind } from './define-kind.js';

/** The labels kube-apiserver generates for a Job's pods; its selector selects the uid one. */
export const JOB_LABELS = {
  controllerUid: 'batch.kubernetes.io/controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
  legacyControllerUid: 'controller-uid',
  legacyJobName: 'job-name',
} as const;

const podFailurePolicyRule = object(
  {
    action: enumString(['Count', 'FailIndex', 'FailJob', 'Ignore']),
    onExitCodes: object(
      { containerName: string(), operator: enumString(['In', 'NotIn']), values: setList(int32()) },
      { required: ['operator', 'values'] },
    ),
    onPodConditions: list(object({ type: string(), status: string() }, { required: ['type'] })),
  },
  { required: ['action'] },
);

export const jobSpec = object(
  {
    parallelism: int32({ default: 1, description: 'Pods allowed to run at the same time.' }),
    completions: int32({ description: 'Successful pods needed to finish the job.' }),
    activeDeadlineSeconds: int64(),
    podFailurePolicy: object({ rules: list(podFailurePolicyRule) }, { required: ['rules'] }),
    successPolicy: object(
      { rules: list(object({ succeededIndexes: string(), succeededCount: int32() })) },
      { required: ['rules'] },
    ),
    backoffLimit: int32({ default: 6, description: 'Retries before the job is marked failed.' }),
    backoffLimitPerIndex: int32(),
    maxFailedIndexes: int32(),
    selector: labelSelector(),
    manualSelector: boolean(),
    template: podTemplateSpec,
    ttlSecondsAfterFinished: int32(),
    completionMode: enumString(['Indexed', 'NonIndexed'], { default: 'NonIndexed' }),
    suspend: boolean({ default: false }),
    podReplacementPolicy: enumString(['Failed', 'TerminatingOrFailed']),
    managedBy: string(),
  },
  { required: ['template'], description: 'Desired behaviour: pod template, parallelism, completions, retries.' },
);

const jobStatus = object(
  {
    conditions: list(condition(['lastProbeTime', 'lastTransitionTime']), patchMerge('type')),
    startTime: dateTime(),
    completionTime: dateTime(),
    active: int32(),
    succeeded: int32(),
    failed: int32(),
    terminating: int32(),
    completedIndexes: string(),
    failedIndexes: string(),
    uncountedTerminatedPods: object({ succeeded: setList(string()), failed: setList(string()) }),
    ready: int32(),
  },
  { description: 'Observed state: pod counts, conditions, start and completion times.' },
);

/** STATUS: Complete, Failed, Terminating, Suspended, FailureTarget or Running. */
export function jobStatusText(job: KubeObject): string {
  if (conditionTrue(job, 'Complete')) return 'Complete';
  if (conditionTrue(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (conditionTrue(job, 'Suspended')) return 'Suspended';
  if (conditionTrue(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** COMPLETIONS: "succeeded/completions", or "n/1 of parallelism" for work-queue jobs. */
export function jobCompletions(job: KubeObject): string {
  const succeeded = numberAt(job, 'status', 'succeeded') ?? 0;
  const completions = numberAt(job, 'spec', 'completions');
  if (completions !== undefined) return `${succeeded}/${completions}`;
  const parallelism = numberAt(job, 'spec', 'parallelism') ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** DURATION: start to completion, or start to now while running; empty before the job starts. */
export function jobDuration(job: KubeObject, now: number = Date.now()): string {
  const start = Date.parse(stringAt(job, 'status', 'startTime') ?? '');
  if (Number.isNaN(start)) return '';
  const completion = Date.parse(stringAt(job, 'status', 'completionTime') ?? '');
  return humanDuration((Number.isNaN(completion) ? now : completion) - start);
}

export const jobKind = defineKind({
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  plural: 'jobs',
  namespaced: true,
  categories: ['all'],
  status: true,
  description: 'Runs pods until a number of them complete successfully.',
  properties: { spec: jobSpec, status: jobStatus },
  printerColumns: [
    { name: 'Status', type: 'string', description: 'Status of the job.', value: jobStatusText },
    { name: 'Completions', type: 'string', description: 'Succeeded pods out of required completions.', value: jobCompletions },
    { name: 'Duration', type: 'string', description: 'Time the job took (or has taken so far).', value: (o) => jobDuration(o) },
    AGE_COLUMN,
    ...templateColumns((o) => at(o, 'spec', 'template'), (o) => at(o, 'spec', 'selector')),
  ],
  fieldSelectors: { 'status.successful': (o) => selectField('status', 'succeeded')(o) || '0' },
});

/** The job template a CronJob stamps out. */
export const jobTemplateSpec = object({ metadata: objectMeta, spec: jobSpec });
