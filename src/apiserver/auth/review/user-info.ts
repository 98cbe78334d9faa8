// A user as authentication.k8s.io's reviews report it (UserInfo: username, uid, groups, extra).

import type { UserInfo } from '../types.js';

export function userInfoOf(user: UserInfo): Record<string, unknown> {
  const info: Record<string, unknown> = { username: user.name };
  if (user.uid) info.uid = user.uid;
  info.groups = user.groups;
  if (user.extra && Object.keys(user.extra).length > 0) info.extra = user.extra;
  return info;
}
