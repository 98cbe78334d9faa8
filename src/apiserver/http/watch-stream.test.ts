import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { test } from 'node:test';
import type { ServedResource } from '../registry/kind-registry.js';
import { openWatchStream, type WatchStreamOptions } from './watch-stream.js';

const served = { group: '', apiVersion: 'v1', definition: { kind: 'ConfigMap', plural: 'configmaps' } } as unknown as ServedResource;

/** A watch stream on a response that keeps what is written to it. */
function stream(extra: Partial<WatchStreamOptions> = {}): { sink: ReturnType<typeof openWatchStream>['sink']; lines: () => unknown[] } {
  const chunks: string[] = [];
  const res = { writeHead() {}, flushHeaders() {}, write: (c: string) => chunks.push(c), writableLength: 0, on() {}, end() {}, destroy() {} };
  const options: WatchStreamOptions = { served, allowBookmarks: false, sendInitialEventsBookmark: false, timeoutMs: 60_000, bookmarkIntervalMs: 60_000, maxBufferedBytes: 1 << 20, currentRevision: () => 1, onClose() {}, ...extra };
  const { sink } = openWatchStream(res as unknown as ServerResponse, options);
  return { sink, lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown) };
}

test('watchers of one event each get their own event type, whatever the others were sent', async () => {
  const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns', resourceVersion: '7' }, data: { k: 'v' } };
  const rendered = { object, body: JSON.stringify(object) };
  const [all, leaving, entering] = [stream(), stream(), stream()];
  // One store event seen three ways: still selected, no longer selected, newly selected.
  all.sink.event('MODIFIED', rendered, 7);
  leaving.sink.event('DELETED', rendered, 7);
  entering.sink.event('ADDED', rendered, 7);
  all.sink.event('MODIFIED', rendered, 7);
  await nextTurn();
  assert.deepEqual(all.lines(), [{ type: 'MODIFIED', object }, { type: 'MODIFIED', object }]);
  assert.deepEqual(leaving.lines(), [{ type: 'DELETED', object }]);
  assert.deepEqual(entering.lines(), [{ type: 'ADDED', object }]);
});

test('a metadata-only watcher gets PartialObjectMetadata for the event a plain watcher gets whole', async () => {
  const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'ns', resourceVersion: '8' }, data: { k: 'v' } };
  const rendered = { object, body: JSON.stringify(object) };
  const plain = stream();
  const metadata = stream({ metadataOnly: { apiVersion: 'meta.k8s.io/v1' } });
  plain.sink.event('ADDED', rendered, 8);
  metadata.sink.event('ADDED', rendered, 8);
  plain.sink.event('ADDED', rendered, 8);
  await nextTurn();
  assert.deepEqual(plain.lines(), [{ type: 'ADDED', object }, { type: 'ADDED', object }]);
  const [event] = metadata.lines() as { type: string; object: { kind: string; metadata: { name: string }; data?: unknown } }[];
  assert.equal(event?.type, 'ADDED');
  assert.equal(event?.object.kind, 'PartialObjectMetadata');
  assert.equal(event?.object.metadata.name, 'b');
  assert.equal(event?.object.data, undefined);
});
