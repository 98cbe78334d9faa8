// Simulated fleet profiles: per cluster, placement labels, node count and shape, node labels and taints,
// and the default request rate of Services. Without a profile, clusters get distinct regions and zones
// so placement by label works out of the box.

import { parse as parseYaml } from 'yaml';
import { isPlainObject } from '../machinery/object.js';
import { isValidQuantity } from '../machinery/quantity.js';

export interface NodeTaint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface ClusterProfile {
  name: string;
  /** Placement labels of the cluster (region, zone, provider, environment, ...). */
  labels: Record<string, string>;
  nodes: number;
  capacity: Record<string, string>;
  nodeLabels: Record<string, string>;
  taints: NodeTaint[];
  /** Requests per second a Service receives unless it says otherwise. */
  requestRate: number;
}

export interface FleetProfile {
  clusters: ClusterProfile[];
}

export const DEFAULT_CAPACITY: Record<string, string> = { cpu: '8', memory: '32Gi', pods: '110' };
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-1', 'us-west-2', 'eu-central-1', 'ap-northeast-1', 'sa-east-1', 'ca-central-1'];
const PROVIDERS = ['aws', 'gcp', 'azure', 'onprem'];

export class ProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileError';
  }
}

/** The default fleet: member1..N spread over regions, zones and providers. */
export function defaultProfile(clusters: number, nodesPerCluster: number): FleetProfile {
  return {
    clusters: Array.from({ length: clusters }, (_, i) => {
      const region = REGIONS[i % REGIONS.length]!;
      const zone = `${region}${'abc'[Math.floor(i / REGIONS.length) % 3]}`;
      const provider = PROVIDERS[i % PROVIDERS.length]!;
      return {
        name: `member${i + 1}`,
        labels: { region, zone, provider, environment: i % 2 === 0 ? 'production' : 'staging' },
        nodes: nodesPerCluster,
        capacity: { ...DEFAULT_CAPACITY },
        nodeLabels: {},
        taints: [],
        requestRate: 10,
      };
    }),
  };
}

function stringMap(value: unknown, where: string): Record<string, string> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new ProfileError(`${where} must be a map of strings`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) out[k] = String(v);
  return out;
}

/**
 * Reads a profile:
 *   defaults: { nodes, capacity: {cpu, memory, pods, nvidia.com/gpu}, nodeLabels, taints, requestRate }
 *   clusters: [{ name, labels, nodes, capacity, nodeLabels, taints, requestRate }, ...]
 * A cluster's fields override the defaults; `count: N` on an entry expands it to name-1..name-N.
 */
export function parseProfile(text: string, fallbackNodes: number): FleetProfile {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new ProfileError(`the profile is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!isPlainObject(doc) || !Array.isArray(doc.clusters) || doc.clusters.length === 0) {
    throw new ProfileError('the profile needs a non-empty "clusters" list');
  }
  const defaults = isPlainObject(doc.defaults) ? doc.defaults : {};
  const clusters: ClusterProfile[] = [];
  const seen = new Set<string>();
  doc.clusters.forEach((entry: unknown, index: number) => {
    const where = `clusters[${index}]`;
    if (!isPlainObject(entry) || typeof entry.name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(entry.name)) {
      throw new ProfileError(`${where}.name must be a lowercase DNS label`);
    }
    const count = entry.count === undefined ? undefined : Number(entry.count);
    if (count !== undefined && (!Number.isInteger(count) || count < 1)) throw new ProfileError(`${where}.count must be a positive integer`);
    const names = count === undefined ? [entry.name] : Array.from({ length: count }, (_, i) => `${entry.name}-${i + 1}`);
    const nodes = Number(entry.nodes ?? defaults.nodes ?? fallbackNodes);
    if (!Number.isInteger(nodes) || nodes < 0) throw new ProfileError(`${where}.nodes must be a non-negative integer`);
    const capacity = { ...DEFAULT_CAPACITY, ...stringMap(defaults.capacity, 'defaults.capacity'), ...stringMap(entry.capacity, `${where}.capacity`) };
    for (const [resource, quantity] of Object.entries(capacity)) {
      if (!isValidQuantity(quantity)) throw new ProfileError(`${where}.capacity.${resource}: ${JSON.stringify(quantity)} is not a quantity (e.g. "8", "500m", "32Gi")`);
    }
    const taints = parseTaints(entry.taints ?? defaults.taints, `${where}.taints`);
    const requestRate = Number(entry.requestRate ?? defaults.requestRate ?? 10);
    if (!Number.isFinite(requestRate) || requestRate < 0) throw new ProfileError(`${where}.requestRate must be a non-negative number`);
    for (const name of names) {
      if (seen.has(name)) throw new ProfileError(`cluster ${name} appears twice in the profile`);
      seen.add(name);
      clusters.push({
        name,
        labels: stringMap(entry.labels, `${where}.labels`),
        nodes,
        capacity,
        nodeLabels: { ...stringMap(defaults.nodeLabels, 'defaults.nodeLabels'), ...stringMap(entry.nodeLabels, `${where}.nodeLabels`) },
        taints,
        requestRate,
      });
    }
  });
  return { clusters };
}

function parseTaints(value: unknown, where: string): NodeTaint[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ProfileError(`${where} must be a list`);
  return value.map((t: unknown, i) => {
    if (!isPlainObject(t) || typeof t.key !== 'string' || !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(String(t.effect))) {
      throw new ProfileError(`${where}[${i}] needs a key and an effect of NoSchedule, PreferNoSchedule or NoExecute`);
    }
    const taint: NodeTaint = { key: t.key, effect: t.effect as NodeTaint['effect'] };
    if (t.value !== undefined) taint.value = String(t.value);
    return taint;
  });
}
