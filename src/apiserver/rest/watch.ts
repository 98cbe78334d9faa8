// WATCH: optional initial ADDED events (resourceVersion unset or "0"), then changes after a revision,
// filtered by selectors with kube-apiserver's transitions (an object leaving the selection is DELETED,
// one entering it is ADDED).

import { ApiError, errors } from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/object.js';
import { StoreError, type Store, type StoreEvent, type Watcher } from '../../storage/store.js';
import type { ServedResource } from '../registry/kind-registry.js';
import { renderEntry, type Rendered } from './convert.js';
import { objectKey, resourcePrefix } from './keys.js';
import type { Selection } from './selection.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchSink {
  event(type: WatchEventType, rendered: Rendered, revision: number): void;
  /** Initial events are done (for sendInitialEvents bookmarks). */
  initialEventsEnd(revision: number): void;
  /** The store ended the watch (410 Expired: it lost history the watch needed); no event follows. */
  error?(error: ApiError): void;
}

export interface WatchRequest {
  selection: Selection;
  resourceVersion?: string;
  sendInitialEvents?: boolean;
}

const FUTURE_REVISION_WAIT_MS = 3000;

export function startWatch(store: Store, served: ServedResource, namespace: string | undefined, request: WatchRequest, sink: WatchSink): Watcher {
  const { definition } = served;
  const { selection } = request;
  const effectiveNamespace = namespace ?? (definition.namespaced ? selection.exactNamespace : undefined);
  const prefix = resourcePrefix(definition, effectiveNamespace);
  const exactKey = selection.exactName !== undefined && (effectiveNamespace !== undefined || !definition.namespaced) ? objectKey(definition, effectiveNamespace, selection.exactName) : undefined;
  const matches = (object: KubeObject, key: string): boolean => {
    if (exactKey !== undefined && key !== exactKey) return false;
    if (selection.exactName !== undefined && object.metadata.name !== selection.exactName) return false;
    return !selection.predicate || selection.predicate(object);
  };

  const rv = request.resourceVersion;
  const initial = request.sendInitialEvents ?? (rv === undefined || rv === '' || rv === '0');
  let fromRevision: number;
  if (initial) {
    const page = store.list(prefix);
    for (const entry of page.items) if (matches(entry.object, entry.key)) sink.event('ADDED', renderEntry(entry, served), entry.revision);
    fromRevision = page.revision;
    sink.initialEventsEnd(fromRevision);
  } else {
    if (!/^\d+$/.test(rv!)) throw errors.badRequest(`invalid resourceVersion: ${JSON.stringify(rv)}`);
    fromRevision = Number(rv);
  }

  // A resourceVersion this server has not reached yet is legitimate when several hubs share one etcd (the
  // client saw it through another hub): watch from where this one is and skip what the client already
  // has. kube-apiserver waits up to 3 s for its cache to catch up, then answers 504.
  let skipThrough = 0;
  let catchUpTimer: NodeJS.Timeout | undefined;
  if (fromRevision > store.revision) {
    skipThrough = fromRevision;
    const wanted = fromRevision;
    fromRevision = store.revision;
    catchUpTimer = setTimeout(() => {
      if (store.revision < wanted) sink.error?.(new ApiError(504, 'Timeout', `Too large resource version: ${wanted}, current: ${store.revision}`, { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 }));
    }, FUTURE_REVISION_WAIT_MS);
    catchUpTimer.unref();
  }

  const onEvent = (event: StoreEvent): void => {
    if (event.revision <= skipThrough) return;
    const now = matches(event.entry.object, event.key);
    if (event.type === 'ADDED') {
      if (now) sink.event('ADDED', renderEntry(event.entry, served), event.revision);
      return;
    }
    if (event.type === 'DELETED') {
      if (now || (event.prev && matches(event.prev.object, event.key))) sink.event('DELETED', renderEntry(event.entry, served), event.revision);
      return;
    }
    const before = event.prev ? matches(event.prev.object, event.key) : false;
    if (now && before) sink.event('MODIFIED', renderEntry(event.entry, served), event.revision);
    else if (now) sink.event('ADDED', renderEntry(event.entry, served), event.revision);
    else if (before) sink.event('DELETED', renderEntry(event.entry, served), event.revision);
  };
  try {
    const onError = (error: StoreError): void => sink.error?.(error.code === 'Compacted' ? errors.expired(error.message) : errors.internal(error.message));
    const watcher = store.watch(prefix, { fromRevision, onEvent, onError });
    return {
      stop: () => {
        clearTimeout(catchUpTimer);
        watcher.stop();
      },
    };
  } catch (error) {
    clearTimeout(catchUpTimer);
    if (error instanceof StoreError && error.code === 'Compacted') throw errors.expired(`too old resource version: ${fromRevision} (${store.compactedRevision + 1})`);
    throw error;
  }
}
