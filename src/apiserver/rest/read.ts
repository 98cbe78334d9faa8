// GET and LIST: served from the store's memory, reusing each object's serialized bytes.

import { errors, type StatusCause } from '../../machinery/errors.js';
import { fieldErrors } from '../../machinery/validation/field-errors.js';
import { StoreError, type Store, type StoreEntry } from '../../storage/store.js';
import type { ServedResource } from '../registry/kind-registry.js';
import { renderEntry, type Rendered } from './convert.js';
import { objectKey, resourcePrefix } from './keys.js';
import { groupResource } from './names.js';
import type { Selection } from './selection.js';

export interface ListRequest {
  selection: Selection;
  limit?: number;
  continueToken?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface ListPage {
  items: Rendered[];
  revision: number;
  continueToken?: string;
  remainingItemCount?: number;
}

interface ContinueToken {
  v: 'meta.k8s.io/v1';
  rv: number;
  start: string;
}

export function getObject(store: Store, served: ServedResource, namespace: string | undefined, name: string): Rendered {
  const entry = store.get(objectKey(served.definition, namespace, name));
  if (!entry) throw errors.notFound(served.definition.plural, served.group, name);
  return renderEntry(entry, served);
}

export function getEntry(store: Store, served: ServedResource, namespace: string | undefined, name: string): StoreEntry {
  const entry = store.get(objectKey(served.definition, namespace, name));
  if (!entry) throw errors.notFound(served.definition.plural, served.group, name);
  return entry;
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<ContinueToken>;
    if (parsed.v === 'meta.k8s.io/v1' && typeof parsed.rv === 'number' && typeof parsed.start === 'string') return parsed as ContinueToken;
  } catch {
    // fall through
  }
  throw errors.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

function parseRevision(value: string, what: string): number {
  if (!/^\d+$/.test(value)) throw errors.badRequest(`invalid ${what}: ${JSON.stringify(value)}: must be a non-negative integer`);
  return Number(value);
}

/** kube-apiserver's ValidateListOptions for a list (watches are checked where they open): 422 on ListOptions. */
function checkListOptions(request: ListRequest): void {
  const match = request.resourceVersionMatch ?? '';
  if (!match) return;
  const causes: StatusCause[] = [];
  const rv = request.resourceVersion ?? '';
  if (!rv) causes.push(fieldErrors.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
  if (request.continueToken) causes.push(fieldErrors.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
  if (match !== 'Exact' && match !== 'NotOlderThan') causes.push(fieldErrors.notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
  if (match === 'Exact' && rv === '0') causes.push(fieldErrors.forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
  if (causes.length > 0) throw errors.invalid('ListOptions', 'meta.k8s.io', '', causes);
}

export function listObjects(store: Store, served: ServedResource, namespace: string | undefined, request: ListRequest): ListPage {
  checkListOptions(request);
  const { definition } = served;
  const { selection } = request;
  const effectiveNamespace = namespace ?? (definition.namespaced ? selection.exactNamespace : undefined);
  if (request.limit !== undefined && (!Number.isInteger(request.limit) || request.limit < 0)) throw errors.badRequest('limit must be a non-negative integer');

  let revision = 0;
  let startAfter: string | undefined;
  if (request.continueToken) {
    const token = decodeContinue(request.continueToken);
    revision = token.rv;
    startAfter = token.start;
  } else if (request.resourceVersion && request.resourceVersion !== '0' && request.resourceVersionMatch === 'Exact') {
    revision = parseRevision(request.resourceVersion, 'resourceVersion');
  } else if (request.resourceVersion && request.resourceVersion !== '0') {
    parseRevision(request.resourceVersion, 'resourceVersion');
  }

  // metadata.name=<x> in one namespace (or cluster-scoped): one key, no scan.
  if (selection.exactName !== undefined && (effectiveNamespace !== undefined || !definition.namespaced) && !startAfter && revision === 0) {
    const entry = store.get(objectKey(definition, effectiveNamespace, selection.exactName));
    const items = entry && (!selection.predicate || selection.predicate(entry.object)) ? [renderEntry(entry, served)] : [];
    return { items, revision: store.revision };
  }

  const prefix = resourcePrefix(definition, effectiveNamespace);
  const limit = request.limit && request.limit > 0 ? request.limit : undefined;
  const items: Rendered[] = [];
  let lastKey: string | undefined;
  let more = false;
  let remaining = 0;
  let listRevision = revision;
  try {
    if (!selection.predicate) {
      const page = store.list(prefix, { revision, startAfter, limit });
      for (const entry of page.items) items.push(renderEntry(entry, served));
      listRevision = page.revision;
      more = page.more;
      remaining = page.remaining;
      lastKey = page.items[page.items.length - 1]?.key;
    } else {
      // Filtered: scan in chunks until the page is full, remembering where the scan stopped.
      let cursor = startAfter;
      const chunk = limit ? Math.max(limit * 2, 100) : 0;
      for (;;) {
        const page = store.list(prefix, { revision: listRevision, startAfter: cursor, limit: chunk });
        listRevision = page.revision;
        let stoppedEarly = false;
        for (const entry of page.items) {
          cursor = entry.key;
          if (!selection.predicate(entry.object)) continue;
          items.push(renderEntry(entry, served));
          if (limit && items.length === limit) {
            stoppedEarly = true;
            break;
          }
        }
        if (stoppedEarly) {
          more = cursor !== page.items[page.items.length - 1]?.key || page.more;
          lastKey = cursor;
          break;
        }
        if (!page.more) break;
      }
    }
  } catch (error) {
    if (error instanceof StoreError && error.code === 'Compacted') {
      if (request.continueToken) {
        throw errors.expired('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
      }
      throw errors.expired(`too old resource version: ${revision} (${store.compactedRevision})`);
    }
    throw error;
  }
  const page: ListPage = { items, revision: listRevision };
  if (more && lastKey !== undefined) {
    page.continueToken = encodeContinue({ v: 'meta.k8s.io/v1', rv: listRevision, start: lastKey });
    if (!selection.predicate) page.remainingItemCount = remaining;
  }
  return page;
}

/**
 * A list's JSON as bytes, written item by item into one buffer: a large collection is never joined into a
 * string first (megabytes copied, then copied again when encoded for the socket).
 */
export function listBody(served: ServedResource, page: ListPage): Buffer {
  const metadata: Record<string, unknown> = { resourceVersion: String(page.revision) };
  if (page.continueToken) metadata.continue = page.continueToken;
  if (page.remainingItemCount !== undefined) metadata.remainingItemCount = page.remainingItemCount;
  const head = `{"kind":${JSON.stringify(served.definition.listKind)},"apiVersion":${JSON.stringify(served.apiVersion)},"metadata":${JSON.stringify(metadata)},"items":[`;
  const items = page.items;
  // Items, the commas between them, and the closing "]}".
  let length = Buffer.byteLength(head) + Math.max(0, items.length - 1) + 2;
  for (const item of items) length += Buffer.byteLength(item.body);
  const body = Buffer.allocUnsafe(length);
  let at = body.write(head, 0);
  for (let i = 0; i < items.length; i++) {
    if (i > 0) body[at++] = 0x2c;
    at += body.write(items[i]!.body, at);
  }
  body[at++] = 0x5d;
  body[at] = 0x7d;
  return body;
}

export { groupResource };
