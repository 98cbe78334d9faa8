// The default scheduler's Filter plugins in their default order (NodeUnschedulable, NodeName,
// TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit). A node's status is the first failing
// plugin's; reason strings are kube-scheduler's.

import { matchesRequiredNodeAffinity } from './node-affinity.js';
import { nodeAllocatable, podRequests, type Amounts } from './resources.js';
import { blocksScheduling, firstUntoleratedTaint, toleratesAll } from './taints.js';
import type { Node, Pod } from './types-core.js';

export type FilterCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface FilterStatus {
  code: FilterCode;
  reasons: string[];
}

export const REASON_UNSCHEDULABLE_NODE = 'node(s) were unschedulable';
export const REASON_NODE_NAME = "node(s) didn't match the requested node name";
export const REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

/** What the scheduler's cache knows about one node: the node and the non-terminal pods bound to it. */
export interface NodeInfo {
  node: Node;
  pods: readonly Pod[];
}

function nodeUnschedulable(pod: Pod, node: Node): FilterStatus | undefined {
  if (!node.spec.unschedulable) return undefined;
  const taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
  if (toleratesAll(pod.spec.tolerations, taint)) return undefined;
  return { code: 'UnschedulableAndUnresolvable', reasons: [REASON_UNSCHEDULABLE_NODE] };
}

function nodeName(pod: Pod, node: Node): FilterStatus | undefined {
  if (!pod.spec.nodeName || pod.spec.nodeName === node.metadata.name) return undefined;
  return { code: 'UnschedulableAndUnresolvable', reasons: [REASON_NODE_NAME] };
}

function taintToleration(pod: Pod, node: Node): FilterStatus | undefined {
  const taint = firstUntoleratedTaint(node.spec.taints, pod.spec.tolerations, blocksScheduling);
  if (!taint) return undefined;
  return { code: 'UnschedulableAndUnresolvable', reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`] };
}

function nodeAffinity(pod: Pod, node: Node): FilterStatus | undefined {
  if (matchesRequiredNodeAffinity(pod, node)) return undefined;
  return { code: 'UnschedulableAndUnresolvable', reasons: [REASON_NODE_AFFINITY] };
}

interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol ?? 'TCP', port: p.hostPort });
    }
  }
  return out;
}

function portsConflict(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.ip === '0.0.0.0' || b.ip === '0.0.0.0' || a.ip === b.ip);
}

function nodePorts(pod: Pod, info: NodeInfo): FilterStatus | undefined {
  const wanted = hostPorts(pod);
  if (wanted.length === 0) return undefined;
  const used = info.pods.flatMap(hostPorts);
  if (!wanted.some((w) => used.some((u) => portsConflict(w, u)))) return undefined;
  return { code: 'Unschedulable', reasons: [REASON_NODE_PORTS] };
}

/** NodeResourcesFit: every shortage is a reason of its own. */
function isScalarResource(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}

const NATIVE_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

/** NodeResourcesFit: every shortage is a reason of its own. */
export function insufficientResources(request: Amounts, info: NodeInfo): string[] {
  const reasons: string[] = [];
  const allocatable = nodeAllocatable(info.node);
  if (info.pods.length + 1 > (allocatable.get('pods') ?? 0)) reasons.push('Too many pods');
  const names = [
    ...NATIVE_RESOURCES.filter((n) => (request.get(n) ?? 0) > 0),
    ...[...request.keys()].filter((n) => isScalarResource(n) && (request.get(n) ?? 0) > 0).sort(),
  ];
  if (names.length === 0) return reasons;
  const requested = new Map<string, number>();
  for (const p of info.pods) for (const [k, v] of podRequests(p)) requested.set(k, (requested.get(k) ?? 0) + v);
  for (const name of names) {
    const free = (allocatable.get(name) ?? 0) - (requested.get(name) ?? 0);
    if (request.get(name)! > free) reasons.push(`Insufficient ${name}`);
  }
  return reasons;
}

function resourcesFit(pod: Pod, info: NodeInfo): FilterStatus | undefined {
  const reasons = insufficientResources(podRequests(pod), info);
  return reasons.length ? { code: 'Unschedulable', reasons } : undefined;
}

/** Runs the filters in order; undefined when the node fits. */
export function runFilters(pod: Pod, info: NodeInfo): FilterStatus | undefined {
  return (
    nodeUnschedulable(pod, info.node) ??
    nodeName(pod, info.node) ??
    taintToleration(pod, info.node) ??
    nodeAffinity(pod, info.node) ??
    nodePorts(pod, info) ??
    resourcesFit(pod, info)
  );
}
