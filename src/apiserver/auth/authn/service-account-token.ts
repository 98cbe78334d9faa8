// ServiceAccount tokens: a token the hub issued authenticates while it has not expired and the
// ServiceAccount (and the Pod or Secret it is bound to) still exists with the uid it was issued for.

import { InvalidTokenError, type ServiceAccountTokens, type TokenSubject, type VerifiedSubject } from '../../../security/service-account-tokens.js';
import { serviceAccountGroups, serviceAccountUser } from '../../../security/identities.js';
import { AuthenticationError, type UserInfo } from '../types.js';
import type { TokenAuthenticator } from './bearer-token.js';

/** The uid of a core/v1 object in the hub, or undefined when it does not exist. */
export type UidLookup = (kind: 'ServiceAccount' | 'Pod' | 'Secret', namespace: string, name: string) => string | undefined;

/** Tokens whose signature was checked, kept until they expire; past this many the memory starts over. */
const VERIFIED_MAX = 4096;

interface Verified {
  subject: VerifiedSubject;
  user: UserInfo;
}

export function serviceAccountTokenAuthenticator(tokens: ServiceAccountTokens, uidOf: UidLookup): TokenAuthenticator {
  // A client sends the same token with every request: its signature is checked once (kube-apiserver caches
  // token authentication too); expiry, and whether the account and bound object still exist, every time.
  const verified = new Map<string, Verified>();
  const verify = (token: string): Verified | undefined => {
    const known = verified.get(token);
    if (known && known.subject.expiresAt.getTime() > Date.now()) return known;
    verified.delete(token);
    let subject: VerifiedSubject | undefined;
    try {
      subject = tokens.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new AuthenticationError(error.message);
      throw error;
    }
    if (!subject) return undefined;
    const entry = { subject, user: userOf(subject) };
    if (verified.size >= VERIFIED_MAX) verified.clear();
    verified.set(token, entry);
    return entry;
  };
  return {
    authenticateToken(token: string): UserInfo | undefined {
      const entry = verify(token);
      if (!entry) return undefined;
      const { namespace, serviceAccount, bound } = entry.subject;
      if (uidOf('ServiceAccount', namespace, serviceAccount.name) !== serviceAccount.uid) {
        throw new AuthenticationError(`service account ${namespace}/${serviceAccount.name} has been deleted`);
      }
      if (bound && uidOf(bound.kind, namespace, bound.name) !== bound.uid) {
        throw new AuthenticationError(`the ${bound.kind} ${namespace}/${bound.name} the token is bound to has been deleted`);
      }
      return entry.user;
    },
  };
}

function userOf({ namespace, serviceAccount, bound }: TokenSubject): UserInfo {
  const user: UserInfo = { name: serviceAccountUser(namespace, serviceAccount.name), uid: serviceAccount.uid, groups: serviceAccountGroups(namespace) };
  if (bound?.kind === 'Pod') user.extra = { 'authentication.kubernetes.io/pod-name': [bound.name], 'authentication.kubernetes.io/pod-uid': [bound.uid] };
  return user;
}
