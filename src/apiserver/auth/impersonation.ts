// User impersonation (kubectl --as / --as-group / --as-uid): the Impersonate-* headers make a request act
// as another user, once the requester is authorized to `impersonate` that user (resource users, or
// serviceaccounts for a ServiceAccount's name), each group (groups) and the uid (uids in
// authentication.k8s.io), as kube-apiserver's impersonation filter does.

import type { IncomingMessage } from 'node:http';
import { errors } from '../../machinery/errors.js';
import { forbidden } from './denials.js';
import { AUTHENTICATED_GROUP, SERVICE_ACCOUNT_PREFIX, serviceAccountGroups } from '../../security/identities.js';
import { ANONYMOUS, type AuthorizationAttributes, type Authorizer, type UserInfo } from './types.js';

function headerValues(req: IncomingMessage, name: string): string[] {
  return (req.headersDistinct[name] ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** Whether the request asks to impersonate anyone. */
export function wantsImpersonation(req: IncomingMessage): boolean {
  return Object.keys(req.headers).some((h) => h.startsWith('impersonate-'));
}

/** The user the request acts as; throws 403 when the requester may not impersonate it, 400 for groups without a user. */
export function impersonate(req: IncomingMessage, requester: UserInfo, authorizer: Authorizer): UserInfo {
  const name = req.headersDistinct['impersonate-user']?.[0]?.trim();
  const groups = headerValues(req, 'impersonate-group');
  const uid = req.headersDistinct['impersonate-uid']?.[0]?.trim();
  const extra: Record<string, string[]> = {};
  for (const header of Object.keys(req.headers)) {
    if (header.startsWith('impersonate-extra-')) extra[decodeURIComponent(header.slice('impersonate-extra-'.length))] = headerValues(req, header);
  }
  if (!name) throw errors.badRequest('requested impersonation of groups, uid or extra without a user (Impersonate-User); add --as');

  const check = (attributes: Omit<AuthorizationAttributes, 'user' | 'verb' | 'resourceRequest'>): void => {
    const full: AuthorizationAttributes = { ...attributes, user: requester, verb: 'impersonate', resourceRequest: true };
    const decision = authorizer.authorize(full);
    if (!decision.allowed) throw forbidden(full, decision.reason);
  };
  const user: UserInfo = { name, groups: [] };
  if (name.startsWith(SERVICE_ACCOUNT_PREFIX)) {
    const [namespace = '', account = ''] = name.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
    check({ apiGroup: '', resource: 'serviceaccounts', namespace, name: account });
    user.groups.push(...serviceAccountGroups(namespace).filter((g) => g !== AUTHENTICATED_GROUP));
  } else {
    check({ apiGroup: '', resource: 'users', name });
  }
  for (const group of groups) {
    check({ apiGroup: '', resource: 'groups', name: group });
    if (!user.groups.includes(group)) user.groups.push(group);
  }
  if (uid) {
    check({ apiGroup: 'authentication.k8s.io', resource: 'uids', name: uid });
    user.uid = uid;
  }
  for (const [key, values] of Object.entries(extra)) {
    for (const value of values) check({ apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: key, name: value });
  }
  if (Object.keys(extra).length) user.extra = extra;
  if (name !== ANONYMOUS.name && !user.groups.includes(AUTHENTICATED_GROUP)) user.groups.push(AUTHENTICATED_GROUP);
  return user;
}
