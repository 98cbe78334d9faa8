// Which nodes a DaemonSet runs on and the pods it creates (pkg/controller/daemon/util): the default
// DaemonSet tolerations, the per-node required affinity on metadata.name, and the revision labels.

import { deepClone } from '../../machinery/deep.js';
import { matchesRequiredNodeAffinity } from './node-affinity.js';
import { blocksExecution, blocksScheduling, firstUntoleratedTaint } from './taints.js';
import type { DaemonSet } from './types-apps.js';
import type { Affinity, Node, Pod, PodSpec, PodTemplateSpec, Toleration } from './types-core.js';

export const DAEMONSET_HASH_LABEL = 'controller-revision-hash';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

function sameToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
}

function addOrUpdateToleration(spec: PodSpec, t: Toleration): void {
  const list = spec.tolerations ?? [];
  const i = list.findIndex((x) => sameToleration(x, t));
  spec.tolerations = i >= 0 ? list.map((x, j) => (j === i ? { ...t } : x)) : [...list, { ...t }];
}

/** AddOrUpdateDaemonPodTolerations: survive node problems and cordons. */
export function addDaemonTolerations(spec: PodSpec): void {
  const exists = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect });
  addOrUpdateToleration(spec, exists('node.kubernetes.io/not-ready', 'NoExecute'));
  addOrUpdateToleration(spec, exists('node.kubernetes.io/unreachable', 'NoExecute'));
  addOrUpdateToleration(spec, exists('node.kubernetes.io/disk-pressure', 'NoSchedule'));
  addOrUpdateToleration(spec, exists('node.kubernetes.io/memory-pressure', 'NoSchedule'));
  addOrUpdateToleration(spec, exists('node.kubernetes.io/pid-pressure', 'NoSchedule'));
  addOrUpdateToleration(spec, exists('node.kubernetes.io/unschedulable', 'NoSchedule'));
  if (spec.hostNetwork) addOrUpdateToleration(spec, exists('node.kubernetes.io/network-unavailable', 'NoSchedule'));
}

/** NodeShouldRunDaemonPod: should a daemon pod run here, and may an existing one keep running? */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const spec = deepClone(ds.spec.template.spec);
  if (spec.nodeName && spec.nodeName !== node.metadata.name) return { shouldRun: false, shouldContinueRunning: false };
  spec.nodeName = node.metadata.name;
  addDaemonTolerations(spec);
  const pod: Pod = { metadata: { ...(ds.spec.template.metadata ?? {}), namespace: ds.metadata.namespace }, spec };
  if (!matchesRequiredNodeAffinity(pod, node)) return { shouldRun: false, shouldContinueRunning: false };
  if (firstUntoleratedTaint(node.spec.taints, spec.tolerations, blocksScheduling)) {
    return { shouldRun: false, shouldContinueRunning: !firstUntoleratedTaint(node.spec.taints, spec.tolerations, blocksExecution) };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: pin the pod to one node through required node affinity. */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  const a: Affinity = deepClone(affinity ?? {});
  a.nodeAffinity = { ...(a.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } };
  return a;
}

export function templateGeneration(ds: DaemonSet): string | undefined {
  return ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? (ds.metadata.generation !== undefined ? String(ds.metadata.generation) : undefined);
}

/** CreatePodTemplate: the DaemonSet template with default tolerations and the revision labels. */
export function daemonPodTemplate(ds: DaemonSet, hash: string): PodTemplateSpec {
  const t = deepClone(ds.spec.template);
  const labels = { ...(t.metadata?.labels ?? {}) };
  const generation = templateGeneration(ds);
  if (generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = generation;
  if (hash) labels[DAEMONSET_HASH_LABEL] = hash;
  t.metadata = { ...(t.metadata ?? {}), labels };
  addDaemonTolerations(t.spec);
  return t;
}

/** GetTargetNodeName: spec.nodeName, or the node its required affinity pins it to. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In') return f.values?.length === 1 ? f.values[0] : undefined;
    }
  }
  return undefined;
}

export function isDaemonPodUpdated(ds: DaemonSet, pod: Pod, hash: string): boolean {
  const generation = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  const byGeneration = generation !== undefined && pod.metadata.labels?.[TEMPLATE_GENERATION_LABEL] === generation;
  return (hash !== '' && pod.metadata.labels?.[DAEMONSET_HASH_LABEL] === hash) || byGeneration;
}
