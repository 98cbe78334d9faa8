// The authenticated user of a request, set once by the request pipeline and read by whatever needs it
// later (admission checks such as RBAC escalation prevention, SelfSubjectAccessReview, audit).

import type { IncomingMessage } from 'node:http';
import type { UserInfo } from './types.js';

// A symbol-keyed property rather than a WeakMap: set on every request, it is the cheaper of the two.
const USER = Symbol('kurator.requestUser');

type WithUser = IncomingMessage & { [USER]?: UserInfo };

export function setRequestUser(req: IncomingMessage, user: UserInfo): void {
  (req as WithUser)[USER] = user;
}

/** The request's user; undefined when the server runs without authentication (then everything is allowed). */
export function requestUser(req: IncomingMessage): UserInfo | undefined {
  return (req as WithUser)[USER];
}
