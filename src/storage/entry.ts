// Builds stored versions. Each version is serialized exactly once; its bytes are reused by every reader.

import type { KubeObject } from '../machinery/object.js';
import type { StoreEntry } from './store.js';

/**
 * A new version of a caller's object at a revision. The stored object is parsed back from the bytes, so
 * it shares nothing with the caller and matches value exactly — unless the caller handed the object over
 * (StoreWriteOptions.handOver): then it is kept, given its resourceVersion, sparing a copy and a parse per
 * write, and may share unchanged parts with earlier versions. Otherwise the caller's object is not touched.
 */
export function newVersion(key: string, object: KubeObject, revision: number, createRevision: number, handedOver = false): StoreEntry {
  if (handedOver) {
    // The object is the store's now: stamped where it is rather than copied.
    object.metadata.resourceVersion = String(revision);
    return { key, value: JSON.stringify(object), object, revision, createRevision };
  }
  const value = JSON.stringify(withResourceVersion(object, revision));
  return { key, value, object: JSON.parse(value) as KubeObject, revision, createRevision };
}

/** The last version re-stamped with the delete's revision. Stored objects are immutable, so sharing is safe. */
export function deletedVersion(last: StoreEntry, revision: number): StoreEntry {
  const object = withResourceVersion(last.object, revision);
  return { key: last.key, value: JSON.stringify(object), object, revision, createRevision: last.createRevision };
}

/** A version read back from a backend: value already carries its resourceVersion. */
export function loadedVersion(key: string, value: string, revision: number, createRevision: number): StoreEntry {
  return { key, value, object: JSON.parse(value) as KubeObject, revision, createRevision };
}

function withResourceVersion(object: KubeObject, revision: number): KubeObject {
  // Object.assign, not a spread: a spread that adds a key its source lacks (a create's metadata has no
  // resourceVersion) is a slow path in V8.
  return { ...object, metadata: Object.assign({}, object.metadata, { resourceVersion: String(revision) }) };
}
