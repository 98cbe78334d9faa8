// Reading storage keys: /<group>/<resource>/<namespace>/<name>, the core group spelled "core", cluster-scoped
// keys without the namespace (DESIGN.md §4). Keys are built by the API server (src/apiserver/rest/keys.ts);
// the layers below it that must tell a key's resource — value encryption, migration — read it here.

/** The group ('' for core) and resource a key belongs to, or undefined for a key of another shape. */
export function groupResourceOfKey(key: string): { group: string; resource: string } | undefined {
  if (!key.startsWith('/')) return undefined;
  const groupEnd = key.indexOf('/', 1);
  if (groupEnd < 0) return undefined;
  const resourceEnd = key.indexOf('/', groupEnd + 1);
  if (resourceEnd < 0) return undefined;
  const group = key.slice(1, groupEnd);
  return { group: group === 'core' ? '' : group, resource: key.slice(groupEnd + 1, resourceEnd) };
}

/** The resource prefix ("/<group>/<resource>/") a key lies under. */
export function resourcePrefixOfKey(key: string): string {
  return key.slice(0, key.indexOf('/', key.indexOf('/', 1) + 1) + 1);
}
