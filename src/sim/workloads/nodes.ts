// Simulated Nodes as a kubelet registers and reports them, their kube-node-lease Lease, and the two
// fault transitions: the node lifecycle controller marking a silent node unreachable, and recovery.

import { createHash } from 'node:crypto';
import type { Lease, Node, NodeCondition, Taint } from './types-core.js';
import { kubeTime, microTime } from './time.js';

export const KUBELET_VERSION = 'v1.32.0';
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const NODE_LEASE_DURATION_SECONDS = 40;
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';

export interface SimNodeSpec {
  name: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  /** Reported as both capacity and allocatable. */
  capacity: { cpu: string; memory: string; pods: string; 'nvidia.com/gpu'?: string; [resource: string]: string | undefined };
  /** Injected by the caller (the simulation's address allocator). */
  internalIP: string;
  region?: string;
  zone?: string;
  instanceType?: string;
  arch?: string;
  podCIDR?: string;
  uid?: string;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function uuidFrom(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The conditions a healthy kubelet posts (NetworkUnavailable as the network plugin/route controller sets it). */
export function healthyNodeConditions(now: string): NodeCondition[] {
  const t = kubeTime(now);
  const c = (type: string, status: 'True' | 'False', reason: string, message: string): NodeCondition => ({
    type,
    status,
    lastHeartbeatTime: t,
    lastTransitionTime: t,
    reason,
    message,
  });
  return [
    c('NetworkUnavailable', 'False', 'RouteCreated', 'RouteController created a route'),
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

export function buildNode(spec: SimNodeSpec, now: string): Node {
  const arch = spec.arch ?? 'amd64';
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': arch,
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': arch,
    'kubernetes.io/hostname': spec.name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': spec.instanceType ?? 'kurator-sim',
  };
  if (spec.region) labels['topology.kubernetes.io/region'] = spec.region;
  if (spec.zone) labels['topology.kubernetes.io/zone'] = spec.zone;
  Object.assign(labels, spec.labels ?? {});
  const capacity: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.capacity)) if (v !== undefined) capacity[k] = v;
  const id = digest(spec.name);
  const nodeSpec: Node['spec'] = {};
  if (spec.podCIDR) {
    nodeSpec.podCIDR = spec.podCIDR;
    nodeSpec.podCIDRs = [spec.podCIDR];
  }
  if (spec.taints?.length) nodeSpec.taints = spec.taints.map((t) => ({ ...t }));
  const metadata: Node['metadata'] = {
    name: spec.name,
    labels,
    annotations: {
      'node.alpha.kubernetes.io/ttl': '0',
      'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
    },
  };
  if (spec.uid) metadata.uid = spec.uid;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata,
    spec: nodeSpec,
    status: {
      addresses: [
        { type: 'InternalIP', address: spec.internalIP },
        { type: 'Hostname', address: spec.name },
      ],
      allocatable: { ...capacity },
      capacity,
      conditions: healthyNodeConditions(now),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: arch,
        bootID: uuidFrom(digest(`${spec.name}/boot`)),
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.1.0-28-cloud-amd64',
        kubeProxyVersion: KUBELET_VERSION,
        kubeletVersion: KUBELET_VERSION,
        machineID: id.slice(0, 32),
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: uuidFrom(id.slice(32)),
      },
    },
  };
}

/** The node's heartbeat Lease as the kubelet creates it (owned by the Node). */
export function buildNodeLease(node: Node, now: string): Lease {
  const name = node.metadata.name ?? '';
  const metadata: Lease['metadata'] = { name, namespace: NODE_LEASE_NAMESPACE };
  if (node.metadata.uid) metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }];
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata,
    spec: { holderIdentity: name, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime: microTime(now) },
  };
}

/** The Lease after a heartbeat (only renewTime moves). */
export function renewNodeLease(lease: Lease, now: string): Lease {
  return { ...lease, spec: { ...lease.spec, renewTime: microTime(now) } };
}

