// kube-state-metrics families, with kube-state-metrics' names, HELP texts, label names and units, plus a
// `cluster` label. Objects are read defensively: a missing field yields kube-state-metrics' default or no
// series, never an exception.

import type { KubeObject } from '../../machinery/object.js';
import { isPlainObject } from '../../machinery/object.js';
import { isValidQuantity, parseQuantity } from '../../machinery/quantity.js';
import { escapeLabelValue, familyHeader, formatValue } from './exposition.js';

export interface KubeStateSnapshot {
  readonly cluster: string;
  readonly deployments: readonly KubeObject[];
  readonly pods: readonly KubeObject[];
  readonly nodes: readonly KubeObject[];
}

const POD_PHASES = ['Pending', 'Succeeded', 'Failed', 'Unknown', 'Running'];
const CONDITION_STATUSES: [string, string][] = [
  ['true', 'True'],
  ['false', 'False'],
  ['unknown', 'Unknown'],
];

interface Prepared {
  readonly clusterLabel: string;
  readonly deployments: { readonly obj: KubeObject; readonly prefix: string }[];
  readonly pods: { readonly obj: KubeObject; readonly prefix: string }[];
  readonly nodes: { readonly obj: KubeObject; readonly prefix: string }[];
}

interface Family {
  readonly name: string;
  readonly help: string;
  readonly render: (cluster: Prepared, out: string[]) => void;
}

const FAMILIES: readonly Family[] = [
  deploymentFamily('kube_deployment_spec_replicas', 'Number of desired pods for a deployment.', (d) => num(get(d, 'spec', 'replicas'), 1)),
  deploymentFamily('kube_deployment_status_replicas', 'The number of replicas per deployment.', (d) => num(get(d, 'status', 'replicas'), 0)),
  deploymentFamily('kube_deployment_status_replicas_available', 'The number of available replicas per deployment.', (d) => num(get(d, 'status', 'availableReplicas'), 0)),
  nodeResourceFamily('kube_node_status_allocatable', 'The allocatable for different resources of a node that are available for scheduling.', 'allocatable'),
  nodeResourceFamily('kube_node_status_capacity', 'The capacity for different resources of a node.', 'capacity'),
  {
    name: 'kube_node_status_condition',
    help: 'The condition of a cluster node.',
    render: (c, out) => {
      for (const { obj, prefix } of c.nodes) {
        for (const cond of conditions(obj)) {
          for (const [label, status] of CONDITION_STATUSES) {
            out.push(`kube_node_status_condition{${prefix},condition="${escapeLabelValue(cond.type)}",status="${label}"${c.clusterLabel}} ${cond.status === status ? 1 : 0}`);
          }
        }
      }
    },
  },
  {
    name: 'kube_pod_container_resource_requests',
    help: 'The number of requested request resource by a container. It is recommended to use the kube_pod_resource_requests metric exposed by kube-scheduler instead, as it is more precise.',
    render: (c, out) => {
      for (const { obj, prefix } of c.pods) {
        const node = escapeLabelValue(str(get(obj, 'spec', 'nodeName')));
        const containers = get(obj, 'spec', 'containers');
        if (!Array.isArray(containers)) continue;
        for (const container of containers) {
          if (!isPlainObject(container)) continue;
          const requests = isPlainObject(container.resources) ? container.resources.requests : undefined;
          const name = escapeLabelValue(str(container.name));
          for (const [resource, unit, value] of resourceValues(requests)) {
            out.push(`kube_pod_container_resource_requests{${prefix},container="${name}",node="${node}",resource="${resource}",unit="${unit}"${c.clusterLabel}} ${formatValue(value)}`);
          }
        }
      }
    },
  },
  {
    name: 'kube_pod_status_phase',
    help: 'The pods current phase.',
    render: (c, out) => {
      for (const { obj, prefix } of c.pods) {
        const phase = str(get(obj, 'status', 'phase'));
        if (phase === '') continue;
        for (const p of POD_PHASES) out.push(`kube_pod_status_phase{${prefix},phase="${p}"${c.clusterLabel}} ${phase === p ? 1 : 0}`);
      }
    },
  },
  {
    name: 'kube_pod_status_ready',
    help: 'Describes whether the pod is ready to serve requests.',
    render: (c, out) => {
      for (const { obj, prefix } of c.pods) {
        const ready = conditions(obj).find((cond) => cond.type === 'Ready');
        if (!ready) continue;
        for (const [label, status] of CONDITION_STATUSES) out.push(`kube_pod_status_ready{${prefix},condition="${label}"${c.clusterLabel}} ${ready.status === status ? 1 : 0}`);
      }
    },
  },
];

