// labelsOverrider / annotationsOverrider on the object's own metadata: `add` sets each key (creating the map
// when needed), `replace` and `remove` act only on keys already present. Keys are visited in sorted order.

import type { KubeObject } from '../../../machinery/object.js';
import { isPlainObject } from '../../../machinery/object.js';
import { pointerOf } from './pointer.js';
import type { LabelAnnotationOverrider, PatchOp } from './types.js';

function patches(field: 'labels' | 'annotations', object: KubeObject, rule: LabelAnnotationOverrider): PatchOp[] {
  const current = object.metadata[field];
  const existing = isPlainObject(current) ? current : undefined;
  const ops: PatchOp[] = [];
  for (const key of Object.keys(rule.value ?? {}).sort()) {
    const value = rule.value![key];
    const path = pointerOf(['metadata', field, key]);
    if (rule.operator === 'add') {
      if (!existing && ops.length === 0) ops.push({ op: 'add', path: pointerOf(['metadata', field]), value: {} });
      ops.push({ op: 'add', path, value });
    } else if (existing && Object.prototype.hasOwnProperty.call(existing, key)) {
      ops.push(rule.operator === 'remove' ? { op: 'remove', path } : { op: 'replace', path, value });
    }
  }
  return ops;
}

export const labelsPatches = (object: KubeObject, rule: LabelAnnotationOverrider): PatchOp[] => patches('labels', object, rule);

export const annotationsPatches = (object: KubeObject, rule: LabelAnnotationOverrider): PatchOp[] => patches('annotations', object, rule);
