// authentication.k8s.io/v1 TokenReview: whom a bearer token stands for, as the server itself would
// authenticate a request carrying it (what webhook token authenticators and aggregated API servers ask).
// Answered through the write path and never stored; a token that does not authenticate is an answer
// (authenticated: false, with the reason), not an error.

import { errors } from '../../../machinery/errors.js';
import { isPlainObject, type KubeObject } from '../../../machinery/object.js';
import type { KindStrategy, UnstoredCreate } from '../../registry/strategy.js';
import { AuthenticationError, type TokenReviewer, type UserInfo } from '../types.js';
import { userInfoOf } from './user-info.js';

export const tokenReview: KindStrategy = {
  async createUnstored({ cluster, object, namespace }: UnstoredCreate): Promise<KubeObject> {
    if (namespace || object.metadata?.namespace) throw errors.badRequest('namespace is not allowed on this type');
    const spec = isPlainObject(object.spec) ? object.spec : {};
    if (typeof spec.token !== 'string' || spec.token === '') throw errors.badRequest('token is required for TokenReview in authentication');
    const requested = Array.isArray(spec.audiences) ? spec.audiences.filter((a): a is string => typeof a === 'string') : [];
    const status = review(cluster.tokenReviewer, spec.token, requested);
    return { apiVersion: object.apiVersion, kind: 'TokenReview', metadata: {}, spec, status };
  },
};

function review(reviewer: TokenReviewer | undefined, token: string, requested: string[]): Record<string, unknown> {
  if (!reviewer) return { authenticated: false, user: {}, error: 'this server does not authenticate bearer tokens' };
  const audiences = requested.length > 0 ? requested.filter((a) => reviewer.audiences.includes(a)) : [...reviewer.audiences];
  if (audiences.length === 0) return { authenticated: false, user: {}, error: `token audiences ${JSON.stringify(requested)} are not among the server's ${JSON.stringify(reviewer.audiences)}` };
  let user: UserInfo;
  try {
    user = reviewer.review(token);
  } catch (error) {
    if (error instanceof AuthenticationError) return { authenticated: false, user: {}, error: error.message };
    throw error;
  }
  return { authenticated: true, user: userInfoOf(user), audiences };
}
