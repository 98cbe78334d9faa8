import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { selfSignedCert } from './certs.js';
import type { Endpoint } from './endpoint.js';
import { openWatchStream } from './watch-stream.js';

const EVENTS = ['{"type":"ADDED","object":{"metadata":{"name":"w-0"}}}', '{"type":"ADDED","object":{"metadata":{"name":"w-1"}}}', '{"type":"DELETED","object":{"metadata":{"name":"w-0"}}}'];

/** Answers a watch with a token check: three events written one at a time, then the end of the body. */
function watchServer(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers.authorization !== 'Bearer secret') {
    res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"kind":"Status","code":401}');
    return;
  }
  assert.equal(req.url, '/api/v1/configmaps?watch=1&resourceVersion=7');
  assert.equal(req.headers.accept, 'application/json');
  res.writeHead(200, { 'Content-Type': 'application/json' });
  let next = 0;
  const timer = setInterval(() => {
    if (next === EVENTS.length) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(`${EVENTS[next++]}\n`);
  }, 10);
}

async function listening(server: Server, scheme: string): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function transports(): Promise<{ name: string; server: Server; endpoint: Endpoint; cleanup: () => void }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'watch-stream-'));
  const cert = selfSignedCert(dir);
  const https = createHttpsServer({ cert: readFileSync(cert.certFile), key: readFileSync(cert.keyFile) }, watchServer);
  const http = createHttpServer(watchServer);
  return [
    { name: 'tls', server: https, endpoint: { url: await listening(https, 'https'), token: 'secret', ca: cert.ca }, cleanup: () => rmSync(dir, { recursive: true, force: true }) },
    { name: 'http', server: http, endpoint: { url: await listening(http, 'http'), token: 'secret' }, cleanup: () => undefined },
  ];
}

test('a watch stream hands over every event line with its arrival time, and ends with the body (TLS and HTTP)', async () => {
  for (const { name, server, endpoint, cleanup } of await transports()) {
    try {
      const seen: [string, number][] = [];
      const before = performance.timeOrigin + performance.now();
      const stream = openWatchStream(endpoint, '/api/v1/configmaps?watch=1&resourceVersion=7', (line, at) => seen.push([line, at]));
      assert.equal(await stream.status, 200, name);
      await stream.ended;
      assert.deepEqual(seen.map(([line]) => line), EVENTS, name);
      for (const [, at] of seen) assert.ok(at >= before - 1, `${name}: arrival ${at} before the stream opened ${before}`);

      const refused = openWatchStream({ ...endpoint, token: 'wrong' }, '/api/v1/configmaps?watch=1', () => assert.fail('no lines from a refused watch'));
      assert.equal(await refused.status, 401, name);
      await refused.ended;
    } finally {
      await new Promise((resolve) => server.close(resolve));
      cleanup();
    }
  }
});

test('a watch to a port nothing listens on reports status 0 and ends', async () => {
  const server = createHttpServer();
  const url = await listening(server, 'http');
  await new Promise((resolve) => server.close(resolve));
  const stream = openWatchStream({ url }, '/api/v1/configmaps?watch=1', () => undefined);
  assert.equal(await stream.status, 0);
  await stream.ended;
});
