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

/** Remembered decisions per user object and request shape; cleared past this size. */
const REMEMBERED_MAX = 4096;

export class RbacAuthorizer implements Authorizer, RuleResolver {
  /**
   * Allowed decisions that hold for any object name, per user object (controllers in the hub ask the
   * same questions thousands of times with one user object). Dropped whenever RBAC changes.
   */
  private remembered = new WeakMap<UserInfo, Map<string, Decision>>();
  private rememberedAt = -1;

  constructor(readonly index: RbacIndex) {}

  authorize(attributes: AuthorizationAttributes): Decision {
    if (attributes.user.groups.includes(SYSTEM_MASTERS)) return { allowed: true };
    if (this.rememberedAt !== this.index.generation) {
      this.remembered = new WeakMap();
      this.rememberedAt = this.index.generation;
    }
    const shape = requestShape(attributes);
    const known = this.remembered.get(attributes.user)?.get(shape);
    if (known) return known;
    let allowedBy: { source: RuleSource; rule: PolicyRule } | undefined;
    // Whether an earlier rule failed only on its resourceNames: then another name may be decided otherwise.
    let nameDecided = false;
    const errors: string[] = [];
    this.index.visitRulesFor(attributes.user, attributes.namespace ?? '', (source, rule, error) => {
      if (rule && source && ruleAllows(attributes, rule)) {
        allowedBy = { source, rule };
        return false;
      }
      if (rule && (rule.resourceNames?.length ?? 0) > 0 && ruleAllows({ ...attributes, name: rule.resourceNames![0]! }, rule)) nameDecided = true;
      if (error) errors.push(error);
      return true;
    });
    if (allowedBy) {
      const decision = { allowed: true, reason: `RBAC: allowed by ${describeSource(allowedBy.source)}` };
      if (!nameDecided && !(allowedBy.rule.resourceNames?.length ?? 0)) this.remember(attributes.user, shape, decision);
      return decision;
    }
    return errors.length > 0 ? { allowed: false, reason: `RBAC: ${aggregateErrors(errors)}` } : { allowed: false };
  }

  private remember(user: UserInfo, shape: string, decision: Decision): void {
    let byShape = this.remembered.get(user);
    if (!byShape) this.remembered.set(user, (byShape = new Map()));
    if (byShape.size >= REMEMBERED_MAX) byShape.clear();
    byShape.set(shape, decision);
  }

  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
    return this.index.rulesFor(user, namespace);
  }
}

/** Everything a decision depends on but the user and the object's name. */
function requestShape(a: AuthorizationAttributes): string {
  return a.resourceRequest ? `r ${a.verb} ${a.apiGroup ?? ''} ${a.resource ?? ''} ${a.subresource ?? ''} ${a.namespace ?? ''}` : `n ${a.verb} ${a.path ?? ''}`;
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
