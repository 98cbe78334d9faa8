// Telling a status-only update from one that changed what an object asks for. Controllers that act on
// spec and metadata skip the far more frequent status writes with it.

import { equalExcept } from '../../machinery/deep.js';
import type { KubeObject } from '../../machinery/object.js';

const STATUS_AND_METADATA = new Set(['status', 'metadata']);
/** Metadata every write changes, or that only the server sets. */
const BOOKKEEPING = new Set(['resourceVersion', 'managedFields', 'generation']);

/** Whether an update changed anything but status and bookkeeping metadata. */
export function changedBeyondStatus(old: KubeObject, next: KubeObject): boolean {
  return !equalExcept(old, next, STATUS_AND_METADATA) || !equalExcept(old.metadata, next.metadata, BOOKKEEPING);
}
