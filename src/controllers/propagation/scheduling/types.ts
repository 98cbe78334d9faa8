// The placement half of a (Cluster)PropagationPolicy, as the scheduler reads it: Karmada's Placement plus the
// seed extensions (`namespaceAffinity`, `replicaScheduling.type` and `replicaScheduling.weights`).

import type { LabelSelectorSpec } from '../../../machinery/labels.js';

export type { LabelSelectorSpec };

/** One `fieldSelector.matchExpressions` entry; keys are provider, region or zone. */
export interface FieldSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface ClusterAffinity {
  labelSelector?: LabelSelectorSpec;
  fieldSelector?: { matchExpressions?: FieldSelectorRequirement[] };
  clusterNames?: string[];
  exclude?: string[];
}

export interface ClusterAffinityTerm extends ClusterAffinity {
  affinityName: string;
  overflowAffinities?: ClusterAffinity[];
}

export interface Toleration {
  key?: string;
  /** `Exists` or `Equal`; empty means `Equal`. */
  operator?: string;
  value?: string;
  /** Empty matches every effect. */
  effect?: string;
  tolerationSeconds?: number;
}

export type SpreadField = 'cluster' | 'region' | 'zone' | 'provider';

export interface SpreadConstraint {
  spreadByField?: SpreadField;
  spreadByLabel?: string;
  /** Defaults to 1. */
  minGroups?: number;
  /** 0 or unset: no upper bound. */
  maxGroups?: number;
}

export interface StaticClusterWeight {
  targetCluster: ClusterAffinity;
  weight: number;
}

export interface ReplicaSchedulingStrategy {
  replicaSchedulingType?: 'Duplicated' | 'Divided';
  replicaDivisionPreference?: 'Aggregated' | 'Weighted';
  weightPreference?: { staticWeightList?: StaticClusterWeight[]; dynamicWeight?: 'AvailableReplicas' };
  /** Seed shorthand. `Weighted` means static weights taken from `weights`. */
  type?: 'Duplicated' | 'Divided' | 'Weighted' | 'Aggregated';
  /** Seed shorthand: cluster name → static weight (0 keeps the cluster out). */
  weights?: Record<string, number>;
}

/** Seed extension: which namespaces' templates the policy propagates. It does not select clusters. */
export interface NamespaceAffinity {
  namespaces?: string[];
  labelSelector?: LabelSelectorSpec;
  exclude?: string[];
}

export interface Placement {
  clusterAffinity?: ClusterAffinity;
  clusterAffinities?: ClusterAffinityTerm[];
  clusterTolerations?: Toleration[];
  spreadConstraints?: SpreadConstraint[];
  replicaScheduling?: ReplicaSchedulingStrategy;
  namespaceAffinity?: NamespaceAffinity;
}

/** One entry of a binding's `spec.clusters`. */
export interface TargetCluster {
  name: string;
  replicas: number;
}
