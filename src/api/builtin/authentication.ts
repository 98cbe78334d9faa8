// authentication.k8s.io/v1: SelfSubjectReview (`kubectl auth whoami`) and TokenReview (who does this
// bearer token stand for?). Create-only: the server answers in status and stores nothing.

import { boolean, list, mapOf, object, string, stringList } from './schema-builders.js';
import { reviewKind } from './authorization.js';
import type { KindDefinition } from '../types.js';

const userInfo = object(
  {
    username: string({ description: 'The name that uniquely identifies this user among all active users.' }),
    uid: string({ description: 'A unique value that identifies this user across time.' }),
    groups: stringList({ description: 'The groups this user is a part of.' }),
    extra: mapOf(list(string()), { description: 'Any additional information provided by the authenticator.' }),
  },
  { description: 'The user the server authenticated the request as.' },
);

export const selfSubjectReviewKind: KindDefinition = reviewKind({
  group: 'authentication.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectReview',
  generation: false,
  plural: 'selfsubjectreviews',
  namespaced: false,
  description: 'Reports the user information the server has for the requesting user.',
  properties: { status: object({ userInfo }, { description: 'Filled in by the server with the user attributes.' }) },
});

export const tokenReviewKind: KindDefinition = reviewKind({
  group: 'authentication.k8s.io',
  version: 'v1',
  kind: 'TokenReview',
  generation: false,
  plural: 'tokenreviews',
  namespaced: false,
  description: 'Attempts to authenticate a token to a known user (webhook token authentication, aggregated API servers).',
  properties: {
    spec: object(
      {
        token: string({ description: 'The opaque bearer token.' }),
        audiences: stringList({ description: 'Audiences the token must be valid for; empty means the API server\'s own.' }),
      },
      { description: 'The token to review.' },
    ),
    status: object(
      {
        authenticated: boolean({ description: 'Whether the token is valid for one of the audiences.' }),
        user: userInfo,
        audiences: stringList({ description: 'The audiences, of those requested (or the API server\'s), the token is valid for.' }),
        error: string({ description: 'Why the token could not be authenticated.' }),
      },
      { description: 'Filled in by the server: whether the token authenticates, and as whom.' },
    ),
  },
});

export const authenticationKinds = [selfSubjectReviewKind, tokenReviewKind];
