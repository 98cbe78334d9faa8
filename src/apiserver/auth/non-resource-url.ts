// How a nonResourceURLs entry matches a request path, the same for RBAC rules, RBAC's escalation check
// and audit policy rules: the exact path, or a prefix written with a trailing "*" ("/apis/*" matches
// "/apis/apps", "/healthz*" matches "/healthz/etcd", "*" matches every path).

export function nonResourcePathMatches(pattern: string, path: string): boolean {
  if (pattern === path) return true;
  return pattern.endsWith('*') && path.startsWith(pattern.replace(/\*+$/, ''));
}
