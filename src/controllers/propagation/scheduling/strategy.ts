// Which replica division a placement asks for, with Karmada's defaults and the seed shorthand resolved.

import type { ReplicaSchedulingStrategy, StaticClusterWeight } from './types.js';

export type DivisionStrategy =
  | { type: 'Duplicated' }
  /** `weights` undefined: every candidate weighs 1. */
  | { type: 'StaticWeight'; weights: StaticClusterWeight[] | undefined }
  | { type: 'DynamicWeight' }
  | { type: 'Aggregated' };

/** The seed's `weights: {cluster: weight}` as a static weight list. */
export function weightsToStaticList(weights: Record<string, number>): StaticClusterWeight[] {
  return Object.entries(weights).map(([name, weight]) => ({ targetCluster: { clusterNames: [name] }, weight }));
}

function staticWeights(rs: ReplicaSchedulingStrategy): StaticClusterWeight[] | undefined {
  const list = rs.weightPreference?.staticWeightList;
  if (list && list.length > 0) return list;
  return rs.weights ? weightsToStaticList(rs.weights) : undefined;
}

function divided(rs: ReplicaSchedulingStrategy, preference: 'Aggregated' | 'Weighted'): DivisionStrategy {
  if (preference === 'Aggregated') return { type: 'Aggregated' };
  if (rs.weightPreference?.dynamicWeight) return { type: 'DynamicWeight' };
  return { type: 'StaticWeight', weights: staticWeights(rs) };
}

/**
 * No `replicaScheduling` means Duplicated. Karmada's own fields win over the seed shorthand; an unset
 * scheduling type is Divided (the CRD default) and an unset division preference is Weighted (the webhook
 * default). Seed `type`: Duplicated, Aggregated, Weighted (static weights from `weights`), Divided (static
 * weights from `weights` when given, else equal weights).
 */
export function divisionStrategy(rs: ReplicaSchedulingStrategy | undefined): DivisionStrategy {
  if (!rs) return { type: 'Duplicated' };
  if (rs.replicaSchedulingType === 'Duplicated') return { type: 'Duplicated' };
  if (rs.replicaSchedulingType === 'Divided') return divided(rs, rs.replicaDivisionPreference ?? 'Weighted');
  switch (rs.type) {
    case 'Duplicated':
      return { type: 'Duplicated' };
    case 'Aggregated':
      return { type: 'Aggregated' };
    case 'Weighted':
      return { type: 'StaticWeight', weights: staticWeights(rs) };
    default:
      return divided(rs, rs.replicaDivisionPreference ?? 'Weighted');
  }
}
