// OverridePolicy / ClusterOverridePolicy shapes (policy.karmada.io/v1alpha1 and the policy.kurator.dev alias)
// and the RFC 6902 operations every overrider produces.

import type { KubeObject } from '../../../machinery/object.js';
import type { ClusterAffinity, ResourceSelector } from '../matching/types.js';

export type OverrideOperator = 'add' | 'remove' | 'replace';

/** One RFC 6902 operation; `value` is absent for remove. */
export interface PatchOp {
  op: OverrideOperator;
  path: string;
  value?: unknown;
}

export interface PlaintextOverrider {
  path: string;
  operator: OverrideOperator;
  value?: unknown;
}

export type ImageComponent = 'Registry' | 'Repository' | 'Tag';

export interface ImageOverrider {
  predicate?: { path: string } | null;
  component: ImageComponent;
  operator: OverrideOperator;
  value?: string;
}

export interface CommandArgsOverrider {
  containerName: string;
  operator: 'add' | 'remove';
  value?: string[];
}

export interface LabelAnnotationOverrider {
  operator: OverrideOperator;
  value?: Record<string, string>;
}

export interface EmbeddedPatchOperation {
  subPath: string;
  operator: OverrideOperator;
  value?: unknown;
}

export interface FieldOverrider {
  /** RFC 6901 pointer to a string field holding a JSON or YAML document, e.g. /data/config.yaml. */
  fieldPath: string;
  json?: EmbeddedPatchOperation[];
  yaml?: EmbeddedPatchOperation[];
}

/** Seed extension: the replica count in the target clusters. */
export interface ReplicasOverrider {
  value: number;
}

export interface Overriders {
  plaintext?: PlaintextOverrider[];
  imageOverrider?: ImageOverrider[];
  commandOverrider?: CommandArgsOverrider[];
  argsOverrider?: CommandArgsOverrider[];
  labelsOverrider?: LabelAnnotationOverrider[];
  annotationsOverrider?: LabelAnnotationOverrider[];
  fieldOverrider?: FieldOverrider[];
  replicasOverrider?: ReplicasOverrider | null;
}

export interface RuleWithCluster {
  /** Absent or null matches every cluster. */
  targetCluster?: ClusterAffinity | null;
  overriders?: Overriders;
}

export interface OverrideSpec {
  /** Absent or empty selects every resource (unlike propagation policies). */
  resourceSelectors?: ResourceSelector[];
  overrideRules?: RuleWithCluster[];
  /** Deprecated single-rule form, used only when overrideRules is empty. */
  targetCluster?: ClusterAffinity | null;
  overriders?: Overriders;
}

export interface OverridePolicyObject extends KubeObject {
  spec: OverrideSpec;
}

/** An overrider that cannot be turned into patches for this object (bad image, non-string field, ...). */
export class OverrideError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OverrideError';
  }
}
