// SelfSubjectRulesReview status: the user's rules split into resource and non-resource rules, as
// kube-apiserver's RBAC rule resolver reports them.

import type { PolicyRule } from '../rbac/policy.js';
import { aggregateErrors } from '../rbac/authorizer.js';

/** What a server that allows everything answers (kube's AlwaysAllow rule resolver). */
export function allowAllRules(): Record<string, unknown> {
  return {
    resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
    nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
    incomplete: false,
  };
}

export function rulesReviewStatus(resolved: { rules: PolicyRule[]; errors: string[] }): Record<string, unknown> {
  const resourceRules: Record<string, unknown>[] = [];
  const nonResourceRules: Record<string, unknown>[] = [];
  for (const rule of resolved.rules) {
    if (rule.resources?.length) {
      const out: Record<string, unknown> = { verbs: rule.verbs };
      if (rule.apiGroups?.length) out.apiGroups = rule.apiGroups;
      out.resources = rule.resources;
      if (rule.resourceNames?.length) out.resourceNames = rule.resourceNames;
      resourceRules.push(out);
    }
    if (rule.nonResourceURLs?.length) nonResourceRules.push({ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs });
  }
  const status: Record<string, unknown> = { resourceRules, nonResourceRules, incomplete: false };
  if (resolved.errors.length > 0) status.evaluationError = aggregateErrors(resolved.errors);
  return status;
}
