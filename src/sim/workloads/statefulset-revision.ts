// StatefulSet ControllerRevisions (pkg/controller/history and stateful_set_utils.go): the revision's
// data is a strategic-merge patch that replaces spec.template, named <set>-<hash> with the hash taken
// over the patch's JSON bytes and the collision count.

import { deepClone, deepEqual } from '../../machinery/deep.js';
import { newControllerRef } from './controller-ref.js';
import { goJson } from '../../machinery/go-json.js';
import { controllerRevisionHash } from './hash.js';
import type { ControllerRevision, StatefulSet } from './types-apps.js';
import type { PodTemplateSpec } from './types-core.js';

export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

/** The revision patch: {"spec":{"template":{"$patch":"replace", ...}}}, template metadata as Go emits it. */
export function revisionPatch(template: PodTemplateSpec): Record<string, unknown> {
  const t = deepClone(template) as unknown as Record<string, unknown>;
  const metadata = { ...((t.metadata as Record<string, unknown> | undefined) ?? {}) };
  if (!('creationTimestamp' in metadata)) metadata.creationTimestamp = null;
  return { spec: { template: { ...t, metadata, $patch: 'replace' } } };
}

export function templateOfRevision(revision: ControllerRevision): PodTemplateSpec {
  const data = revision.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  const t = { ...(data?.spec?.template ?? {}) };
  delete t.$patch;
  const metadata = { ...((t.metadata as Record<string, unknown> | undefined) ?? {}) };
  if (metadata.creationTimestamp === null) delete metadata.creationTimestamp;
  return { ...(t as unknown as PodTemplateSpec), metadata };
}

export function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const data = revisionPatch(set.spec.template);
  const hash = controllerRevisionHash(goJson(data), collisionCount);
  const prefix = (set.metadata.name ?? '').slice(0, 223);
  const metadata: ControllerRevision['metadata'] = {
    name: `${prefix}-${hash}`,
    labels: { ...(set.spec.template.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
    ownerReferences: [newControllerRef(set, 'apps/v1', 'StatefulSet')],
  };
  if (set.metadata.namespace) metadata.namespace = set.metadata.namespace;
  return { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata, data, revision };
}

export function equalRevision(a: ControllerRevision, b: ControllerRevision): boolean {
  return deepEqual(a.data, b.data);
}

/** By revision number, then creation time, then name. */
export function sortRevisions(revisions: readonly ControllerRevision[]): ControllerRevision[] {
  return [...revisions].sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision;
    const ta = a.metadata.creationTimestamp ?? '';
    const tb = b.metadata.creationTimestamp ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  });
}

export type RevisionAction = { type: 'create'; revision: ControllerRevision } | { type: 'update'; revision: ControllerRevision } | { type: 'delete'; name: string };

export interface Revisions {
  current: ControllerRevision;
  update: ControllerRevision;
  collisionCount: number;
  actions: RevisionAction[];
}

/** getStatefulSetRevisions: the current and update revisions, creating or re-numbering as needed. */
export function statefulSetRevisions(set: StatefulSet, existing: readonly ControllerRevision[]): Revisions {
  const revisions = sortRevisions(existing);
  let collisionCount = set.status?.collisionCount ?? 0;
  const next = (revisions.at(-1)?.revision ?? 0) + 1;
  let update = newRevision(set, next, collisionCount);
  const actions: RevisionAction[] = [];
  const equal = revisions.filter((r) => equalRevision(r, update));
  if (equal.length && equalRevision(revisions.at(-1)!, equal.at(-1)!)) {
    update = revisions.at(-1)!;
  } else if (equal.length) {
    update = { ...deepClone(equal.at(-1)!), revision: next };
    actions.push({ type: 'update', revision: update });
  } else {
    // A same-named revision with other data is a hash collision: probe with the next count.
    while (revisions.some((r) => r.metadata.name === update.metadata.name)) update = newRevision(set, next, ++collisionCount);
    actions.push({ type: 'create', revision: update });
  }
  const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount, actions };
}
