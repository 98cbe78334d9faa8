// Which rule of an EncryptionConfiguration covers a storage key. Keys are /<group>/<resource>/... with the
// core group spelled "core" (src/apiserver/rest/keys.ts); as in kube-apiserver the first rule that names
// the resource wins.

import type { GroupResource, ResourceRule } from './config.js';

/** The group ('' for core) and resource a storage key belongs to, or undefined for a key of another shape. */
export function groupResourceOfKey(key: string): GroupResource | undefined {
  if (!key.startsWith('/')) return undefined;
  const groupEnd = key.indexOf('/', 1);
  if (groupEnd < 0) return undefined;
  const resourceEnd = key.indexOf('/', groupEnd + 1);
  if (resourceEnd < 0) return undefined;
  const group = key.slice(1, groupEnd);
  return { group: group === 'core' ? '' : group, resource: key.slice(groupEnd + 1, resourceEnd) };
}

function covers(pattern: GroupResource, target: GroupResource): boolean {
  if (pattern.group === '*') return true; // "*.*" (a named resource across groups is rejected by validation)
  return pattern.group === target.group && (pattern.resource === '*' || pattern.resource === target.resource);
}

/** Finds the rule for a key, remembering the answer per resource (keys of one resource share it). */
export class KeyRules<T> {
  private readonly byResource = new Map<string, T | undefined>();

  constructor(private readonly rules: readonly { rule: ResourceRule; value: T }[]) {}

  lookup(key: string): T | undefined {
    const target = groupResourceOfKey(key);
    if (!target) return undefined;
    const id = `${target.group}/${target.resource}`;
    if (this.byResource.has(id)) return this.byResource.get(id);
    const found = this.rules.find(({ rule }) => rule.resources.some((pattern) => covers(pattern, target)))?.value;
    this.byResource.set(id, found);
    return found;
  }
}
