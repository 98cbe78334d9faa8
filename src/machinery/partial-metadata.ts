// kube-apiserver's metadata-only representation of an object (meta.k8s.io PartialObjectMetadata): what
// metadata clients and metadata-only watches receive instead of the whole object.

import type { KubeObject } from './object.js';

export const PARTIAL_METADATA_KIND = 'PartialObjectMetadata';

/** The object's metadata under kind PartialObjectMetadata (shared, not copied). */
export function partialObjectMetadata(object: KubeObject, apiVersion = 'meta.k8s.io/v1'): KubeObject {
  return { apiVersion, kind: PARTIAL_METADATA_KIND, metadata: object.metadata };
}
