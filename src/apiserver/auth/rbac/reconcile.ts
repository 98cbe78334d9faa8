// Keeps the default roles and bindings present, as kube-apiserver's RBAC bootstrap does at every start:
// missing objects are created; existing ones gain the permissions, labels, annotations and subjects they
// lack (never lose any) unless annotated rbac.authorization.kubernetes.io/autoupdate=false. A default
// binding whose roleRef changed is recreated (roleRef is immutable).

import type { Logger } from 'pino';
import { ApiError } from '../../../machinery/errors.js';
import type { KubeObject } from '../../../machinery/object.js';
import { deepEqual } from '../../../machinery/deep.js';
import type { ClusterContext } from '../../rest/cluster-context.js';
import { objectKey } from '../../rest/keys.js';
import { createObject, updateObject } from '../../rest/write.js';
import { deleteObject } from '../../rest/delete.js';
import { AUTOUPDATE_ANNOTATION, bootstrapPolicy } from './bootstrap.js';
import { covers } from './covers.js';
import { aggregationSelectorsOf, roleRefOf, rulesOf, subjectsOf } from './policy.js';

const MANAGER = 'rbac-bootstrap';

/** The existing object with what the default adds; undefined when nothing is missing. */
export function reconcileDefault(existing: KubeObject, expected: KubeObject): KubeObject | undefined {
  const next = structuredClone(existing) as KubeObject;
  next.metadata.labels = { ...expected.metadata.labels, ...existing.metadata.labels };
  next.metadata.annotations = { ...expected.metadata.annotations, ...existing.metadata.annotations };
  if (expected.kind === 'ClusterRole' || expected.kind === 'Role') {
    const { missing } = covers(rulesOf(existing), rulesOf(expected));
    if (missing.length > 0) next.rules = [...(Array.isArray(existing.rules) ? existing.rules : []), ...missing];
    const wanted = aggregationSelectorsOf(expected);
    if (wanted !== undefined) {
      const have = aggregationSelectorsOf(existing) ?? [];
      const added = wanted.filter((s) => !have.some((h) => deepEqual(h, s)));
      if (added.length > 0) next.aggregationRule = { clusterRoleSelectors: [...have, ...added] };
    }
  } else {
    const have = subjectsOf(existing);
    const added = subjectsOf(expected).filter((s) => !have.some((h) => deepEqual(h, s)));
    if (added.length > 0) next.subjects = [...(Array.isArray(existing.subjects) ? existing.subjects : []), ...added];
  }
  return deepEqual(next, existing) ? undefined : next;
}

/** Creates or tops up every default role and binding. */
export async function ensureBootstrapPolicy(cluster: ClusterContext, log: Logger): Promise<void> {
  for (const expected of bootstrapPolicy()) {
    const served = cluster.kinds.resolveKind(expected.apiVersion ?? '', expected.kind ?? '');
    if (!served) throw new Error(`cannot bootstrap RBAC: ${expected.apiVersion} ${expected.kind} is not served`);
    const name = expected.metadata.name ?? '';
    const options = { fieldManager: MANAGER, fieldValidation: 'Strict' as const };
    const entry = cluster.store.get(objectKey(served.definition, undefined, name));
    if (!entry) {
      try {
        await createObject(cluster, { served, namespace: undefined, object: structuredClone(expected), options });
      } catch (error) {
        if (!(error instanceof ApiError && error.reason === 'AlreadyExists')) throw error;
      }
      continue;
    }
    if (entry.object.metadata.annotations?.[AUTOUPDATE_ANNOTATION] === 'false') continue;
    if (expected.roleRef !== undefined && !deepEqual(roleRefOf(entry.object), roleRefOf(expected))) {
      log.info({ name }, 'recreating default ClusterRoleBinding with its roleRef restored');
      await deleteObject(cluster, served, undefined, name, {});
      await createObject(cluster, { served, namespace: undefined, object: structuredClone(expected), options });
      continue;
    }
    const next = reconcileDefault(entry.object, expected);
    if (!next) continue;
    log.info({ kind: expected.kind, name }, 'adding missing permissions to a default RBAC object');
    await updateObject(cluster, { served, namespace: undefined, name, object: next, old: entry.object, oldRevision: entry.revision, options });
  }
}
