// The Status errors of authentication and authorization, worded as kube-apiserver words them.

import { ApiError, type StatusDetails } from '../../machinery/errors.js';
import type { AuthorizationAttributes } from './types.js';

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

/** kube's forbiddenMessage: who cannot do what, and where. */
export function forbiddenMessage(attributes: AuthorizationAttributes): string {
  const user = attributes.user.name;
  if (!attributes.resourceRequest) return `User ${JSON.stringify(user)} cannot ${attributes.verb} path ${JSON.stringify(attributes.path ?? '')}`;
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : (attributes.resource ?? '');
  const where = attributes.namespace ? `in the namespace ${JSON.stringify(attributes.namespace)}` : 'at the cluster scope';
  return `User ${JSON.stringify(user)} cannot ${attributes.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(attributes.apiGroup ?? '')} ${where}`;
}

/** kube's NewForbidden over the message (plus the authorizer's reason, when it gave one). */
export function forbidden(attributes: AuthorizationAttributes, reason?: string): ApiError {
  const message = reason ? `${forbiddenMessage(attributes)}: ${reason}` : forbiddenMessage(attributes);
  const group = attributes.apiGroup ?? '';
  const resource = attributes.resourceRequest ? (attributes.resource ?? '') : '';
  const name = attributes.name ?? '';
  if (!resource) return new ApiError(403, 'Forbidden', `forbidden: ${message}`, {});
  const qualified = group ? `${resource}.${group}` : resource;
  const text = name ? `${qualified} ${JSON.stringify(name)} is forbidden: ${message}` : `${qualified} is forbidden: ${message}`;
  // Empty fields are left out, as Go's omitempty does.
  const details: StatusDetails = {};
  if (name) details.name = name;
  if (group) details.group = group;
  details.kind = resource;
  return new ApiError(403, 'Forbidden', text, details);
}
