// ClusterAffinity matching: exclude first, then every criterion that is set must hold (labels, fields, names).

import { labelSelectorFromSpec, matchesLabels, SelectorError } from '../../../machinery/labels.js';
import { clusterZones, type ClusterInfo } from './cluster-info.js';

/** What affinity matching reads of a cluster (override rules match on the same facts). */
export type ClusterIdentity = Pick<ClusterInfo, 'name' | 'labels' | 'provider' | 'region' | 'zone' | 'zones'>;
import type { ClusterAffinity, FieldSelectorRequirement } from './types.js';

function labelsMatch(affinity: ClusterAffinity, cluster: ClusterIdentity): boolean {
  if (!affinity.labelSelector) return true;
  try {
    return matchesLabels(labelSelectorFromSpec(affinity.labelSelector), cluster.labels);
  } catch (err) {
    if (err instanceof SelectorError) return false;
    throw err;
  }
}

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

function fieldsMatch(affinity: ClusterAffinity, cluster: ClusterIdentity): boolean {
  return (affinity.fieldSelector?.matchExpressions ?? []).every((requirement) =>
    requirement.key === 'zone'
      ? zonesMatch(requirement, clusterZones(cluster))
      : fieldMatches(requirement, fieldValue(cluster, requirement.key)),
  );
}

export function clusterMatchesAffinity(cluster: ClusterIdentity, affinity: ClusterAffinity): boolean {
  if (affinity.exclude?.includes(cluster.name)) return false;
  if (!labelsMatch(affinity, cluster) || !fieldsMatch(affinity, cluster)) return false;
  const names = affinity.clusterNames ?? [];
  return names.length === 0 || names.includes(cluster.name);
}
