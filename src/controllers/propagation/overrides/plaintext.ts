// plaintext: one RFC 6902 operation per entry, applied as written.

import type { KubeObject } from '../../../machinery/object.js';
import type { PatchOp, PlaintextOverrider } from './types.js';

export function plaintextPatches(_object: KubeObject, rule: PlaintextOverrider): PatchOp[] {
  const op: PatchOp = { op: rule.operator, path: rule.path };
  if (rule.operator !== 'remove' && rule.value !== undefined) op.value = rule.value;
  return [op];
}