/**
 * Every kube-state family as text chunks, each ending in a line feed: a family's HELP/TYPE, then one
 * chunk per cluster (in name order) holding that cluster's series, objects in namespace/name order.
 */
export function* kubeStateChunks(snapshots: readonly KubeStateSnapshot[]): Generator<string> {
  const prepared = [...snapshots].sort((a, b) => cmp(a.cluster, b.cluster)).map(prepare);
  for (const family of FAMILIES) {
    yield familyHeader(family.name, 'gauge', family.help);
    for (const c of prepared) {
      const out: string[] = [];
      family.render(c, out);
      if (out.length > 0) yield `${out.join('\n')}\n`;
    }
  }
}

function prepare(s: KubeStateSnapshot): Prepared {
  const ns = (o: KubeObject): string => escapeLabelValue(o.metadata.namespace ?? '');
  const name = (o: KubeObject): string => escapeLabelValue(o.metadata.name ?? '');
  return {
    clusterLabel: `,cluster="${escapeLabelValue(s.cluster)}"`,
    deployments: sortByKey(s.deployments).map((obj) => ({ obj, prefix: `namespace="${ns(obj)}",deployment="${name(obj)}"` })),
    pods: sortByKey(s.pods).map((obj) => ({ obj, prefix: `namespace="${ns(obj)}",pod="${name(obj)}",uid="${escapeLabelValue(obj.metadata.uid ?? '')}"` })),
    nodes: sortByKey(s.nodes).map((obj) => ({ obj, prefix: `node="${name(obj)}"` })),
  };
}

function deploymentFamily(name: string, help: string, value: (d: KubeObject) => number): Family {
  return {
    name,
    help,
    render: (c, out) => {
      for (const { obj, prefix } of c.deployments) out.push(`${name}{${prefix}${c.clusterLabel}} ${formatValue(value(obj))}`);
    },
  };
}

function nodeResourceFamily(name: string, help: string, field: 'allocatable' | 'capacity'): Family {
  return {
    name,
    help,
    render: (c, out) => {
      for (const { obj, prefix } of c.nodes) {
        for (const [resource, unit, value] of resourceValues(get(obj, 'status', field))) {
          out.push(`${name}{${prefix},resource="${resource}",unit="${unit}"${c.clusterLabel}} ${formatValue(value)}`);
        }
      }
    },
  };
}

/** [sanitized resource name, unit, value] for each valid quantity, in resource name order. */
export function resourceValues(list: unknown): [string, string, number][] {
  if (!isPlainObject(list)) return [];
  const out: [string, string, number][] = [];
  for (const name of Object.keys(list).sort()) {
    const raw = list[name];
    const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : undefined;
    if (text === undefined || !isValidQuantity(text)) continue;
    out.push([name.replace(/[^a-zA-Z0-9_]/g, '_'), unitOf(name), parseQuantity(text)]);
  }
  return out;
}

/** kube-state-metrics' units: cores for cpu, bytes for memory and storage kinds, integer otherwise. */
function unitOf(resource: string): string {
  if (resource === 'cpu') return 'core';
  if (resource === 'memory' || resource === 'storage' || resource === 'ephemeral-storage') return 'byte';
  if (resource.startsWith('hugepages-') || resource.startsWith('attachable-volumes-')) return 'byte';
  return 'integer';
}

function conditions(obj: KubeObject): { type: string; status: string }[] {
  const list = get(obj, 'status', 'conditions');
  if (!Array.isArray(list)) return [];
  const out: { type: string; status: string }[] = [];
  for (const c of list) if (isPlainObject(c) && typeof c.type === 'string') out.push({ type: c.type, status: str(c.status) });
  return out;
}

function get(obj: KubeObject, section: string, field: string): unknown {
  const s = obj[section];
  return isPlainObject(s) ? s[field] : undefined;
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function sortByKey(objects: readonly KubeObject[]): KubeObject[] {
  return [...objects].sort((a, b) => cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || cmp(a.metadata.name ?? '', b.metadata.name ?? ''));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
