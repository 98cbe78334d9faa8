// authentication.k8s.io/v1 SelfSubjectReview: tells the caller who the hub thinks they are
// (`kubectl auth whoami`).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors } from '../../machinery/errors.js';
import { sendJson } from '../http/respond.js';
import type { UserInfo } from './types.js';

export function isSelfSubjectReview(group: string, resource: string): boolean {
  return group === 'authentication.k8s.io' && resource === 'selfsubjectreviews';
}

const VERSIONS = new Set(['v1', 'v1beta1', 'v1alpha1']);

export function serveSelfSubjectReview(user: UserInfo, version: string, req: IncomingMessage, res: ServerResponse): void {
  if (!VERSIONS.has(version)) throw errors.notFound('selfsubjectreviews', 'authentication.k8s.io', '');
  if (req.method !== 'POST') throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
  req.resume();
  const userInfo: Record<string, unknown> = { username: user.name };
  if (user.uid) userInfo.uid = user.uid;
  userInfo.groups = user.groups;
  if (user.extra) userInfo.extra = user.extra;
  const body = { kind: 'SelfSubjectReview', apiVersion: `authentication.k8s.io/${version}`, metadata: { creationTimestamp: null }, status: { userInfo } };
  sendJson(res, 201, JSON.stringify(body));
}
