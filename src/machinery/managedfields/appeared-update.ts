// The ownership of an update whose only change is top-level fields the stored version lacks — above all
// an object's first status write, which every Work and every member copy gets. Compared with the stored
// version, every field below them appeared and nothing else changed, so their writer owns exactly those
// fields: what the general path finds by comparing the whole object, building field sets and encoding
// them again, here in one walk of what appeared. Anything that needs more (another field changed, a
// manager already owns something there, the writer has an entry of its own) is left to the general
// path; appeared-update.test.ts holds the two to the same managedFields.

import { isPlainObject, ownValue } from '../object.js';
import { appearedFieldsV1 } from './created.js';
import { capUpdateManagers, type OperationContext } from './field-manager.js';
import type { FieldSet } from './fieldset.js';
import { FieldsV1Error } from './fieldsv1.js';
import { TypedValueError } from './list-items.js';
import { cloneManaged, managerIdentifier, setOfEncoding, type Managed } from './managers.js';
import { fieldKey } from './path-element.js';

/** Top-level fields no manager owns (metadata is compared field by field instead). */
const NEVER_OWNED = new Set(['apiVersion', 'kind', 'metadata']);

/**
 * The managers after `manager` updated `live` into `next` (views without managedFields), when all the
 * update did was add top-level fields; undefined when the general path (runUpdate) must decide.
 */
export function appearedOnlyUpdate(live: unknown, next: unknown, managed: Managed, manager: string, ctx: OperationContext): Managed | undefined {
  if (!isPlainObject(live) || !isPlainObject(next) || ctx.type.kind !== 'map') return undefined;
  const root = ctx.type;
  const keys = addedTopLevelKeys(live, next);
  if (!keys) return undefined;
  const id = managerIdentifier({ manager: manager || 'unknown', operation: 'Update', apiVersion: ctx.apiVersion, subresource: ctx.subresource });
  if (managed.fields.has(id)) return undefined;
  const encoded = keys.map((k) => fieldKey(k));
  if (keys.some((k) => NEVER_OWNED.has(k)) || encoded.some((k) => touches(ctx.ignored, k))) return undefined;
  try {
    const out = cloneManaged(managed);
    for (const [other, vs] of managed.fields) {
      if (encoded.some((k) => touches(vs.set, k))) return undefined;
      // The general path keeps only managers that own something.
      if (vs.set.isEmpty()) out.fields.delete(other);
    }
    out.fields.set(id, { set: setOfEncoding(appearedFieldsV1(next, keys, root)), apiVersion: ctx.apiVersion, applied: false });
    out.times.set(id, ctx.now);
    return capUpdateManagers(out);
  } catch (err) {
    // An unreadable stored set or an unaddressable list item: the general path says what happens then.
    if (err instanceof FieldsV1Error || err instanceof TypedValueError) return undefined;
    throw err;
  }
}

/** Whether `set` has the top-level field serialized as `key`, or anything below it. */
function touches(set: FieldSet, key: string): boolean {
  return set.hasMemberKeyed(key) || !(set.childKeyed(key)?.isEmpty() ?? true);
}

/**
 * The top-level fields `next` has and `live` lacks, when everything else — every other top-level field and
 * every metadata field — is the very same value (versions share what a write left alone); else undefined.
 */
function addedTopLevelKeys(live: Record<string, unknown>, next: Record<string, unknown>): string[] | undefined {
  const liveMeta = live.metadata;
  const nextMeta = next.metadata;
  if (!isPlainObject(liveMeta) || !isPlainObject(nextMeta) || !sameValues(liveMeta, nextMeta)) return undefined;
  for (const k of Object.keys(live)) if (k !== 'metadata' && live[k] !== undefined && live[k] !== ownValue(next, k)) return undefined;
  const added: string[] = [];
  for (const k of Object.keys(next)) if (next[k] !== undefined && ownValue(live, k) === undefined) added.push(k);
  return added.length > 0 ? added : undefined;
}

/** Every field the very same value in both (absent and undefined alike). */
function sameValues(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const k of Object.keys(a)) if (a[k] !== ownValue(b, k)) return false;
  for (const k of Object.keys(b)) if (ownValue(a, k) === undefined && b[k] !== undefined) return false;
  return true;
}
