// The request authenticator: asks each authenticator in turn, the first that recognises the request's
// credentials wins (invalid credentials end the search with an error); authenticated users join
// system:authenticated, and a request without credentials is system:anonymous.

import type { IncomingMessage } from 'node:http';
import { AUTHENTICATED_GROUP } from '../../../security/identities.js';
import { ANONYMOUS, type Authenticator, type UserInfo } from '../types.js';

export function unionAuthenticator(authenticators: readonly Authenticator[]): Authenticator {
  // One joined user per user an authenticator returns (they keep theirs per token, certificate or
  // connection): the authorizer remembers its decisions per user object, so a fresh copy on every
  // request would have it evaluate RBAC again each time.
  const joined = new WeakMap<UserInfo, UserInfo>();
  return {
    authenticate(req: IncomingMessage): UserInfo {
      for (const authenticator of authenticators) {
        const user = authenticator.authenticate(req);
        if (!user) continue;
        if (user.name === ANONYMOUS.name || user.groups.includes(AUTHENTICATED_GROUP)) return user;
        let authenticated = joined.get(user);
        if (!authenticated) joined.set(user, (authenticated = { ...user, groups: [...user.groups, AUTHENTICATED_GROUP] }));
        return authenticated;
      }
      return ANONYMOUS;
    },
  };
}

/** Treats every request as the given user (an --insecure-http hub). */
export function fixedAuthenticator(user: UserInfo): Authenticator {
  return { authenticate: () => user };
}
