// Shapes of the Karmada policy fields that matching reads (policy.karmada.io/v1alpha1 and the seed aliases
// policy.kurator.dev and kurator.dev, which share them). Unknown fields pass through untouched.

import type { LabelSelectorSpec } from '../../../machinery/labels.js';
import type { KubeObject } from '../../../machinery/object.js';

export interface ResourceSelector {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name?: string;
  /** Ignored when `name` is set; null/absent matches every object (a lower priority than `{}`). */
  labelSelector?: LabelSelectorSpec | null;
}

export interface FieldSelectorRequirement {
  /** provider, region or zone. */
  key: string;
  /** In, NotIn, Exists, DoesNotExist, Gt, Lt. */
  operator: string;
  values?: string[];
}

export interface ClusterAffinity {
  labelSelector?: LabelSelectorSpec | null;
  fieldSelector?: { matchExpressions?: FieldSelectorRequirement[] } | null;
  clusterNames?: string[];
  exclude?: string[];
}

/** What matching needs to know about a member cluster. */
export interface ClusterFacts {
  name: string;
  labels: Record<string, string>;
  provider?: string;
  region?: string;
  /** Single-zone clusters may give `zone`; `zones` wins when both are set. */
  zone?: string;
  zones?: string[];
}

/** Seed extension on `placement`: the namespaces whose matching resources a policy propagates. */
export interface NamespaceAffinity {
  namespaces?: string[];
  labelSelector?: LabelSelectorSpec | null;
  exclude?: string[];
}

export interface PropagationSpec {
  resourceSelectors?: ResourceSelector[];
  /** Explicit priority; absent means 0. */
  priority?: number;
  preemption?: 'Always' | 'Never';
  placement?: { namespaceAffinity?: NamespaceAffinity | null; [field: string]: unknown };
  suspension?: { dispatching?: boolean; dispatchingOnClusters?: { clusterNames?: string[] }; scheduling?: boolean } | null;
  [field: string]: unknown;
}

/** PropagationPolicy of any of the three groups. */
export interface PropagationPolicyObject extends KubeObject {
  spec: PropagationSpec;
}

/** ClusterPropagationPolicy of either group: the same spec, no namespace. */
export type ClusterPropagationPolicyObject = PropagationPolicyObject;