export function isNodeReady(node: Node): boolean {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

const KUBELET_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

function withoutLifecycleTaints(taints: Taint[] | undefined): Taint[] {
  return (taints ?? []).filter((t) => t.key !== TAINT_UNREACHABLE && t.key !== TAINT_NOT_READY);
}

function withTaints(node: Node, taints: Taint[]): Node['spec'] {
  const spec = { ...node.spec };
  if (taints.length) spec.taints = taints;
  else delete spec.taints;
  return spec;
}

/**
 * What the node lifecycle controller writes once the kubelet stops posting status: the kubelet-owned
 * conditions become Unknown (heartbeat times untouched) and the node gets the unreachable taints.
 */
export function markNodeUnreachable(node: Node, now: string): Node {
  const t = kubeTime(now);
  const conditions = (node.status?.conditions ?? []).map((c) => ({ ...c }));
  for (const type of KUBELET_CONDITIONS) {
    const current = conditions.find((c) => c.type === type);
    if (!current) {
      conditions.push({
        type,
        status: 'Unknown',
        lastHeartbeatTime: node.metadata.creationTimestamp ?? t,
        lastTransitionTime: t,
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
      });
    } else if (current.status !== 'Unknown') {
      current.status = 'Unknown';
      current.reason = 'NodeStatusUnknown';
      current.message = 'Kubelet stopped posting node status.';
      current.lastTransitionTime = t;
    }
  }
  const taints = [
    ...withoutLifecycleTaints(node.spec.taints),
    { key: TAINT_UNREACHABLE, effect: 'NoSchedule', timeAdded: t },
    { key: TAINT_UNREACHABLE, effect: 'NoExecute', timeAdded: t },
  ];
  return { ...node, spec: withTaints(node, taints), status: { ...node.status, conditions } };
}

/** A kubelet that reports NotReady (Ready=False) and the not-ready taints the lifecycle controller adds. */
export function markNodeNotReady(node: Node, now: string, message = 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized'): Node {
  const t = kubeTime(now);
  const conditions = (node.status?.conditions ?? []).map((c) => {
    if (c.type !== 'Ready') return { ...c, lastHeartbeatTime: t };
    const changed = c.status !== 'False';
    return { ...c, status: 'False' as const, reason: 'KubeletNotReady', message, lastHeartbeatTime: t, lastTransitionTime: changed ? t : c.lastTransitionTime };
  });
  const taints = [
    ...withoutLifecycleTaints(node.spec.taints),
    { key: TAINT_NOT_READY, effect: 'NoSchedule', timeAdded: t },
    { key: TAINT_NOT_READY, effect: 'NoExecute', timeAdded: t },
  ];
  return { ...node, spec: withTaints(node, taints), status: { ...node.status, conditions } };
}

/** The kubelet posting healthy status again; the lifecycle controller lifts its taints. */
export function healNode(node: Node, now: string): Node {
  const t = kubeTime(now);
  const healthy = healthyNodeConditions(now);
  const previous = new Map((node.status?.conditions ?? []).map((c) => [c.type, c]));
  const conditions = healthy.map((c) => {
    const old = previous.get(c.type);
    if (old && c.type === 'NetworkUnavailable' && old.status === c.status) return { ...old };
    const keepTransition = old && old.status === c.status && old.lastTransitionTime;
    return { ...c, lastTransitionTime: keepTransition ? old.lastTransitionTime : t };
  });
  return { ...node, spec: withTaints(node, withoutLifecycleTaints(node.spec.taints)), status: { ...node.status, conditions } };
}

/** The periodic node status heartbeat: same conditions, lastHeartbeatTime moved to now. */
export function nodeHeartbeat(node: Node, now: string): Node {
  const t = kubeTime(now);
  const conditions = (node.status?.conditions ?? []).map((c) =>
    KUBELET_CONDITIONS.includes(c.type) ? { ...c, lastHeartbeatTime: t } : { ...c },
  );
  return { ...node, status: { ...node.status, conditions } };
}
