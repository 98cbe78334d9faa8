// replicasOverrider (seed extension, `overriders.replicasOverrider: {value: N}`): sets spec.replicas of the
// object sent to the target cluster to N, whatever replica count the scheduler divided to that cluster.
// Overrides run after the per-cluster replica revision, so this is the final count. The object must have a
// spec; N must be a non-negative integer.

import type { KubeObject } from '../../../machinery/object.js';
import { isPlainObject } from '../../../machinery/object.js';
import { OverrideError, type PatchOp, type ReplicasOverrider } from './types.js';

export function replicasPatches(object: KubeObject, rule: ReplicasOverrider): PatchOp[] {
  const value = rule.value;
  if (!Number.isInteger(value) || value < 0) throw new OverrideError(`replicasOverrider value must be a non-negative integer, got ${JSON.stringify(value)}`);
  if (!isPlainObject(object.spec)) throw new OverrideError(`replicasOverrider: ${object.kind ?? 'object'} has no spec to set replicas in`);
  const op = Object.prototype.hasOwnProperty.call(object.spec, 'replicas') ? 'replace' : 'add';
  return [{ op, path: '/spec/replicas', value }];
}
