// ClusterAffinity matching: exclude first, then every criterion that is set must hold (labels, fields, names).

import { labelSelectorFromSpec, matchesLabels, SelectorError, type LabelRequirement } from '../../../machinery/labels.js';
import { clusterZones, type ClusterInfo } from './cluster-info.js';
import type { ClusterAffinity, FieldSelectorRequirement } from './types.js';

/** What affinity matching reads of a cluster (override rules match on the same facts). */
export type ClusterIdentity = Pick<ClusterInfo, 'name' | 'labels' | 'provider' | 'region' | 'zone' | 'zones'>;

/** Zones are a list: In needs every zone listed (and at least one zone), NotIn needs none listed. */
function zonesMatch(requirement: FieldSelectorRequirement, zones: string[]): boolean {
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return zones.length > 0 && zones.every((zone) => values.includes(zone));
    case 'NotIn':
      return zones.every((zone) => !values.includes(zone));
    case 'Exists':
      return zones.length > 0;
    case 'DoesNotExist':
      return zones.length === 0;
    default:
      return false;
  }
}

function fieldValue(cluster: ClusterIdentity, key: string): string | undefined {
  if (key === 'provider') return cluster.provider || undefined;
  if (key === 'region') return cluster.region || undefined;
  return undefined;
}

/** Node-selector semantics for a single-valued field: NotIn and DoesNotExist hold when the field is unset. */
function fieldMatches(requirement: FieldSelectorRequirement, value: string | undefined): boolean {
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return false;
  }
}

function fieldsMatch(requirements: FieldSelectorRequirement[], cluster: ClusterIdentity): boolean {
  return requirements.every((requirement) =>
    requirement.key === 'zone'
      ? zonesMatch(requirement, clusterZones(cluster))
      : fieldMatches(requirement, fieldValue(cluster, requirement.key)),
  );
}

/** Whether a cluster satisfies an affinity, with the affinity read once (see affinityMatcher). */
export type ClusterMatcher = (cluster: ClusterIdentity) => boolean;

/** The label selector's requirements; null when it cannot be parsed (then no cluster matches). */
function selectorOf(affinity: ClusterAffinity): LabelRequirement[] | null | undefined {
  if (!affinity.labelSelector) return undefined;
  try {
    return labelSelectorFromSpec(affinity.labelSelector);
  } catch (err) {
    if (err instanceof SelectorError) return null;
    throw err;
  }
}

/**
 * An affinity prepared for many clusters: its selector parsed once and its names in sets, so matching a
 * fleet costs one pass over it rather than a pass over every name list for each cluster.
 */
export function affinityMatcher(affinity: ClusterAffinity): ClusterMatcher {
  const excluded = affinity.exclude?.length ? new Set(affinity.exclude) : undefined;
  const named = affinity.clusterNames?.length ? new Set(affinity.clusterNames) : undefined;
  const selector = selectorOf(affinity);
  const fields = affinity.fieldSelector?.matchExpressions ?? [];
  return (cluster) => {
    if (excluded?.has(cluster.name) || selector === null) return false;
    if (selector && !matchesLabels(selector, cluster.labels)) return false;
    if (fields.length > 0 && !fieldsMatch(fields, cluster)) return false;
    return !named || named.has(cluster.name);
  };
}

export function clusterMatchesAffinity(cluster: ClusterIdentity, affinity: ClusterAffinity): boolean {
  return affinityMatcher(affinity)(cluster);
}
