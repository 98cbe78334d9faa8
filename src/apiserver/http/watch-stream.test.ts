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

/** Reads a chunked HTTP/1.1 body strictly: every size line must match its data, and the body must end with the last chunk. */
function parseChunked(raw: Buffer): string[] {
  const headerEnd = raw.indexOf('\r\n\r\n');
  assert.match(raw.subarray(0, headerEnd).toString('latin1'), /\r\ntransfer-encoding: chunked/i);
  const chunks: string[] = [];
  let at = headerEnd + 4;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    const size = Number.parseInt(raw.subarray(at, lineEnd).toString('latin1'), 16);
    assert.ok(Number.isInteger(size), `bad chunk size line at byte ${at}`);
    const data = raw.subarray(lineEnd + 2, lineEnd + 2 + size);
    assert.equal(raw.subarray(lineEnd + 2 + size, lineEnd + 4 + size).toString('latin1'), '\r\n', 'chunk data ends with CRLF');
    at = lineEnd + 4 + size;
    if (size === 0) break;
    chunks.push(data.toString('utf8'));
  }
  assert.equal(at, raw.length, 'nothing after the last chunk');
  return chunks;
}

test('over a real connection every event is one well-formed chunk (sizes in bytes, not characters), and the body ends with the last chunk', async () => {
  const { createServer } = await import('node:http');
  const { connect } = await import('node:net');
  const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ü', namespace: 'ns', resourceVersion: '9' }, data: { k: 'grüße ✓' } };
  const rendered = { object, body: JSON.stringify(object) };
  const server = createServer((_req, res) => {
    const { sink } = openWatchStream(res, { served, allowBookmarks: false, sendInitialEventsBookmark: false, timeoutMs: 100, bookmarkIntervalMs: 60_000, maxBufferedBytes: 1 << 20, currentRevision: () => 9, onClose() {} });
    sink.event('ADDED', rendered, 9);
    setTimeout(() => sink.event('MODIFIED', rendered, 9), 20);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as { port: number };
    const raw = await new Promise<Buffer>((resolve, reject) => {
      const parts: Buffer[] = [];
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /watch HTTP/1.1\r\nHost: test\r\n\r\n'));
      socket.on('data', (d: Buffer) => {
        parts.push(d);
        if (Buffer.concat(parts).includes('\r\n0\r\n\r\n')) {
          socket.end();
          resolve(Buffer.concat(parts));
        }
      });
      socket.on('error', reject);
    });
    const chunks = parseChunked(raw);
    assert.deepEqual(chunks.map((c) => JSON.parse(c) as unknown), [{ type: 'ADDED', object }, { type: 'MODIFIED', object }]);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
