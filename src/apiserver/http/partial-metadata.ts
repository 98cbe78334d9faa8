// kube-apiserver's metadata-only representation: `Accept: application/json;as=PartialObjectMetadata[List];
// g=meta.k8s.io;v=v1` answers GET, LIST and WATCH with each object's metadata only (client-go's metadata
// client, controller-runtime metadata watches, kube-rs watch_metadata).

import { errors } from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/object.js';
import { PARTIAL_METADATA_KIND as PARTIAL_KIND, partialObjectMetadata } from '../../machinery/partial-metadata.js';

export type Shape = 'object' | 'list';

const PARTIAL_LIST_KIND = 'PartialObjectMetadataList';

export interface MetadataRepresentation {
  apiVersion: 'meta.k8s.io/v1' | 'meta.k8s.io/v1beta1';
}

const NOT_ACCEPTABLE: Record<Shape, string> = {
  object: 'you requested PartialObjectMetadataList, but the requested object is not a list',
  list: 'you requested PartialObjectMetadata, but the requested object is a list',
};

/**
 * What the Accept header asks for: undefined for the normal (or Table) representation, the
 * meta.k8s.io version for metadata only. Media types are taken in order and the first one this
 * server can produce wins (we only speak JSON, so client-go's leading protobuf choice is skipped).
 * Throws 406 when the only metadata choices have the wrong shape and nothing plain follows.
 */
export function metadataRepresentation(accept: string | undefined, shape: Shape): MetadataRepresentation | undefined {
  // Hot path: almost every request has no such Accept value; decide without parsing.
  if (accept === undefined || !accept.includes(PARTIAL_KIND)) return undefined;
  let wrongShape = false;
  for (const part of accept.split(',')) {
    const [type = '', ...rest] = part.split(';');
    const mediaType = type.trim().toLowerCase();
    const params = new Map<string, string>();
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq > 0) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
    }
    const as = params.get('as');
    if (as === undefined) {
      if (mediaType === 'application/json' || mediaType === '*/*' || mediaType === 'application/*') return undefined;
      continue;
    }
    if (mediaType !== 'application/json' || params.get('g') !== 'meta.k8s.io') continue;
    // A Table listed first wins; the Table check (wantsTable) runs after this one.
    if (as === 'Table') return undefined;
    const version = params.get('v');
    if (version !== 'v1' && version !== 'v1beta1') continue;
    if (as === (shape === 'list' ? PARTIAL_LIST_KIND : PARTIAL_KIND)) return { apiVersion: `meta.k8s.io/${version}` };
    if (as === PARTIAL_KIND || as === PARTIAL_LIST_KIND) wrongShape = true;
  }
  if (wrongShape) throw errors.notAcceptable(NOT_ACCEPTABLE[shape]);
  return undefined;
}

/** One object as PartialObjectMetadata: its metadata, never spec, status or data. */
export function partialObjectJson(object: KubeObject, rep: MetadataRepresentation): string {
  return JSON.stringify(partialObjectMetadata(object, rep.apiVersion));
}

/** A list as PartialObjectMetadataList; `metadata` is the normal list's (resourceVersion, continue, remainingItemCount). */
export function partialListBody(objects: KubeObject[], metadata: Record<string, unknown>, rep: MetadataRepresentation): string {
  const items = objects.map((o) => partialObjectJson(o, rep)).join(',');
  return `{"kind":"${PARTIAL_LIST_KIND}","apiVersion":"${rep.apiVersion}","metadata":${JSON.stringify(metadata)},"items":[${items}]}`;
}
