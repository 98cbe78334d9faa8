// Write hooks of the RBAC kinds: subject and roleRef defaults, validation, and escalation prevention for
// authenticated writes in clusters that authorize requests.

import { isPlainObject, type KubeObject } from '../../../machinery/object.js';
import { strategyKey, type AuthoredWrite, type KindStrategy } from '../../registry/strategy.js';
import { checkBindingEscalation, checkRoleEscalation } from './escalation.js';
import { RBAC_GROUP } from './policy.js';
import { validateBinding, validateClusterRole, validatePolicyRules } from './validation.js';

/** rbac/v1 defaults: User and Group subjects and roleRef are in rbac.authorization.k8s.io. */
function defaultBinding(object: KubeObject): void {
  if (Array.isArray(object.subjects)) {
    object.subjects = object.subjects.map((s: unknown) => {
      if (!isPlainObject(s) || (s.apiGroup !== undefined && s.apiGroup !== '')) return s;
      if (s.kind === 'User' || s.kind === 'Group') return { ...s, apiGroup: RBAC_GROUP };
      return s;
    });
  }
  if (isPlainObject(object.roleRef) && !object.roleRef.apiGroup) object.roleRef = { ...object.roleRef, apiGroup: RBAC_GROUP };
}

function escalationCheck(resource: string, check: typeof checkRoleEscalation): (write: AuthoredWrite) => void {
  return (write) => {
    const { authorizer, rbacIndex } = write.cluster;
    if (!authorizer || !rbacIndex) return;
    const input = { index: rbacIndex, authorizer, user: write.user, resource, object: write.object, namespace: write.namespace ?? '' };
    check(write.old ? { ...input, old: write.old } : input);
  };
}

const roleStrategy: KindStrategy = {
  validate: (object) => validatePolicyRules(object, true),
  admitAuthoredWrite: escalationCheck('roles', checkRoleEscalation),
};

const clusterRoleStrategy: KindStrategy = {
  validate: (object) => validateClusterRole(object),
  admitAuthoredWrite: escalationCheck('clusterroles', checkRoleEscalation),
};

const roleBindingStrategy: KindStrategy = {
  prepareForCreate: defaultBinding,
  prepareForUpdate: (object) => defaultBinding(object),
  validate: (object, old) => validateBinding(object, old, true),
  admitAuthoredWrite: escalationCheck('rolebindings', checkBindingEscalation),
};

const clusterRoleBindingStrategy: KindStrategy = {
  prepareForCreate: defaultBinding,
  prepareForUpdate: (object) => defaultBinding(object),
  validate: (object, old) => validateBinding(object, old, false),
  admitAuthoredWrite: escalationCheck('clusterrolebindings', checkBindingEscalation),
};

export function rbacStrategies(): [string, KindStrategy][] {
  return [
    [strategyKey(RBAC_GROUP, 'Role'), roleStrategy],
    [strategyKey(RBAC_GROUP, 'ClusterRole'), clusterRoleStrategy],
    [strategyKey(RBAC_GROUP, 'RoleBinding'), roleBindingStrategy],
    [strategyKey(RBAC_GROUP, 'ClusterRoleBinding'), clusterRoleBindingStrategy],
  ];
}
