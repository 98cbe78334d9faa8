// From an access review's spec to the attributes an authorizer checks, and kube-apiserver's validation
// of those specs (pkg/apis/authorization/validation).

import type { StatusCause } from '../../../machinery/errors.js';
import { isPlainObject } from '../../../machinery/object.js';
import { fieldErrors } from '../../../machinery/validation/field-errors.js';
import { goJson } from '../../../machinery/go-json.js';
import type { AuthorizationAttributes, UserInfo } from '../types.js';

export type Spec = Record<string, unknown>;

function text(record: Record<string, unknown>, field: string): string {
  const value = record[field];
  return typeof value === 'string' ? value : '';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function specOf(object: Record<string, unknown>): Spec {
  return isPlainObject(object.spec) ? object.spec : {};
}

/** The user a SubjectAccessReview asks about. */
export function userOfSpec(spec: Spec): UserInfo {
  const user: UserInfo = { name: text(spec, 'user'), groups: strings(spec.groups) };
  if (text(spec, 'uid')) user.uid = text(spec, 'uid');
  if (isPlainObject(spec.extra)) {
    const extra: Record<string, string[]> = {};
    for (const [key, values] of Object.entries(spec.extra)) extra[key] = strings(values);
    user.extra = extra;
  }
  return user;
}

/** The attributes of the action a spec describes (an unset version matches every version). */
export function attributesOf(spec: Spec, user: UserInfo): AuthorizationAttributes {
  if (isPlainObject(spec.resourceAttributes)) {
    const r = spec.resourceAttributes;
    return {
      user,
      verb: text(r, 'verb'),
      resourceRequest: true,
      namespace: text(r, 'namespace'),
      apiGroup: text(r, 'group'),
      apiVersion: text(r, 'version') || '*',
      resource: text(r, 'resource'),
      subresource: text(r, 'subresource'),
      name: text(r, 'name'),
    };
  }
  const n = isPlainObject(spec.nonResourceAttributes) ? spec.nonResourceAttributes : {};
  return { user, verb: text(n, 'verb'), resourceRequest: false, path: text(n, 'path') };
}

function rendered(value: unknown): string {
  return value === undefined || value === null ? '"null"' : goJson(value);
}

/** Exactly one of resourceAttributes and nonResourceAttributes. */
export function validateAttributesChoice(spec: Spec): StatusCause[] {
  const hasResource = isPlainObject(spec.resourceAttributes);
  const hasNonResource = isPlainObject(spec.nonResourceAttributes);
  if (hasResource && hasNonResource) return [fieldErrors.invalidRendered('spec.nonResourceAttributes', rendered(spec.nonResourceAttributes), 'cannot be specified in combination with resourceAttributes')];
  if (!hasResource && !hasNonResource) return [fieldErrors.invalidRendered('spec.resourceAttributes', '"null"', 'exactly one of nonResourceAttributes or resourceAttributes must be specified')];
  return [];
}

export function validateSubjectSpec(spec: Spec): StatusCause[] {
  const causes = validateAttributesChoice(spec);
  if (!text(spec, 'user') && strings(spec.groups).length === 0) causes.push(fieldErrors.invalid('spec.user', text(spec, 'user'), 'at least one of user or group must be specified'));
  return causes;
}

/** Reviews carry no metadata of their own (LocalSubjectAccessReview: only its namespace). */
export function validateEmptyMetadata(metadata: Record<string, unknown>, allowNamespace: boolean): StatusCause[] {
  const significant = Object.entries(metadata).filter(([key, value]) => {
    if (key === 'managedFields' || (allowNamespace && key === 'namespace')) return false;
    if (value === null || value === undefined || value === '') return false;
    return !(isPlainObject(value) && Object.keys(value).length === 0) && !(Array.isArray(value) && value.length === 0);
  });
  if (significant.length === 0) return [];
  return [fieldErrors.invalidRendered('metadata', goJson(metadata), allowNamespace ? 'must be empty except for namespace' : 'must be empty')];
}
