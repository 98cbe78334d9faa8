// Applying one manifest of a Work to its member cluster. The Work's own objects are server-side applied
// (fields it dropped go; fields others own stay). An object already on the member that this Work did not
// create is a conflict: left alone under Abort, replaced under Overwrite (replacing, not merging, so the
// member ends up with exactly the template — keeping only what the member assigned, like a Service's IPs).

import type { MemberConnection } from '../../client/member-connections.js';
import { resources } from '../../client/resources.js';
import type { ResourceType } from '../../client/types.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import { displayName } from './binding-spec.js';
import { MANAGED_BY_LABEL, WORK_ANNOTATION, WORK_NAMESPACE_ANNOTATION } from './kinds.js';
import type { MemberSight } from './member-watches.js';

export interface WorkRef {
  namespace: string;
  name: string;
  cluster: string;
  overwrite: boolean;
}

/** Fields a member fills in that a replacing write must carry over, by kind (a Map: any kind is a key). */
const MEMBER_ASSIGNED = new Map<string, readonly string[]>([
  ['Service', ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy']],
  ['PersistentVolumeClaim', ['volumeName']],
]);

async function ensureNamespace(connection: MemberConnection, namespace: string): Promise<void> {
  if (await connection.client.get(resources.namespaces, undefined, namespace)) return;
  await connection.client.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { [MANAGED_BY_LABEL]: 'kurator' } } }).catch((e: { code?: number }) => {
    if (e.code !== 409) throw e;
  });
}

function createdBy(object: KubeObject, work: WorkRef): boolean {
  const annotations = object.metadata.annotations ?? {};
  return annotations[WORK_ANNOTATION] === work.name && annotations[WORK_NAMESPACE_ANNOTATION] === work.namespace;
}

/**
 * `seen` is what a watch on the member last saw at the object's name (undefined when the watch cannot
 * tell): when it shows the name free or the object this Work's, the conflict check needs no round trip.
 */
export async function applyToMember(connection: MemberConnection, type: ResourceType, manifest: KubeObject, work: WorkRef, seen?: MemberSight): Promise<KubeObject> {
  try {
    // The namespace is usually there (synced to every member, or created by an earlier copy): applied at
    // once, one round trip; a 404 says it is not, and it is created before the one retry.
    return await applyOnce(connection, type, manifest, work, seen, false);
  } catch (error) {
    if ((error as { code?: number }).code !== 404 || !manifest.metadata.namespace) throw error;
    return applyOnce(connection, type, manifest, work, undefined, true);
  }
}

async function applyOnce(connection: MemberConnection, type: ResourceType, manifest: KubeObject, work: WorkRef, seen: MemberSight | undefined, ensureNamespaceFirst: boolean): Promise<KubeObject> {
  const namespace = manifest.metadata.namespace;
  const name = manifest.metadata.name ?? '';
  if (ensureNamespaceFirst && type.namespaced && namespace) await ensureNamespace(connection, namespace);
  // Copied with Object.assign: a spread that adds keys its source lacks is a slow path in V8.
  const annotations = Object.assign({}, manifest.metadata.annotations, { [WORK_ANNOTATION]: work.name, [WORK_NAMESPACE_ANNOTATION]: work.namespace });
  const body: KubeObject = { ...manifest, metadata: { ...manifest.metadata, annotations } };
  // Namespaces commonly exist already; they are always adopted.
  if (type.kind !== 'Namespace' && !(seen && (!seen.object || createdBy(seen.object, work)))) {
    const existing = await connection.client.get(type, namespace, name);
    if (existing && !createdBy(existing, work)) {
      if (!work.overwrite) {
        throw new Error(`${type.kind} ${displayName(manifest.metadata)} already exists on cluster ${work.cluster} and was not created by Kurator; set conflictResolution: Overwrite on the propagation policy to take it over`);
      }
      return connection.client.update(type, takeOver(body, existing, type.kind));
    }
  }
  return connection.client.patch(type, namespace, name, 'apply', body, { fieldManager: 'kurator', force: true });
}

/** The write that replaces a member's own object with this Work's: at its version, keeping what the member assigned. */
export function takeOver(body: KubeObject, existing: KubeObject, kind: string): KubeObject {
  const replacement = structuredClone(body);
  replacement.metadata.resourceVersion = existing.metadata.resourceVersion;
  const assigned = MEMBER_ASSIGNED.get(kind) ?? [];
  if (assigned.length && isPlainObject(existing.spec)) {
    const spec = (isPlainObject(replacement.spec) ? replacement.spec : {}) as Record<string, unknown>;
    for (const field of assigned) if (existing.spec[field] !== undefined && spec[field] === undefined) spec[field] = existing.spec[field];
    replacement.spec = spec;
  }
  return replacement;
}
