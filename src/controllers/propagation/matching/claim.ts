// Which propagation policy owns a resource template, as Karmada's resource detector decides it.
//
// - A template already claimed (claim annotations written by the detector) stays with its policy while that
//   policy exists, is not being deleted and still selects it. With preemption enabled (Karmada's
//   PolicyPreemption feature gate, off by default there and here), a policy with `preemption: Always` that
//   names the template takes it over: a PropagationPolicy from a lower-priority PropagationPolicy or from any
//   ClusterPropagationPolicy, a ClusterPropagationPolicy only from a lower-priority ClusterPropagationPolicy.
// - Otherwise every matching PropagationPolicy of the template's namespace beats every ClusterPropagationPolicy.
//   Within a set: higher `spec.priority` first, then the more specific selector (name > labelSelector > all),
//   then the smaller name. Cluster-scoped templates only consider ClusterPropagationPolicies.
// - Policies with a deletionTimestamp never match. Suspension does not affect claiming (it only pauses
//   dispatching of the Works).
// - The seed's `placement.namespaceAffinity` must admit the template's namespace (see namespaces.ts).
// - The alias groups (policy.kurator.dev, kurator.dev) compete in the same lists as policy.karmada.io; two
//   policies equal on every key above are ordered by apiVersion so the choice is stable.

import type { KubeObject } from '../../../machinery/object.js';
import { namespaceAdmitted } from './namespaces.js';
import { ImplicitPriority, selectorPriority, selectorsPriority } from './selectors.js';
import type { ClusterPropagationPolicyObject, PropagationPolicyObject } from './types.js';

export const CLAIM_ANNOTATIONS = {
  policyNamespace: 'propagationpolicy.karmada.io/namespace',
  policyName: 'propagationpolicy.karmada.io/name',
  clusterPolicyName: 'clusterpropagationpolicy.karmada.io/name',
} as const;

export interface PolicyRef {
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface PolicyCandidates {
  propagation: readonly PropagationPolicyObject[];
  cluster: readonly ClusterPropagationPolicyObject[];
}

export interface ChooseOptions {
  /** Labels of the template's Namespace, for namespaceAffinity.labelSelector. */
  namespaceLabels?: Record<string, string>;
  /** Let `preemption: Always` policies take claimed templates over. */
  preemption?: boolean;
}

interface Candidate {
  policy: PropagationPolicyObject;
  implicit: ImplicitPriority;
  explicit: number;
}

const explicitPriority = (policy: PropagationPolicyObject): number => policy.spec?.priority ?? 0;

function candidate(template: KubeObject, policy: PropagationPolicyObject, options: ChooseOptions): Candidate | undefined {
  if (policy.metadata.deletionTimestamp) return undefined;
  const affinity = policy.spec?.placement?.namespaceAffinity;
  if (!namespaceAdmitted(template.metadata.namespace, affinity, options.namespaceLabels)) return undefined;
  const implicit = selectorsPriority(template, policy.spec?.resourceSelectors);
  if (implicit === ImplicitPriority.MisMatch) return undefined;
  return { policy, implicit, explicit: explicitPriority(policy) };
}

function compare(a: Candidate, b: Candidate): number {
  if (a.explicit !== b.explicit) return b.explicit - a.explicit;
  if (a.implicit !== b.implicit) return b.implicit - a.implicit;
  const an = a.policy.metadata.name ?? '';
  const bn = b.policy.metadata.name ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const av = a.policy.apiVersion ?? '';
  const bv = b.policy.apiVersion ?? '';
  return av < bv ? -1 : av > bv ? 1 : 0;
}

function best(candidates: Candidate[]): Candidate | undefined {
  return [...candidates].sort(compare)[0];
}

function ref(policy: PropagationPolicyObject, kind: string): PolicyRef {
  const result: PolicyRef = { kind: policy.kind ?? kind, name: policy.metadata.name ?? '' };
  if (policy.apiVersion) result.apiVersion = policy.apiVersion;
  if (policy.metadata.namespace && kind === 'PropagationPolicy') result.namespace = policy.metadata.namespace;
  return result;
}

/** A candidate that may preempt: `preemption: Always` and a selector naming the template. */
function canPreempt(template: KubeObject, c: Candidate): boolean {
  if (c.policy.spec?.preemption !== 'Always') return false;
  return (c.policy.spec.resourceSelectors ?? []).some((s) => s.name && selectorPriority(template, s) === ImplicitPriority.MatchName);
}

/** The claim the detector recorded on the template, if any. */
export function claimOf(template: KubeObject): { kind: 'PropagationPolicy'; namespace: string; name: string } | { kind: 'ClusterPropagationPolicy'; name: string } | undefined {
  const annotations = template.metadata.annotations ?? {};
  const namespace = annotations[CLAIM_ANNOTATIONS.policyNamespace];
  const name = annotations[CLAIM_ANNOTATIONS.policyName];
  if (namespace && name) return { kind: 'PropagationPolicy', namespace, name };
  const clusterName = annotations[CLAIM_ANNOTATIONS.clusterPolicyName];
  if (clusterName) return { kind: 'ClusterPropagationPolicy', name: clusterName };
  return undefined;
}

export function choosePolicy(template: KubeObject, policies: PolicyCandidates, options: ChooseOptions = {}): PolicyRef | undefined {
  const namespace = template.metadata.namespace;
  const namespaced: Candidate[] = namespace
    ? policies.propagation
        .filter((p) => p.metadata.namespace === namespace)
        .map((p) => candidate(template, p, options))
        .filter((c): c is Candidate => c !== undefined)
    : [];
  const clusterWide = policies.cluster.map((p) => candidate(template, p, options)).filter((c): c is Candidate => c !== undefined);

  const claim = claimOf(template);
  if (claim?.kind === 'PropagationPolicy' && claim.namespace === namespace) {
    const claimed = best(namespaced.filter((c) => c.policy.metadata.name === claim.name));
    if (claimed) {
      const preemptor = options.preemption
        ? best(namespaced.filter((c) => c !== claimed && c.explicit > claimed.explicit && canPreempt(template, c)))
        : undefined;
      return ref((preemptor ?? claimed).policy, 'PropagationPolicy');
    }
  } else if (claim?.kind === 'ClusterPropagationPolicy') {
    const claimed = best(clusterWide.filter((c) => c.policy.metadata.name === claim.name));
    if (claimed) {
      if (options.preemption) {
        const byPolicy = best(namespaced.filter((c) => canPreempt(template, c)));
        if (byPolicy) return ref(byPolicy.policy, 'PropagationPolicy');
        const byClusterPolicy = best(clusterWide.filter((c) => c !== claimed && c.explicit > claimed.explicit && canPreempt(template, c)));
        if (byClusterPolicy) return ref(byClusterPolicy.policy, 'ClusterPropagationPolicy');
      }
      return ref(claimed.policy, 'ClusterPropagationPolicy');
    }
  }

  const fromNamespace = best(namespaced);
  if (fromNamespace) return ref(fromNamespace.policy, 'PropagationPolicy');
  const fromCluster = best(clusterWide);
  return fromCluster ? ref(fromCluster.policy, 'ClusterPropagationPolicy') : undefined;
}
