// The ownership algebra of structured-merge-diff's merge.Updater: Update (a changed object gives its
// changes to one manager) and Apply (merge a configuration, prune what the applier dropped, detect
// conflicts). Managers are keyed by identifier; all objects share one API version here, so no
// conversion between versions happens.

import { deepEqual } from '../deep.js';
import { compareObjects, type Comparison } from './compare.js';
import { FieldSet } from './fieldset.js';
import { includesSet, type VersionedSet } from './managers.js';
import { mergeValues } from './merge.js';
import type { FieldPath } from './path-element.js';
import { removeItems } from './remove.js';
import type { SchemaType } from './schema-type.js';
import { ensureNamedFieldsAreMembers, toFieldSet } from './to-field-set.js';

export interface Typing {
  readonly type: SchemaType;
  /** Fields this endpoint does not own (status for the main resource, spec for /status). */
  readonly ignored: FieldSet;
}

export type ManagerSets = Map<string, VersionedSet>;

export interface Conflict {
  readonly manager: string; // identifier
  readonly path: FieldPath;
}

/** Conflicts found by an apply; converted to an API error by the caller. */
export class Conflicts extends Error {
  constructor(readonly conflicts: readonly Conflict[]) {
    super('conflicts');
  }
}

function versioned(vs: VersionedSet, set: FieldSet): VersionedSet {
  return { set, apiVersion: vs.apiVersion, applied: vs.applied };
}

function exclude(c: Comparison, ignored: FieldSet): Comparison {
  if (ignored.isEmpty()) return c;
  return {
    added: c.added.recursiveDifference(ignored),
    modified: c.modified.recursiveDifference(ignored),
    removed: c.removed.recursiveDifference(ignored),
  };
}

/**
 * Takes changed fields away from every manager but `workflow`: fields whose value changed or
 * appeared conflict (an error unless forced; forced, the others lose them), removed fields are
 * dropped from everyone. Empty managers disappear.
 */
function takeChanges(
  oldObj: unknown,
  newObj: unknown,
  managers: ManagerSets,
  workflow: string,
  force: boolean,
  t: Typing,
): { managers: ManagerSets; comparison: Comparison } {
  const comparison = exclude(compareObjects(oldObj, newObj, t.type), t.ignored);
  const changed = comparison.modified.union(comparison.added);
  const conflicts = new Map<string, FieldSet>();
  for (const [id, vs] of managers) {
    if (id === workflow) continue;
    const c = vs.set.intersection(changed);
    if (!c.isEmpty()) conflicts.set(id, c);
  }
  if (!force && conflicts.size > 0) {
    const list: Conflict[] = [];
    for (const id of [...conflicts.keys()].sort()) for (const path of conflicts.get(id)!.paths()) list.push({ manager: id, path });
    throw new Conflicts(list);
  }
  const out: ManagerSets = new Map();
  for (const [id, vs] of managers) {
    let set = vs.set;
    if (id !== workflow) {
      const lost = conflicts.get(id);
      if (lost) set = set.difference(lost);
      if (!comparison.removed.isEmpty()) set = set.difference(comparison.removed);
    }
    if (!set.isEmpty()) out.set(id, set === vs.set ? vs : versioned(vs, set));
  }
  return { managers: out, comparison };
}

/** An Update (create, update, non-apply patch) by `manager`: it gains what changed. */
export function updateOwnership(
  liveObj: unknown,
  newObj: unknown,
  apiVersion: string,
  managers: ManagerSets,
  manager: string,
  t: Typing,
): ManagerSets {
  const { managers: out, comparison } = takeChanges(liveObj, newObj, managers, manager, true, t);
  const previous = out.get(manager)?.set ?? new FieldSet();
  const set = previous
    .union(comparison.modified)
    .union(comparison.added)
    .difference(comparison.removed)
    .recursiveDifference(t.ignored);
  if (set.isEmpty()) out.delete(manager);
  else out.set(manager, { set, apiVersion, applied: false });
  return out;
}

/** A configuration to apply and its field set (computed once, when it is checked against the schema). */
export interface AppliedConfig {
  readonly object: unknown;
  readonly set: FieldSet;
}

export interface ApplyResult {
  readonly object: unknown;
  readonly managers: ManagerSets;
  /** False when the merged object equals the live one. */
  readonly changed: boolean;
}

/** An Apply of `config` by `manager`. Throws Conflicts unless `force`. */
export function applyOwnership(
  liveObj: unknown,
  config: AppliedConfig,
  apiVersion: string,
  managers: ManagerSets,
  manager: string,
  force: boolean,
  t: Typing,
): ApplyResult {
  const configSet = config.set.recursiveDifference(t.ignored);
  let merged: unknown = mergeValues(liveObj, config.object, t.type) ?? {};
  const lastSet = managers.get(manager);
  const withConfig: ManagerSets = new Map(managers);
  withConfig.set(manager, { set: configSet, apiVersion, applied: true });
  // Nobody else owns anything (an apply that creates the object): nothing to prune, take or conflict with.
  if (managers.size === 0) return { object: merged, managers: configSet.isEmpty() ? new Map() : withConfig, changed: !deepEqual(liveObj, merged) };
  // The usual re-apply applies every field it applied last time: nothing to prune (every path of the last
  // set, and each container above one, is owned by the new configuration, so the full computation gives
  // back the merge).
  if (!lastSet || !includesSet(configSet, lastSet.set)) merged = prune(merged, withConfig, lastSet, t.type);
  const { managers: out } = takeChanges(liveObj, merged, withConfig, manager, force, t);
  return { object: merged, managers: out, changed: !deepEqual(liveObj, merged) };
}

/**
 * Removes what the applier applied last time but not now, unless another manager (or the new
 * configuration) owns it. Containers are considered owned when anything below them is.
 */
function prune(merged: unknown, managers: ManagerSets, lastSet: VersionedSet | undefined, type: SchemaType): unknown {
  if (!lastSet || lastSet.set.isEmpty()) return merged;
  const ensure = (s: FieldSet) => ensureNamedFieldsAreMembers(s, type);
  const fieldsOf = (v: unknown) => ensure(toFieldSet(v, type, true));
  const last = ensure(lastSet.set);

  const stripped = removeItems(merged, last, type);
  let owned = new FieldSet();
  for (const vs of managers.values()) owned = owned.union(vs.set);
  const mergedSet = fieldsOf(merged);
  const addedBack = removeItems(merged, mergedSet.difference(fieldsOf(stripped).union(ensure(owned))), type);
  return removeItems(merged, mergedSet.difference(fieldsOf(addedBack)).intersection(last), type);
}
