// Telling a status-only update from one that changed what an object asks for. Controllers that act on
// spec and metadata skip the far more frequent status writes with it.

import { deepEqual } from '../../machinery/deep.js';
import type { KubeObject } from '../../machinery/object.js';

/** Metadata every write changes, or that only the server sets. */
const BOOKKEEPING = new Set(['resourceVersion', 'managedFields', 'generation']);

/** Whether an update changed anything but status and bookkeeping metadata. */
export function changedBeyondStatus(old: KubeObject, next: KubeObject): boolean {
  for (const key of new Set([...Object.keys(old), ...Object.keys(next)])) {
    if (key === 'status' || key === 'metadata') continue;
    if (!deepEqual((old as Record<string, unknown>)[key], (next as Record<string, unknown>)[key])) return true;
  }
  const a = old.metadata as Record<string, unknown>;
  const b = next.metadata as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!BOOKKEEPING.has(key) && !deepEqual(a[key], b[key])) return true;
  }
  return false;
}
