// The changes between two listings of the same prefix, as watch events: what a watcher that missed the
// history in between needs to reach the later state. Additions and modifications carry the revision of
// the version they bring; deletions, whose revision is unknown, the later listing's revision. Events come
// in revision order (deletions last).

import { deletedVersion } from './entry.js';
import type { StoreEntry, StoreEvent } from './store.js';

/** before and after: key-sorted listings; atRevision: the revision of after. */
export function stateDiff(before: readonly StoreEntry[], after: readonly StoreEntry[], atRevision: number): StoreEvent[] {
  const changes: StoreEvent[] = [];
  const deletions: StoreEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const old = before[i];
    const now = after[j];
    if (old && (!now || old.key < now.key)) {
      deletions.push({ type: 'DELETED', key: old.key, revision: atRevision, entry: deletedVersion(old, atRevision), prev: old });
      i++;
    } else if (now && (!old || now.key < old.key)) {
      changes.push({ type: 'ADDED', key: now.key, revision: now.revision, entry: now });
      j++;
    } else {
      // A key deleted and created again in between is a modification from the watcher's point of view.
      if (old!.revision !== now!.revision) changes.push({ type: 'MODIFIED', key: now!.key, revision: now!.revision, entry: now!, prev: old! });
      i++;
      j++;
    }
  }
  changes.sort((x, y) => x.revision - y.revision);
  return [...changes, ...deletions];
}
