// Users from a --token-auth-file.

import type { UserInfo } from '../types.js';
import type { TokenAuthenticator } from './bearer-token.js';

export function staticTokenAuthenticator(users: ReadonlyMap<string, UserInfo>): TokenAuthenticator {
  return { authenticateToken: (token) => users.get(token) };
}
