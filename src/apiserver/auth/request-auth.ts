// The authentication and authorization steps of the request pipeline.

import type { IncomingMessage } from 'node:http';
import { isPublicInfo, type RequestAttributes } from './attributes.js';
import { forbidden, unauthorized } from './denials.js';
import { ANONYMOUS, AuthenticationError, type Authenticator, type Authorizer, type Decision, type UserInfo } from './types.js';

/** The request's user (system:anonymous without credentials); a 401 Status error when it carries credentials that are not valid. */
export async function authenticateRequest(authenticator: Authenticator, req: IncomingMessage): Promise<UserInfo> {
  try {
    return (await authenticator.authenticate(req)) ?? ANONYMOUS;
  } catch (error) {
    if (error instanceof AuthenticationError) throw unauthorized();
    throw error;
  }
}

/** The authorizer's decision (public health and version endpoints are open to everyone); throws the 403 Status when denied. */
export function authorizeRequest(authorizer: Authorizer, user: UserInfo, attributes: RequestAttributes, record?: (decision: Decision) => void): void {
  const decision: Decision = isPublicInfo(attributes) ? { allowed: true, reason: 'public information' } : authorizer.authorize({ ...attributes, user });
  record?.(decision);
  if (!decision.allowed) throw forbidden({ ...attributes, user }, decision.reason);
}
