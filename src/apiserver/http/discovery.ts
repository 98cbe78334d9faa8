// Discovery documents: aggregated (apidiscovery.k8s.io/v2, two requests for kubectl) and legacy
// (/api, /apis, per group-version APIResourceList, which client-node uses). Built from the cluster's
// kind registry on demand and cached until the registry changes.

import type { KindDefinition } from '../../api/types.js';
import type { KindRegistry } from '../registry/kind-registry.js';

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const STANDARD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

export function wantsAggregated(accept: string | undefined): boolean {
  return !!accept && /as=APIGroupDiscoveryList/.test(accept) && /g=apidiscovery\.k8s\.io/.test(accept);
}

/** Kubernetes version priority: GA > beta > alpha, then by major and minor number. */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [-1, 0, 0];
    const level = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
    return [level, Number(m[1]), Number(m[3] ?? 0)];
  };
  const [la, ma, na] = rank(a);
  const [lb, mb, nb] = rank(b);
  if (la !== lb) return lb - la;
  if (ma !== mb) return mb - ma;
  if (na !== nb) return nb - na;
  return a.localeCompare(b);
}

interface GroupVersions {
  name: string;
  versions: Map<string, KindDefinition[]>;
}

function groupsOf(kinds: KindRegistry): GroupVersions[] {
  const groups = new Map<string, GroupVersions>();
  for (const definition of kinds.all()) {
    let group = groups.get(definition.group);
    if (!group) groups.set(definition.group, (group = { name: definition.group, versions: new Map() }));
    for (const version of definition.versions) {
      if (!version.served) continue;
      const list = group.versions.get(version.name) ?? [];
      list.push(definition);
      group.versions.set(version.name, list);
    }
  }
  // Built-in groups keep their registration order ("" first); others sort by name.
  return [...groups.values()].filter((g) => g.versions.size > 0);
}

function sortedVersions(group: GroupVersions): string[] {
  return [...group.versions.keys()].sort(compareVersions);
}

/** What a logical cluster serves beyond its kinds' own subresources. */
export interface DiscoveryOptions {
  /** ServiceAccount tokens are issued here (POST serviceaccounts/NAME/token, a TokenRequest). */
  tokenRequests?: boolean;
}

interface Subresource {
  name: string;
  responseKind: { group: string; version: string; kind: string };
  verbs: string[];
}

function subresourcesOf(definition: KindDefinition, version: string, options: DiscoveryOptions): Subresource[] {
  const kindVersion = definition.versions.find((v) => v.name === version);
  const out: Subresource[] = [];
  if (kindVersion?.subresources?.status) out.push({ name: 'status', responseKind: { group: definition.group, version, kind: definition.kind }, verbs: SUBRESOURCE_VERBS });
  if (kindVersion?.subresources?.scale) out.push({ name: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: SUBRESOURCE_VERBS });
  if (definition.group === '' && definition.kind === 'Namespace') out.push({ name: 'finalize', responseKind: { group: '', version: 'v1', kind: 'Namespace' }, verbs: ['update'] });
  if (options.tokenRequests && definition.group === '' && definition.kind === 'ServiceAccount') out.push({ name: 'token', responseKind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }, verbs: ['create'] });
  return out;
}

function aggregatedResource(definition: KindDefinition, version: string, options: DiscoveryOptions): Record<string, unknown> {
  const resource: Record<string, unknown> = {
    resource: definition.plural,
    responseKind: { group: definition.group, version, kind: definition.kind },
    scope: definition.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: definition.singular,
    verbs: definition.verbs ?? STANDARD_VERBS,
  };
  if (definition.shortNames?.length) resource.shortNames = definition.shortNames;
  if (definition.categories?.length) resource.categories = definition.categories;
  const subresources = subresourcesOf(definition, version, options);
  if (subresources.length) resource.subresources = subresources.map((s) => ({ subresource: s.name, responseKind: s.responseKind, verbs: s.verbs }));
  return resource;
}

export function aggregatedDiscovery(kinds: KindRegistry, legacy: boolean, options: DiscoveryOptions = {}): string {
  const items = groupsOf(kinds)
    .filter((g) => (legacy ? g.name === '' : g.name !== ''))
    .map((group) => ({
      metadata: { name: group.name, creationTimestamp: null },
      versions: sortedVersions(group).map((version) => ({
        version,
        resources: group.versions.get(version)!.map((d) => aggregatedResource(d, version, options)).sort((a, b) => String(a.resource).localeCompare(String(b.resource))),
        freshness: 'Current',
      })),
    }));
  return JSON.stringify({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items });
}

export function legacyApiVersions(serverAddress: string): string {
  return JSON.stringify({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] });
}

export function legacyGroupList(kinds: KindRegistry): string {
  const groups = groupsOf(kinds)
    .filter((g) => g.name !== '')
    .map((group) => {
      const versions = sortedVersions(group).map((version) => ({ groupVersion: `${group.name}/${version}`, version }));
      return { name: group.name, versions, preferredVersion: versions[0] };
    });
  return JSON.stringify({ kind: 'APIGroupList', apiVersion: 'v1', groups });
}

/** The APIResourceList of one group-version, or undefined when nothing is served there. */
export function resourceList(kinds: KindRegistry, group: string, version: string, options: DiscoveryOptions = {}): string | undefined {
  const definitions = kinds.all().filter((d) => d.group === group && d.versions.some((v) => v.name === version && v.served));
  if (definitions.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const d of definitions.sort((a, b) => a.plural.localeCompare(b.plural))) {
    const resource: Record<string, unknown> = { name: d.plural, singularName: d.singular, namespaced: d.namespaced, kind: d.kind, verbs: d.verbs ?? STANDARD_VERBS };
    if (d.shortNames?.length) resource.shortNames = d.shortNames;
    if (d.categories?.length) resource.categories = d.categories;
    resources.push(resource);
    for (const sub of subresourcesOf(d, version, options)) {
      const entry: Record<string, unknown> = { name: `${d.plural}/${sub.name}`, singularName: '', namespaced: d.namespaced, kind: sub.responseKind.kind, verbs: sub.verbs };
      // Answered in another group-version than the resource's own (Scale, TokenRequest).
      if (sub.responseKind.group !== group) {
        entry.group = sub.responseKind.group;
        entry.version = sub.responseKind.version;
      }
      resources.push(entry);
    }
  }
  return JSON.stringify({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources });
}
