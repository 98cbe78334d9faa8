// The authentication and authorization steps of the request pipeline.

import type { IncomingMessage } from 'node:http';
import { isPublicInfo, type RequestAttributes } from './attributes.js';
import { forbidden, unauthorized } from './denials.js';
import { ANONYMOUS, AuthenticationError, type Authenticator, type Authorizer, type Decision, type UserInfo } from './types.js';

/** The request's user (system:anonymous without credentials); a 401 Status error when it carries credentials that are not valid. */
export function authenticateRequest(authenticator: Authenticator, req: IncomingMessage): UserInfo {
  try {
    return authenticator.authenticate(req) ?? ANONYMOUS;
  } catch (error) {
    if (error instanceof AuthenticationError) throw unauthorized();
    throw error;
  }
}

/** The authorizer's decision (public health and version endpoints are open to everyone); throws the 403 Status when denied. */
export function authorizeRequest(authorizer: Authorizer, user: UserInfo, attributes: RequestAttributes, record?: (decision: Decision) => void): void {
  // The user joins the request's own attributes: a copy ({ ...attributes, user }) of objects whose shape
  // varies from request to request takes V8's slow path, about 1 µs on every request.
  const full = Object.assign(attributes, { user });
  const decision: Decision = isPublicInfo(full) ? { allowed: true, reason: 'public information' } : authorizer.authorize(full);
  record?.(decision);
  if (!decision.allowed) throw forbidden(full, decision.reason);
}
