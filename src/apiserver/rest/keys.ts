// Storage keys: /<group>/<resource>/<namespace>/<name>, core group spelled "core" (DESIGN.md §4), built
// here; src/storage/key-layout.ts reads them.

import type { KindDefinition } from '../../api/types.js';

export function resourcePrefix(definition: KindDefinition, namespace?: string): string {
  const base = `/${definition.group || 'core'}/${definition.plural}/`;
  return definition.namespaced && namespace ? `${base}${namespace}/` : base;
}

export function objectKey(definition: KindDefinition, namespace: string | undefined, name: string): string {
  return definition.namespaced ? `/${definition.group || 'core'}/${definition.plural}/${namespace}/${name}` : `/${definition.group || 'core'}/${definition.plural}/${name}`;
}
