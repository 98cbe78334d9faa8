// Bearer tokens (Authorization: Bearer <token>): each token authenticator is asked in turn; a token none
// of them knows is rejected rather than treated as anonymous, as in kube-apiserver.

import type { IncomingMessage } from 'node:http';
import { AuthenticationError, type Authenticator, type TokenReviewer, type UserInfo } from '../types.js';

export interface TokenAuthenticator {
  /** The token's user; undefined when this authenticator does not know the token. Throws AuthenticationError when it knows it is invalid. */
  authenticateToken(token: string): UserInfo | undefined;
}

const BEARER = 'Bearer ';

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  // What clients send, "Bearer <token>" with nothing else, is read without a regular expression.
  if (header.length > BEARER.length && header.startsWith(BEARER) && isVisibleAscii(header, BEARER.length)) return header.slice(BEARER.length);
  const [scheme, token] = header.trim().split(/\s+/, 3);
  if (scheme?.toLowerCase() !== 'bearer' || !token) return undefined;
  return token;
}

/** No whitespace or control characters from `from` on (a token the general split would keep whole). */
function isVisibleAscii(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 32 || code >= 127) return false;
  }
  return true;
}

export function bearerTokenAuthenticator(authenticators: readonly TokenAuthenticator[]): Authenticator {
  return {
    authenticate(req: IncomingMessage): UserInfo | undefined {
      const token = bearerToken(req);
      if (token === undefined) return undefined;
      for (const authenticator of authenticators) {
        const user = authenticator.authenticateToken(token);
        if (user) return user;
      }
      throw new AuthenticationError('invalid bearer token');
    },
  };
}

/**
 * TokenReview's answer: the token authenticated as a request carrying only it would be (kube-apiserver
 * does the same with a synthetic request), through the server's own `authenticator` (no connection, so
 * no client certificate: the bearer token alone decides; users join system:authenticated as usual).
 */
export function bearerTokenReviewer(authenticator: Authenticator, audiences: readonly string[]): TokenReviewer {
  return {
    audiences,
    review(token: string): UserInfo {
      const user = authenticator.authenticate({ headers: { authorization: `Bearer ${token}` } } as IncomingMessage);
      if (!user) throw new AuthenticationError('invalid bearer token');
      return user;
    },
  };
}
