// Which rule of an EncryptionConfiguration covers a storage key (its resource read by
// src/storage/key-layout.ts); as in kube-apiserver the first rule that names the resource wins.

import { groupResourceOfKey } from '../../storage/key-layout.js';
import type { GroupResource, ResourceRule } from './config.js';

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
