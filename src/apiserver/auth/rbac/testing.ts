// Builders for RBAC unit tests: rules, roles and bindings in the short forms of kube's rbac_test.go
// ("User:alice", "Group:admins", "ServiceAccount:ns:name"), stored in a memory store.

import type { KubeObject } from '../../../machinery/object.js';
import { createMemoryStore } from '../../../storage/memory.js';
import type { Store } from '../../../storage/store.js';
import { RBAC_GROUP, type PolicyRule } from './policy.js';

const API_VERSION = `${RBAC_GROUP}/v1`;

export function clusterRole(name: string, rules: PolicyRule[], labels?: Record<string, string>): KubeObject {
  return { apiVersion: API_VERSION, kind: 'ClusterRole', metadata: { name, ...(labels ? { labels } : {}) }, rules };
}

export function role(namespace: string, name: string, rules: PolicyRule[]): KubeObject {
  return { apiVersion: API_VERSION, kind: 'Role', metadata: { namespace, name }, rules };
}

function subjects(specs: string[]): Record<string, string>[] {
  return specs.map((spec): Record<string, string> => {
    const [kind, ...rest] = spec.split(':');
    if (kind === 'ServiceAccount') return rest.length === 2 ? { kind, namespace: rest[0]!, name: rest[1]! } : { kind, name: rest[0]! };
    return { kind: kind!, apiGroup: RBAC_GROUP, name: rest.join(':') };
  });
}

export function clusterRoleBinding(name: string, roleName: string, ...subjectSpecs: string[]): KubeObject {
  return { apiVersion: API_VERSION, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: roleName }, subjects: subjects(subjectSpecs) };
}

export function roleBinding(namespace: string, name: string, roleRef: { kind: 'Role' | 'ClusterRole'; name: string }, ...subjectSpecs: string[]): KubeObject {
  return { apiVersion: API_VERSION, kind: 'RoleBinding', metadata: { namespace, name }, roleRef: { apiGroup: RBAC_GROUP, ...roleRef }, subjects: subjects(subjectSpecs) };
}

function keyOf(object: KubeObject): string {
  const plural = `${object.kind!.toLowerCase()}s`;
  const ns = object.metadata.namespace;
  return ns ? `/${RBAC_GROUP}/${plural}/${ns}/${object.metadata.name}` : `/${RBAC_GROUP}/${plural}/${object.metadata.name}`;
}

/** A memory store holding the objects (written straight to storage, without the API's validation). */
export async function storeWith(objects: KubeObject[]): Promise<Store> {
  const store = createMemoryStore();
  for (const object of objects) await store.create(keyOf(object), object);
  return store;
}

export async function putObject(store: Store, object: KubeObject): Promise<void> {
  const key = keyOf(object);
  const entry = store.get(key);
  if (entry) await store.update(key, object, entry.revision);
  else await store.create(key, object);
}

export async function deleteStoredObject(store: Store, object: KubeObject): Promise<void> {
  await store.delete(keyOf(object));
}
