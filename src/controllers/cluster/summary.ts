// What a member cluster's nodes and pods say about it: node counts, allocatable / allocated / available
// resources (the input for dynamic weights), and region, zones and provider from well-known node labels.

import { formatQuantity, parseQuantity } from '../../machinery/quantity.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';

export interface ClusterSummary {
  nodeSummary: { totalNum: number; readyNum: number };
  resourceSummary: { allocatable: Record<string, string>; allocated: Record<string, string>; available: Record<string, string> };
  region?: string;
  zones?: string[];
  provider?: string;
}

const PROVIDER_PREFIXES: [string, string][] = [
  ['aws://', 'aws'],
  ['gce://', 'gcp'],
  ['azure://', 'azure'],
  ['kwok://', 'kwok'],
];

function add(totals: Map<string, number>, resources: unknown): void {
  if (!isPlainObject(resources)) return;
  for (const [name, quantity] of Object.entries(resources)) {
    try {
      totals.set(name, (totals.get(name) ?? 0) + parseQuantity(String(quantity)));
    } catch {
      // an unparseable quantity counts as nothing
    }
  }
}

function render(totals: Map<string, number>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of [...totals.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    out[name] = formatQuantity(Math.max(0, value), name === 'memory' || name.includes('storage') ? 'BinarySI' : 'DecimalSI');
  }
  return out;
}

function isReady(node: KubeObject): boolean {
  const status = isPlainObject(node.status) ? node.status : {};
  return Array.isArray(status.conditions) && status.conditions.some((c: { type?: string; status?: string }) => c.type === 'Ready' && c.status === 'True');
}

function podRequests(pod: KubeObject): Map<string, number> {
  const totals = new Map<string, number>();
  const spec = isPlainObject(pod.spec) ? pod.spec : {};
  for (const container of Array.isArray(spec.containers) ? spec.containers : []) {
    if (isPlainObject(container) && isPlainObject(container.resources)) add(totals, container.resources.requests);
  }
  totals.set('pods', 1);
  return totals;
}

export function summarizeCluster(nodes: readonly KubeObject[], pods: readonly KubeObject[]): ClusterSummary {
  const allocatable = new Map<string, number>();
  const allocated = new Map<string, number>();
  let ready = 0;
  const regions = new Set<string>();
  const zones = new Set<string>();
  let provider: string | undefined;
  for (const node of nodes) {
    const status = isPlainObject(node.status) ? node.status : {};
    if (isReady(node)) {
      ready++;
      add(allocatable, status.allocatable);
    }
    const labels = node.metadata.labels ?? {};
    const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'];
    const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'];
    if (region) regions.add(region);
    if (zone) zones.add(zone);
    const providerId = isPlainObject(node.spec) && typeof node.spec.providerID === 'string' ? node.spec.providerID : '';
    provider ??= PROVIDER_PREFIXES.find(([prefix]) => providerId.startsWith(prefix))?.[1];
  }
  for (const pod of pods) {
    const phase = isPlainObject(pod.status) ? pod.status.phase : undefined;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    if (!(isPlainObject(pod.spec) && pod.spec.nodeName)) continue;
    for (const [name, value] of podRequests(pod)) allocated.set(name, (allocated.get(name) ?? 0) + value);
  }
  const available = new Map<string, number>();
  for (const [name, value] of allocatable) available.set(name, value - (allocated.get(name) ?? 0));
  const summary: ClusterSummary = {
    nodeSummary: { totalNum: nodes.length, readyNum: ready },
    resourceSummary: { allocatable: render(allocatable), allocated: render(allocated), available: render(available) },
  };
  if (regions.size === 1) summary.region = [...regions][0]!;
  if (zones.size > 0) summary.zones = [...zones].sort();
  if (provider) summary.provider = provider;
  return summary;
}
