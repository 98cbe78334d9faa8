// Who is asking and what they may do: the contracts between the request pipeline, the authenticators and
// the authorizer (kube-apiserver's user.Info and authorizer.Attributes).

import type { IncomingMessage } from 'node:http';

export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** A request that carried no credentials. */
export const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

export interface Authenticator {
  /**
   * The user a request's credentials name; undefined when it carries none this authenticator knows.
   * Throws an AuthenticationError when credentials are present but invalid (tampered, expired, unknown CA).
   * Synchronous, as every authenticator here answers from memory: each request is authenticated, and
   * promises would add their turns of the event loop to every one.
   */
  authenticate(req: IncomingMessage): UserInfo | undefined;
}

export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

export interface AuthorizationAttributes {
  user: UserInfo;
  /** get, list, watch, create, update, patch, delete, deletecollection; for non-resource URLs the lower-cased HTTP method (get, post, ...). */
  verb: string;
  resourceRequest: boolean;
  /** Non-resource requests: the URL path. */
  path?: string;
  apiGroup?: string;
  apiVersion?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export interface Decision {
  allowed: boolean;
  /** Why (shown in SubjectAccessReview status.reason). */
  reason?: string;
}

export interface Authorizer {
  authorize(attributes: AuthorizationAttributes): Decision;
}

/** Authenticates a bare bearer token as a request carrying it would be (TokenReview). */
export interface TokenReviewer {
  /** The audiences the server's tokens are for (a review asking for none of them fails). */
  readonly audiences: readonly string[];
  /** The token's user (with system:authenticated); throws AuthenticationError when no authenticator accepts it. */
  review(token: string): UserInfo;
}
