// Job pods (pkg/controller/job): the tracking finalizer, the job labels, and for Indexed jobs the
// completion index annotation/label, hostname and JOB_COMPLETION_INDEX environment variable. Names are
// <job>-<suffix> (<job>-<index>-<suffix> when Indexed) with the random suffix injected by the caller.

import { JOB_LABELS } from '../../api/builtin/job.js';
import { deepClone } from '../../machinery/deep.js';
import { newControllerRef } from './controller-ref.js';
import { podFromTemplate } from './pod-template.js';
import type { Job } from './types-apps.js';
import type { Pod } from './types-core.js';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

export function jobLabels(job: Job): Record<string, string> {
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  return { [JOB_LABELS.controllerUid]: uid, [JOB_LABELS.jobName]: name, [JOB_LABELS.legacyControllerUid]: uid, [JOB_LABELS.legacyJobName]: name };
}

export function isIndexed(job: Job): boolean {
  return job.spec.completionMode === 'Indexed';
}

export function completionIndexOf(pod: Pod): number | undefined {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX] ?? pod.metadata.labels?.[COMPLETION_INDEX];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

export function newJobPod(job: Job, suffix: string, index?: number): Pod {
  const template = deepClone(job.spec.template);
  const labels: Record<string, string> = { ...jobLabels(job), ...(template.metadata?.labels ?? {}) };
  const annotations: Record<string, string> = { ...(template.metadata?.annotations ?? {}) };
  if (index !== undefined) {
    annotations[COMPLETION_INDEX] = String(index);
    labels[COMPLETION_INDEX] = String(index);
    template.spec.hostname = `${job.metadata.name}-${index}`;
    for (const c of [...(template.spec.initContainers ?? []), ...template.spec.containers]) {
      const env = (c.env as unknown[] | undefined) ?? [];
      c.env = [...env, { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX}']` } } }];
    }
  }
  const finalizers = [...(template.metadata?.finalizers ?? [])];
  if (!finalizers.includes(JOB_TRACKING_FINALIZER)) finalizers.push(JOB_TRACKING_FINALIZER);
  template.metadata = { ...(template.metadata ?? {}), labels, finalizers, ...(Object.keys(annotations).length ? { annotations } : {}) };
  const prefix = index === undefined ? `${job.metadata.name}` : `${job.metadata.name}-${index}`;
  const pod = podFromTemplate(template, job.metadata.namespace, prefix, newControllerRef(job, 'batch/v1', 'Job'));
  pod.metadata.name = `${prefix}-${suffix}`;
  return pod;
}

/** "1,3-5,7" for the sorted indexes. */
export function formatIndexes(indexes: readonly number[]): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function parseIndexes(text: string | undefined, completions: number): number[] {
  const out: number[] = [];
  for (const part of (text ?? '').split(',').filter(Boolean)) {
    const [a, b] = part.split('-').map(Number);
    for (let i = a!; i <= (b ?? a!); i++) if (i < completions) out.push(i);
  }
  return out;
}
