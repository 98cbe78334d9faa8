// Storage keys: /<group>/<resource>/<namespace>/<name>, core group spelled "core" (DESIGN.md §4).

import type { KindDefinition } from '../../api/types.js';

export function resourcePrefix(definition: KindDefinition, namespace?: string): string {
  const base = `/${definition.group || 'core'}/${definition.plural}/`;
  return definition.namespaced && namespace ? `${base}${namespace}/` : base;
}

export function objectKey(definition: KindDefinition, namespace: string | undefined, name: string): string {
  return definition.namespaced ? `/${definition.group || 'core'}/${definition.plural}/${namespace}/${name}` : `/${definition.group || 'core'}/${definition.plural}/${name}`;
}

/** The resource prefix (as resourcePrefix without a namespace: "/<group>/<resource>/") a key lies under. */
export function resourcePrefixOfKey(key: string): string {
  return key.slice(0, key.indexOf('/', key.indexOf('/', 1) + 1) + 1);
}
