// The layers kube-apiserver wraps around the ownership algebra (k8s.io/apimachinery
// pkg/util/managedfields/internal): manager identifiers, entry times, metadata that is never owned,
// the cap on Update entries, and the "before-first-apply" owner of fields that predate tracking.

import { FieldSet } from './fieldset.js';
import { cloneManaged, includesSet, managerIdentifier, setSize, unixSeconds, type Managed, type VersionedSet } from './managers.js';
import { fieldElement, type FieldPath } from './path-element.js';
import { applyOwnership, updateOwnership, type AppliedConfig, type ManagerSets, type Typing } from './updater.js';

export type { AppliedConfig } from './updater.js';

export interface OperationContext extends Typing {
  readonly apiVersion: string;
  readonly now: string;
  readonly subresource: string | undefined;
}

const path = (...names: string[]): FieldPath => names.map(fieldElement);

/** Metadata fields no manager owns (below `metadata`, itself unowned). */
export const UNOWNED_METADATA_FIELDS = [
  'name',
  'namespace',
  'creationTimestamp',
  'selfLink',
  'uid',
  'clusterName',
  'generation',
  'managedFields',
  'resourceVersion',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
] as const;

/**
 * Fields no manager ever owns: upstream's strip set, plus the deletion fields, which kube-apiserver
 * writes outside field management.
 */
export const STRIP_SET = FieldSet.of(path('apiVersion'), path('kind'), path('metadata'), ...UNOWNED_METADATA_FIELDS.map((f) => path('metadata', f)));

export const MAX_UPDATE_MANAGERS = 10;
export const ANCIENT_CHANGES = 'ancient-changes';
export const BEFORE_FIRST_APPLY = 'before-first-apply';
const CURRENT_OPERATION = 'current-operation';

function strip(managers: ManagerSets, id: string): void {
  const vs = managers.get(id);
  if (!vs) return;
  const set = vs.set.difference(STRIP_SET);
  if (set.isEmpty()) managers.delete(id);
  else managers.set(id, { ...vs, set });
}

/**
 * An Update by `manager`: the changed fields are collected under a temporary owner, then merged into
 * the manager's entry, whose time moves to now only if it took something.
 */
export function runUpdate(liveObj: unknown, newObj: unknown, managed: Managed, manager: string, ctx: OperationContext): Managed {
  const id = managerIdentifier({ manager: manager || 'unknown', operation: 'Update', apiVersion: ctx.apiVersion, subresource: ctx.subresource });
  const out = cloneManaged(managed);
  const managers = updateOwnership(liveObj, newObj, ctx.apiVersion, out.fields, CURRENT_OPERATION, ctx);
  strip(managers, CURRENT_OPERATION);
  const taken = managers.get(CURRENT_OPERATION);
  if (taken) {
    managers.delete(CURRENT_OPERATION);
    const previous = managers.get(id);
    managers.set(id, { ...taken, set: previous ? taken.set.union(previous.set) : taken.set });
    out.times.set(id, ctx.now);
  }
  return capUpdateManagers({ fields: managers, times: out.times });
}

/** A re-apply of exactly the fields applied last time keeps the last set, which is written back as it was stored. */
function keepSameSet(managers: ManagerSets, id: string, last: VersionedSet | undefined): void {
  const now = managers.get(id);
  if (!now || !last || now.set === last.set) return;
  if (setSize(now.set) === setSize(last.set) && includesSet(now.set, last.set)) managers.set(id, { ...now, set: last.set });
}

export interface ApplyOutcome {
  readonly object: unknown;
  readonly managed: Managed;
}

/** An Apply by `manager` (the part below the last-applied handling). Throws Conflicts. */
export function runApply(liveObj: unknown, config: AppliedConfig, managed: Managed, manager: string, force: boolean, ctx: OperationContext): ApplyOutcome {
  let current = managed;
  if (current.fields.size === 0) {
    // Fields present before anyone applied belong to a placeholder updater, so an apply can conflict with them.
    current = runUpdate({}, liveObj, current, BEFORE_FIRST_APPLY, ctx);
  }
  const id = managerIdentifier({ manager: manager || 'unknown', operation: 'Apply', subresource: ctx.subresource });
  const result = applyOwnership(liveObj, config, ctx.apiVersion, current.fields, id, force, ctx);
  const managers = new Map(result.managers);
  strip(managers, id);
  keepSameSet(managers, id, current.fields.get(id));
  const times = new Map(current.times);
  // Upstream only moves the time when the object changed; an entry that had none still gets one.
  if (result.changed || times.get(id) === undefined) times.set(id, ctx.now);
  return { object: result.changed ? result.object : liveObj, managed: { fields: managers, times } };
}

/** Merges the oldest Update entries into per-version "ancient-changes" entries beyond the cap. */
export function capUpdateManagers(managed: Managed): Managed {
  const updaters = [...managed.fields].filter(([, vs]) => !vs.applied).map(([id]) => id);
  if (updaters.length <= MAX_UPDATE_MANAGERS) return managed;
  updaters.sort((a, b) => {
    const sa = unixSeconds(managed.times.get(a));
    const sb = unixSeconds(managed.times.get(b));
    if (sa !== sb) return sa - sb;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const fields = new Map(managed.fields);
  const times = new Map(managed.times);
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > MAX_UPDATE_MANAGERS; i++) {
    const id = updaters[i]!;
    const vs = fields.get(id)!;
    const bucket = managerIdentifier({ manager: ANCIENT_CHANGES, operation: 'Update', apiVersion: vs.apiVersion });
    const first = firstOfVersion.get(vs.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(vs.apiVersion, id);
      continue;
    }
    if (!fields.has(bucket)) {
      fields.set(bucket, fields.get(first)!);
      fields.delete(first);
    }
    fields.set(bucket, { ...vs, set: vs.set.union(fields.get(bucket)!.set) });
    fields.delete(id);
    times.set(bucket, times.get(id));
    length--;
  }
  return { fields, times };
}
