// The RBAC authorizer: a request is allowed when a rule bound to the user (directly, through a group or
// as a ServiceAccount) allows it. Members of system:masters are always allowed, as kube-apiserver's
// privileged-group authorizer does. Denials carry no reason unless a binding's role could not be found.

import type { AuthorizationAttributes, Authorizer, Decision, UserInfo } from '../types.js';
import type { PolicyRule } from './policy.js';
import type { RbacIndex, RuleSource } from './rbac-index.js';
import { ruleAllows } from './rule-match.js';

export const SYSTEM_MASTERS = 'system:masters';

/** What the access-review endpoints and escalation checks need besides a decision. */
export interface RuleResolver {
  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] };
}

export class RbacAuthorizer implements Authorizer, RuleResolver {
  constructor(readonly index: RbacIndex) {}

  authorize(attributes: AuthorizationAttributes): Decision {
    if (attributes.user.groups.includes(SYSTEM_MASTERS)) return { allowed: true };
    let allowedBy: RuleSource | undefined;
    const errors: string[] = [];
    this.index.visitRulesFor(attributes.user, attributes.namespace ?? '', (source, rule, error) => {
      if (rule && source && ruleAllows(attributes, rule)) {
        allowedBy = source;
        return false;
      }
      if (error) errors.push(error);
      return true;
    });
    if (allowedBy) return { allowed: true, reason: `RBAC: allowed by ${describeSource(allowedBy)}` };
    return errors.length > 0 ? { allowed: false, reason: `RBAC: ${aggregateErrors(errors)}` } : { allowed: false };
  }

  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
    return this.index.rulesFor(user, namespace);
  }
}

/** `ClusterRoleBinding "x" of ClusterRole "y" to User "z"` / `RoleBinding "x/ns" of Role "y" to ServiceAccount "sa/ns"`. */
export function describeSource({ binding, subject }: RuleSource): string {
  const name = binding.kind === 'RoleBinding' ? `${binding.name}/${binding.namespace}` : binding.name;
  const subjectName = subject.kind === 'ServiceAccount' ? `${subject.name}/${subject.namespace || binding.namespace}` : subject.name;
  return `${binding.kind} ${JSON.stringify(name)} of ${binding.roleRef?.kind ?? ''} ${JSON.stringify(binding.roleRef?.name ?? '')} to ${subject.kind} ${JSON.stringify(subjectName)}`;
}

/** utilerrors.NewAggregate(...).Error(): one message as is, several as "[a, b]", repeats once. */
export function aggregateErrors(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

export function isRuleResolver(value: unknown): value is RuleResolver {
  return typeof value === 'object' && value !== null && typeof (value as { rulesFor?: unknown }).rulesFor === 'function';
}
