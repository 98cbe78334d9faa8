// ServiceAccount tokens: a token the hub issued authenticates while it has not expired and the
// ServiceAccount (and the Pod or Secret it is bound to) still exists with the uid it was issued for.

import { InvalidTokenError, type ServiceAccountTokens } from '../../../security/service-account-tokens.js';
import { serviceAccountGroups, serviceAccountUser } from '../../../security/identities.js';
import { AuthenticationError, type UserInfo } from '../types.js';
import type { TokenAuthenticator } from './bearer-token.js';

/** The uid of a core/v1 object in the hub, or undefined when it does not exist. */
export type UidLookup = (kind: 'ServiceAccount' | 'Pod' | 'Secret', namespace: string, name: string) => string | undefined;

export function serviceAccountTokenAuthenticator(tokens: ServiceAccountTokens, uidOf: UidLookup): TokenAuthenticator {
  return {
    async authenticateToken(token: string): Promise<UserInfo | undefined> {
      let subject;
      try {
        subject = tokens.verify(token);
      } catch (error) {
        if (error instanceof InvalidTokenError) throw new AuthenticationError(error.message);
        throw error;
      }
      if (!subject) return undefined;
      const { namespace, serviceAccount, bound } = subject;
      if (uidOf('ServiceAccount', namespace, serviceAccount.name) !== serviceAccount.uid) {
        throw new AuthenticationError(`service account ${namespace}/${serviceAccount.name} has been deleted`);
      }
      if (bound && uidOf(bound.kind, namespace, bound.name) !== bound.uid) {
        throw new AuthenticationError(`the ${bound.kind} ${namespace}/${bound.name} the token is bound to has been deleted`);
      }
      const user: UserInfo = { name: serviceAccountUser(namespace, serviceAccount.name), uid: serviceAccount.uid, groups: serviceAccountGroups(namespace) };
      if (bound?.kind === 'Pod') user.extra = { 'authentication.kubernetes.io/pod-name': [bound.name], 'authentication.kubernetes.io/pod-uid': [bound.uid] };
      return user;
    },
  };
}
