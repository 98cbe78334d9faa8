// authentication.k8s.io/v1 SelfSubjectReview (`kubectl auth whoami`): answered through the write path,
// never stored, with the user the server authenticated the request as.

import { errors } from '../../../machinery/errors.js';
import type { KubeObject } from '../../../machinery/object.js';
import { nowTimestamp } from '../../../machinery/timestamp.js';
import type { KindStrategy, UnstoredCreate } from '../../registry/strategy.js';
import { userInfoOf } from './user-info.js';

export const selfSubjectReview: KindStrategy = {
  createUnstored({ user, object }: UnstoredCreate): KubeObject {
    if (!user) throw errors.badRequest('no user present on request: this server does not authenticate requests');
    return { apiVersion: object.apiVersion, kind: 'SelfSubjectReview', metadata: { creationTimestamp: nowTimestamp() }, status: { userInfo: userInfoOf(user) } };
  },
};
