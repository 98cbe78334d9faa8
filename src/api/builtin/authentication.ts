// authentication.k8s.io/v1: SelfSubjectReview (`kubectl auth whoami`). Create-only: the server answers
// with the requesting user in status and stores nothing.

import { list, mapOf, object, string, stringList } from './schema-builders.js';
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
  plural: 'selfsubjectreviews',
  namespaced: false,
  description: 'Reports the user information the server has for the requesting user.',
  properties: { status: object({ userInfo }, { description: 'Filled in by the server with the user attributes.' }) },
});

export const authenticationKinds = [selfSubjectReviewKind];
