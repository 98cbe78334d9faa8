// Objects are stored in their kind's storage version; with conversion "None" (the only strategy we
// serve) a read in another version only rewrites apiVersion.

import type { KubeObject } from '../../machinery/object.js';
import type { StoreEntry } from '../../storage/store.js';
import type { ServedResource } from '../registry/kind-registry.js';

export interface Rendered {
  object: KubeObject;
  body: string;
}

export function renderEntry(entry: StoreEntry, served: ServedResource): Rendered {
  if (entry.object.apiVersion === served.apiVersion) return { object: entry.object, body: entry.value };
  const object = { ...entry.object, apiVersion: served.apiVersion };
  return { object, body: JSON.stringify(object) };
}

export function renderObject(object: KubeObject, served: ServedResource): Rendered {
  const converted = object.apiVersion === served.apiVersion ? object : { ...object, apiVersion: served.apiVersion };
  return { object: converted, body: JSON.stringify(converted) };
}

/** The apiVersion objects of this resource are stored under. */
export function storageApiVersion(served: ServedResource): string {
  return served.group ? `${served.group}/${served.storageVersion}` : served.storageVersion;
}
