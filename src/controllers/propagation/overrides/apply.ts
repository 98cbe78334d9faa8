// Applies ClusterOverridePolicies and OverridePolicies to a resource template for one member cluster.
//
// Order, as Karmada's override manager:
// 1. every matching ClusterOverridePolicy, then (namespaced templates only) every matching OverridePolicy of
//    the template's namespace;
// 2. within each set, the least specific policy first (selectors matching all < labelSelector < name, a policy
//    without selectors counting as matching all), then by name, so the most specific policy is applied last
//    and wins;
// 3. a policy's overrideRules in list order, each only when its targetCluster matches the cluster (the
//    deprecated top-level targetCluster/overriders pair is used when overrideRules is empty);
// 4. within one rule: imageOverrider, commandOverrider, argsOverrider, labelsOverrider, annotationsOverrider,
//    fieldOverrider, then the seed's replicasOverrider, and plaintext last; each entry is turned into patches
//    against the object as the previous entries left it.
//
// Karmada stops at the first failure and sends nothing to the cluster. Here a policy that fails is skipped as
// a whole (none of its rules stay applied), the failure is returned with the policy's name, and the other
// policies still apply; a caller that wants upstream's all-or-nothing behaviour checks `errors`.

import { applyJsonPatch } from '../../../machinery/jsonpatch.js';
import type { KubeObject } from '../../../machinery/object.js';
import { clusterMatches } from '../matching/clusters.js';
import { ImplicitPriority, selectorsPriority } from '../matching/selectors.js';
import type { ClusterFacts } from '../matching/types.js';
import { argsPatches, commandPatches } from './command-args.js';
import { fieldPatches } from './field.js';
import { imagePatches } from './image.js';
import { annotationsPatches, labelsPatches } from './labels-annotations.js';
import { plaintextPatches } from './plaintext.js';
import { replicasPatches } from './replicas.js';
import type { OverridePolicyObject, Overriders, PatchOp, RuleWithCluster } from './types.js';

export interface AppliedOverride {
  policy: string;
  /** Set for OverridePolicies, absent for ClusterOverridePolicies. */
  namespace?: string;
  overriders: Overriders;
}

export interface OverrideFailure {
  policy: string;
  namespace?: string;
  message: string;
}

export interface OverrideResult {
  object: KubeObject;
  applied: AppliedOverride[];
  errors: OverrideFailure[];
}

export interface OverridePolicies {
  cluster: readonly OverridePolicyObject[];
  namespaced: readonly OverridePolicyObject[];
}

type Builder<R> = (object: KubeObject, rule: R) => PatchOp[];

function run<R>(object: KubeObject, name: string, rules: readonly R[] | undefined, build: Builder<R>): KubeObject {
  let current = object;
  for (const rule of rules ?? []) {
    try {
      const ops = build(current, rule);
      if (ops.length > 0) current = applyJsonPatch(current, ops) as KubeObject;
    } catch (err) {
      throw new Error(`${name}: ${(err as Error).message}`);
    }
  }
  return current;
}

/** Applies one overriders block in Karmada's fixed order; throws on the first overrider that fails. */
export function applyOverriders(object: KubeObject, overriders: Overriders): KubeObject {
  let current = object;
  current = run(current, 'imageOverrider', overriders.imageOverrider, imagePatches);
  current = run(current, 'commandOverrider', overriders.commandOverrider, commandPatches);
  current = run(current, 'argsOverrider', overriders.argsOverrider, argsPatches);
  current = run(current, 'labelsOverrider', overriders.labelsOverrider, labelsPatches);
  current = run(current, 'annotationsOverrider', overriders.annotationsOverrider, annotationsPatches);
  current = run(current, 'fieldOverrider', overriders.fieldOverrider, fieldPatches);
  if (overriders.replicasOverrider) current = run(current, 'replicasOverrider', [overriders.replicasOverrider], replicasPatches);
  current = run(current, 'plaintext', overriders.plaintext, plaintextPatches);
  return current;
}

function implicitPriority(template: KubeObject, policy: OverridePolicyObject): ImplicitPriority {
  const selectors = policy.spec?.resourceSelectors ?? [];
  return selectors.length === 0 ? ImplicitPriority.MatchAll : selectorsPriority(template, selectors);
}

/** The policies that select `template`, least specific first. */
function ordered(template: KubeObject, policies: readonly OverridePolicyObject[]): OverridePolicyObject[] {
  return policies
    .map((policy) => ({ policy, priority: implicitPriority(template, policy) }))
    .filter((entry) => entry.priority > ImplicitPriority.MisMatch)
    .sort((a, b) => {
      if (a.priority !== b.priority) return a.priority - b.priority;
      const an = a.policy.metadata.name ?? '';
      const bn = b.policy.metadata.name ?? '';
      return an < bn ? -1 : an > bn ? 1 : 0;
    })
    .map((entry) => entry.policy);
}

function rulesOf(policy: OverridePolicyObject): RuleWithCluster[] {
  const spec = policy.spec ?? {};
  if (spec.overrideRules && spec.overrideRules.length > 0) return spec.overrideRules;
  return [{ targetCluster: spec.targetCluster, overriders: spec.overriders ?? {} }];
}

export function applyOverrides(template: KubeObject, cluster: ClusterFacts, policies: OverridePolicies): OverrideResult {
  const namespace = template.metadata.namespace;
  const sets = [
    ordered(template, policies.cluster),
    namespace ? ordered(template, policies.namespaced.filter((p) => p.metadata.namespace === namespace)) : [],
  ];
  let object = template;
  const applied: AppliedOverride[] = [];
  const errors: OverrideFailure[] = [];

  sets.forEach((set, index) => {
    const namespaced = index === 1;
    for (const policy of set) {
      const name = policy.metadata.name ?? '';
      const who = namespaced ? { policy: name, namespace: policy.metadata.namespace } : { policy: name };
      let current = object;
      const entries: AppliedOverride[] = [];
      try {
        for (const rule of rulesOf(policy)) {
          if (rule.targetCluster != null && !clusterMatches(cluster, rule.targetCluster)) continue;
          const overriders = rule.overriders ?? {};
          current = applyOverriders(current, overriders);
          entries.push({ ...who, overriders });
        }
      } catch (err) {
        errors.push({ ...who, message: (err as Error).message });
        continue;
      }
      object = current;
      applied.push(...entries);
    }
  });
  return { object, applied, errors };
}
