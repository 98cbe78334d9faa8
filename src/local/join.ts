// Registering a member cluster with the hub: its kubeconfig goes into a Secret, an AttachedCluster
// points at it (labels are placement labels), and optionally a Fleet lists it.

import { parse as parseYaml, stringify } from 'yaml';
import { resources } from '../client/resources.js';
import type { Client } from '../client/types.js';
import { ATTACHED_CLUSTERS } from '../controllers/common/cluster-kinds.js';
import { FLEETS } from '../controllers/fleet/controller.js';
import { isPlainObject, type KubeObject } from '../machinery/object.js';

export interface JoinOptions {
  name: string;
  namespace?: string;
  /** kubeconfig text of the member cluster. */
  kubeconfig: string;
  /** Use this context of the kubeconfig (default: its current context). */
  context?: string;
  labels?: Record<string, string>;
  fleet?: string;
}

export function secretNameFor(cluster: string): string {
  return `${cluster}-kubeconfig`;
}

/** The kubeconfig with the chosen context as current; throws naming the contexts it has. */
export function selectContext(kubeconfig: string, context: string | undefined): string {
  const doc = parseYaml(kubeconfig) as unknown;
  if (!isPlainObject(doc) || !Array.isArray(doc.contexts)) throw new Error('the kubeconfig has no contexts');
  const names = (doc.contexts as { name?: string }[]).map((c) => c.name);
  const chosen = context ?? (typeof doc['current-context'] === 'string' ? doc['current-context'] : names[0]);
  if (!chosen || !names.includes(chosen)) throw new Error(`the kubeconfig has no context ${JSON.stringify(chosen)}; it has: ${names.join(', ')}`);
  return stringify({ ...doc, 'current-context': chosen });
}

async function upsert(client: Client, type: typeof resources.secrets, object: KubeObject): Promise<void> {
  const existing = await client.get(type, object.metadata.namespace, object.metadata.name ?? '');
  if (!existing) await client.create(type, object);
  else await client.update(type, { ...object, metadata: { ...existing.metadata, labels: object.metadata.labels ?? existing.metadata.labels } });
}

export async function joinCluster(client: Client, options: JoinOptions): Promise<void> {
  const namespace = options.namespace ?? 'default';
  const kubeconfig = selectContext(options.kubeconfig, options.context);
  const secretName = secretNameFor(options.name);
  await upsert(client, resources.secrets, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: secretName, namespace, labels: { 'cluster.kurator.dev/cluster-name': options.name } },
    type: 'Opaque',
    data: { value: Buffer.from(kubeconfig, 'utf8').toString('base64') },
  });
  await upsert(client, ATTACHED_CLUSTERS, {
    apiVersion: 'cluster.kurator.dev/v1alpha1',
    kind: 'AttachedCluster',
    metadata: { name: options.name, namespace, labels: options.labels ?? {} },
    spec: { kubeconfig: { name: secretName, key: 'value' } },
  });
  if (!options.fleet) return;
  const fleet = await client.get(FLEETS, namespace, options.fleet);
  const member = { name: options.name, kind: 'AttachedCluster' };
  if (!fleet) {
    await client.create(FLEETS, { apiVersion: 'fleet.kurator.dev/v1alpha1', kind: 'Fleet', metadata: { name: options.fleet, namespace }, spec: { clusters: [member] } });
    return;
  }
  const clusters = (isPlainObject(fleet.spec) && Array.isArray(fleet.spec.clusters) ? fleet.spec.clusters : []) as { name: string; kind?: string }[];
  if (clusters.some((c) => c.name === options.name && (c.kind ?? 'AttachedCluster') === 'AttachedCluster')) return;
  await client.patch(FLEETS, namespace, options.fleet, 'merge', { spec: { clusters: [...clusters, member] } });
}

export async function unjoinCluster(client: Client, options: { name: string; namespace?: string }): Promise<boolean> {
  const namespace = options.namespace ?? 'default';
  for (const fleet of (await client.list(FLEETS, namespace)).items) {
    const clusters = (isPlainObject(fleet.spec) && Array.isArray(fleet.spec.clusters) ? fleet.spec.clusters : []) as { name: string; kind?: string }[];
    const kept = clusters.filter((c) => !(c.name === options.name && (c.kind ?? 'AttachedCluster') === 'AttachedCluster'));
    if (kept.length !== clusters.length) await client.patch(FLEETS, namespace, fleet.metadata.name ?? '', 'merge', { spec: { clusters: kept } });
  }
  const existed = (await client.get(ATTACHED_CLUSTERS, namespace, options.name)) !== undefined;
  if (existed) await client.delete(ATTACHED_CLUSTERS, namespace, options.name);
  if (await client.get(resources.secrets, namespace, secretNameFor(options.name))) await client.delete(resources.secrets, namespace, secretNameFor(options.name));
  return existed;
}
