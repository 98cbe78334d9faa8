// Resource quantities in their canonical text, as kube-apiserver stores every resource.Quantity of a
// built-in kind (`cpu: 1` is stored as "1", `0.5` as "500m", "1.5Gi" as "1536Mi"). Custom resources keep
// what was written: they are stored as sent, like upstream's unstructured objects.

import { isPlainObject, setOwnProperty } from '../object.js';
import { canonicalQuantity } from '../quantity-canonical.js';
import { HAS_QUANTITY, infoOf, isQuantitySchema, treeFeatures } from './schema-info.js';
import type { JSONSchemaProps } from './types.js';

function canonical(value: unknown): unknown {
  if (typeof value !== 'string' && typeof value !== 'number') return value;
  // Text that is no quantity is left for validation to report.
  return canonicalQuantity(value) ?? value;
}

/** Rewrites the quantities the schema declares in `value`, in place. */
export function canonicalizeQuantities(value: unknown, schema: JSONSchemaProps | undefined): void {
  // Most schemas declare none (a ConfigMap): the walk ends at the root.
  if (!schema || !(treeFeatures(schema) & HAS_QUANTITY)) return;
  if (Array.isArray(value)) {
    const items = schema.items;
    if (!items) return;
    for (let i = 0; i < value.length; i++) {
      if (isQuantitySchema(items)) value[i] = canonical(value[i]);
      else canonicalizeQuantities(value[i], items);
    }
    return;
  }
  if (!isPlainObject(value)) return;
  const info = infoOf(schema);
  const additional = typeof info.additional === 'object' ? info.additional : undefined;
  for (const key in value) {
    const sub = info.properties?.get(key) ?? additional;
    if (!sub) continue;
    if (isQuantitySchema(sub)) setOwnProperty(value, key, canonical(value[key]));
    else canonicalizeQuantities(value[key], sub);
  }
}
