// kubectl's client-side-apply annotation as server-side apply treats it for the manager "kubectl":
// conflicts on fields the annotation still describes correctly are forgiven (so switching to
// --server-side does not conflict with the old kubectl-client-side-apply owner), and the annotation
// is kept in sync with what was applied so switching back works.

import { isPlainObject, type KubeObject } from '../object.js';
import { compareObjects } from './compare.js';
import type { FieldSet } from './fieldset.js';
import { TypedValueError } from './list-items.js';
import { goJson } from '../go-json.js';
import { toFieldSet } from './to-field-set.js';
import type { SchemaType } from './schema-type.js';
import { deepClone } from '../deep.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const LAST_APPLIED_MANAGER = 'kubectl';
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

function annotationsOf(obj: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(obj) || !isPlainObject(obj['metadata'])) return undefined;
  const a = obj['metadata']['annotations'];
  return isPlainObject(a) ? a : undefined;
}

export function hasLastApplied(obj: unknown): boolean {
  const v = annotationsOf(obj)?.[LAST_APPLIED_ANNOTATION];
  return typeof v === 'string' && v.length > 0;
}

/**
 * The fields the live object's last-applied annotation still matches; undefined when there is no
 * usable annotation (then no conflict is forgiven).
 */
export function fieldsStillAsLastApplied(liveObj: unknown, apiVersion: string, type: SchemaType): FieldSet | undefined {
  const raw = annotationsOf(liveObj)?.[LAST_APPLIED_ANNOTATION];
  if (typeof raw !== 'string' || raw === '') return undefined;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isPlainObject(lastApplied) || lastApplied['apiVersion'] !== apiVersion) return undefined;
  try {
    const set = toFieldSet(lastApplied, type, false);
    const c = compareObjects(lastApplied, liveObj, type);
    return set.difference(c.modified).difference(c.added).difference(c.removed);
  } catch (err) {
    if (err instanceof TypedValueError) return undefined;
    throw err;
  }
}

/** Rewrites the annotation on `result` (in place) to describe `applied`, as kubectl would have. */
export function syncLastApplied(result: KubeObject, applied: KubeObject): void {
  const copy = deepClone(applied);
  const annotations = isPlainObject(copy.metadata?.annotations) ? { ...copy.metadata.annotations } : undefined;
  if (annotations) {
    delete annotations[LAST_APPLIED_ANNOTATION];
    copy.metadata.annotations = annotations;
  }
  const value = `${goJson(copy)}\n`;
  const current = { ...(result.metadata.annotations ?? {}) };
  current[LAST_APPLIED_ANNOTATION] = value;
  let total = 0;
  for (const [k, v] of Object.entries(current)) total += Buffer.byteLength(k) + Buffer.byteLength(v);
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) delete current[LAST_APPLIED_ANNOTATION];
  result.metadata.annotations = current;
}
