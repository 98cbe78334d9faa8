// StatefulSet pod identity and storage (stateful_set_utils.go): <set>-<ordinal> names, the pod-name and
// pod-index labels, hostname/subdomain, the revision label, and one PVC per volumeClaimTemplate.

import { newControllerRef } from './controller-ref.js';
import { podFromTemplate } from './pod-template.js';
import type { StatefulSet } from './types-apps.js';
import type { PersistentVolumeClaim, Pod, PodTemplateSpec } from './types-core.js';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** The ordinal of a pod of this set, or -1. */
export function ordinalOf(set: StatefulSet, pod: Pod): number {
  const m = /^(.*)-(\d+)$/.exec(pod.metadata.name ?? '');
  if (!m || m[1] !== set.metadata.name) return -1;
  return Number(m[2]);
}

export function claimName(set: StatefulSet, template: string, ordinal: number): string {
  return `${template}-${podName(set, ordinal)}`;
}

export function claimsFor(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  return (set.spec.volumeClaimTemplates ?? []).map((t) => {
    const metadata: PersistentVolumeClaim['metadata'] = {
      ...structuredClone(t.metadata),
      name: claimName(set, t.metadata.name, ordinal),
      labels: { ...(t.metadata.labels ?? {}), ...(set.spec.selector.matchLabels ?? {}) },
    };
    if (set.metadata.namespace) metadata.namespace = set.metadata.namespace;
    return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata, spec: structuredClone(t.spec) };
  });
}

function applyIdentity(set: StatefulSet, pod: Pod, ordinal: number): void {
  pod.metadata.name = podName(set, ordinal);
  if (set.metadata.namespace) pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [POD_NAME_LABEL]: pod.metadata.name, [POD_INDEX_LABEL]: String(ordinal) };
}

function applyStorage(set: StatefulSet, pod: Pod, ordinal: number): void {
  const templates = set.spec.volumeClaimTemplates ?? [];
  if (templates.length === 0) return;
  const names = new Set(templates.map((t) => t.metadata.name));
  const volumes = (pod.spec.volumes ?? []).filter((v) => !names.has(v.name));
  for (const t of templates) {
    volumes.push({ name: t.metadata.name, persistentVolumeClaim: { claimName: claimName(set, t.metadata.name, ordinal) } });
  }
  pod.spec.volumes = volumes;
}

export function newStatefulSetPod(set: StatefulSet, template: PodTemplateSpec, ordinal: number, revisionName: string): Pod {
  const pod = podFromTemplate(template, set.metadata.namespace, set.metadata.name ?? '', newControllerRef(set, 'apps/v1', 'StatefulSet'));
  applyIdentity(set, pod, ordinal);
  pod.spec.hostname = pod.metadata.name;
  if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
  applyStorage(set, pod, ordinal);
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [REVISION_LABEL]: revisionName };
  return pod;
}

export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = ordinalOf(set, pod);
  return (
    ordinal >= 0 &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[POD_NAME_LABEL] === pod.metadata.name &&
    pod.metadata.labels?.[POD_INDEX_LABEL] === String(ordinal)
  );
}

export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = ordinalOf(set, pod);
  return (set.spec.volumeClaimTemplates ?? []).every((t) =>
    (pod.spec.volumes ?? []).some((v) => v.name === t.metadata.name && v.persistentVolumeClaim?.claimName === claimName(set, t.metadata.name, ordinal)),
  );
}

/** UpdateStatefulPod's repair of a pod whose identity or storage drifted. */
export function repairPod(set: StatefulSet, pod: Pod): Pod {
  const copy = structuredClone(pod);
  const ordinal = ordinalOf(set, pod);
  applyIdentity(set, copy, ordinal);
  applyStorage(set, copy, ordinal);
  return copy;
}
