// Owner references the way controllers write and read them (metav1.NewControllerRef / GetControllerOf).

import type { KubeObject, OwnerReference } from '../../machinery/object.js';

export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

/** True when `object`'s controller reference points at `owner` (by UID). */
export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
  const ref = controllerOf(object);
  return ref !== undefined && ref.uid !== '' && ref.uid === owner.metadata.uid;
}

/** The objects controlled by `owner`: how the wiring layer narrows an informer's cache to one owner. */
export function ownedBy<T extends KubeObject>(owner: KubeObject, objects: readonly T[]): T[] {
  return objects.filter((o) => isControlledBy(o, owner) && o.metadata.namespace === owner.metadata.namespace);
}
