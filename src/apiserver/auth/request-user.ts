// The authenticated user of a request, set once by the request pipeline and read by whatever needs it
// later (admission checks such as RBAC escalation prevention, SelfSubjectAccessReview, audit).

import type { IncomingMessage } from 'node:http';
import type { UserInfo } from './types.js';

const users = new WeakMap<IncomingMessage, UserInfo>();

export function setRequestUser(req: IncomingMessage, user: UserInfo): void {
  users.set(req, user);
}

/** The request's user; undefined when the server runs without authentication (then everything is allowed). */
export function requestUser(req: IncomingMessage): UserInfo | undefined {
  return users.get(req);
}
