// kube-apiserver's validation of RBAC objects (pkg/apis/rbac/validation): rules need verbs and, for
// resources, groups and resources; non-resource URLs only in ClusterRoles; bindings name a Role or
// ClusterRole of rbac.authorization.k8s.io and User, Group or ServiceAccount subjects; roleRef never
// changes.

import type { StatusCause } from '../../../machinery/errors.js';
import { isPlainObject, type KubeObject } from '../../../machinery/object.js';
import { fieldErrors, indexPath } from '../../../machinery/validation/field-errors.js';
import { goQuote, goStringSlice } from '../../../machinery/validation/go-format.js';
import { isDns1123Subdomain, validatePathSegmentName } from '../../../machinery/validation/names.js';
import { deepEqual } from '../../../machinery/deep.js';
import { RBAC_GROUP, aggregationSelectorsOf, parseRule, roleRefOf, type RoleRef } from './policy.js';

export function validatePolicyRules(object: KubeObject, namespaced: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  const rules = Array.isArray(object.rules) ? object.rules : [];
  rules.forEach((value, i) => {
    const path = indexPath('rules', i);
    const rule = parseRule(value);
    if (!rule) return;
    if (rule.verbs.length === 0) causes.push(fieldErrors.required(`${path}.verbs`, 'verbs must contain at least one value'));
    const urls = rule.nonResourceURLs ?? [];
    if (urls.length > 0) {
      if (namespaced) causes.push(fieldErrors.invalidRendered(`${path}.nonResourceURLs`, goStringSlice(urls), 'namespaced rules cannot apply to non-resource URLs'));
      if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
        causes.push(fieldErrors.invalidRendered(`${path}.nonResourceURLs`, goStringSlice(urls), 'rules cannot apply to both regular resources and non-resource URLs'));
      }
      return;
    }
    if (!rule.apiGroups?.length) causes.push(fieldErrors.required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
    if (!rule.resources?.length) causes.push(fieldErrors.required(`${path}.resources`, 'resource rules must supply at least one resource'));
  });
  return causes;
}

export function validateClusterRole(object: KubeObject): StatusCause[] {
  const causes = validatePolicyRules(object, false);
  const selectors = aggregationSelectorsOf(object);
  if (selectors !== undefined && selectors.length === 0) {
    causes.push(fieldErrors.required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
  }
  return causes;
}

/** Go's %#v of an rbac.RoleRef, as kube-apiserver prints it in "cannot change roleRef". */
function roleRefText(ref: RoleRef): string {
  return `rbac.RoleRef{APIGroup:${goQuote(ref.apiGroup)}, Kind:${goQuote(ref.kind)}, Name:${goQuote(ref.name)}}`;
}

export function validateBinding(object: KubeObject, old: KubeObject | undefined, namespaced: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  const ref = roleRefOf(object) ?? { apiGroup: '', kind: '', name: '' };
  if (ref.apiGroup !== RBAC_GROUP) causes.push(fieldErrors.notSupported('roleRef.apiGroup', ref.apiGroup, [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) causes.push(fieldErrors.notSupported('roleRef.kind', ref.kind, kinds));
  if (!ref.name) causes.push(fieldErrors.required('roleRef.name'));
  else for (const message of validatePathSegmentName(ref.name, false)) causes.push(fieldErrors.invalid('roleRef.name', ref.name, message));
  const subjects = Array.isArray(object.subjects) ? object.subjects : [];
  subjects.forEach((subject, i) => causes.push(...validateSubject(isPlainObject(subject) ? subject : {}, indexPath('subjects', i), namespaced)));
  if (old) {
    const oldRef = roleRefOf(old);
    if (oldRef && !deepEqual(oldRef, ref)) causes.push(fieldErrors.invalidRendered('roleRef', roleRefText(ref), 'cannot change roleRef'));
  }
  return causes;
}

function validateSubject(subject: Record<string, unknown>, path: string, namespaced: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = typeof subject.name === 'string' ? subject.name : '';
  const kind = typeof subject.kind === 'string' ? subject.kind : '';
  const apiGroup = typeof subject.apiGroup === 'string' ? subject.apiGroup : '';
  const namespace = typeof subject.namespace === 'string' ? subject.namespace : '';
  if (!name) causes.push(fieldErrors.required(`${path}.name`));
  switch (kind) {
    case 'ServiceAccount':
      if (name) for (const message of isDns1123Subdomain(name)) causes.push(fieldErrors.invalid(`${path}.name`, name, message));
      if (apiGroup !== '') causes.push(fieldErrors.notSupported(`${path}.apiGroup`, apiGroup, ['']));
      if (!namespaced && !namespace) causes.push(fieldErrors.required(`${path}.namespace`));
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== RBAC_GROUP) causes.push(fieldErrors.notSupported(`${path}.apiGroup`, apiGroup, [RBAC_GROUP]));
      break;
    default:
      causes.push(fieldErrors.notSupported(`${path}.kind`, kind, ['ServiceAccount', 'User', 'Group']));
  }
  return causes;
}
