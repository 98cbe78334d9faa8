// Object keys as the work queue holds them: "namespace/name", or "name" for cluster-scoped objects.

import type { KubeObject } from '../machinery/object.js';
import type { ObjectKey } from './controller-types.js';

export function keyString(key: ObjectKey): string {
  return key.namespace ? `${key.namespace}/${key.name}` : key.name;
}

export function parseKeyString(key: string): ObjectKey {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

export function objectKeyOf(object: KubeObject): ObjectKey {
  const { namespace, name } = object.metadata;
  return namespace ? { namespace, name: name ?? '' } : { name: name ?? '' };
}
