// kube-apiserver's --token-auth-file: CSV lines `token,user,uid,"group1,group2"` (groups optional).

import type { UserInfo } from '../apiserver/auth/types.js';

/** Splits one CSV line; fields may be double-quoted, with "" for a literal quote. */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  fields.push(field);
  return fields.map((f) => f.trim());
}

/** Users by token. Throws naming the line when one is malformed (never echoing a token). */
export function parseTokenFile(text: string, source = 'token file'): Map<string, UserInfo> {
  const users = new Map<string, UserInfo>();
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    let fields: string[];
    try {
      fields = csvFields(line);
    } catch (error) {
      throw new Error(`${source} line ${n + 1}: ${(error as Error).message}`);
    }
    if (fields.length < 3) throw new Error(`${source} line ${n + 1}: expected token,user,uid[,"group1,group2"]`);
    const [token, name, uid, groups] = fields as [string, string, string, string | undefined];
    if (!token || !name) throw new Error(`${source} line ${n + 1}: the token and the user name must not be empty`);
    if (users.has(token)) throw new Error(`${source} line ${n + 1}: the token is listed twice`);
    const user: UserInfo = { name, groups: (groups ?? '').split(',').map((g) => g.trim()).filter(Boolean) };
    if (uid) user.uid = uid;
    users.set(token, user);
  }
  return users;
}
