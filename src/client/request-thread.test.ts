import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createCertificateAuthority, issueCertificate } from '../security/pki.js';
import { CONNECTION_FAILED, TIMEOUT } from './errors.js';
import { HttpTransport } from './http-transport.js';
import { RequestThread } from './request-thread.js';
import { ClientError } from './types.js';

/** An HTTPS server that echoes method, path, body and Authorization; /slow never answers. */
async function echoServer(): Promise<{ server: Server; url: string; ca: string }> {
  const ca = await createCertificateAuthority('test-ca', 1);
  const serving = await issueCertificate(ca, { commonName: '127.0.0.1', hosts: ['127.0.0.1'], usage: 'server', validDays: 1 });
  const server = createHttpsServer({ cert: serving.certPem, key: serving.keyPem }, (req, res) => {
    if (req.url === '/slow') return;
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const text = JSON.stringify({ method: req.method, path: req.url, body, authorization: req.headers.authorization, contentType: req.headers['content-type'] });
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'Content-Type': 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, ca: ca.certPem };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('requests sent from the request thread', () => {
  let echo: Awaited<ReturnType<typeof echoServer>>;
  const thread = new RequestThread();
  const transport = (server: string, timeoutMs = 10_000): HttpTransport => new HttpTransport({ server, ca: echo.ca, token: 'secret-token' }, { timeoutMs, requestThread: thread });

  before(async () => {
    echo = await echoServer();
  });
  after(async () => {
    thread.close();
    echo.server.closeAllConnections();
    await new Promise<void>((resolve) => echo.server.close(() => resolve()));
  });

  test('answers come back to the request that asked, over TLS with the CA and token the transport was given', async () => {
    const t = transport(echo.url);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => t.request(i % 2 ? 'PUT' : 'GET', `/items/${i}`, i % 2 ? { text: `{"n":${i}}`, contentType: 'application/json' } : undefined)),
    );
    answers.forEach((answer, i) => {
      assert.equal(answer.status, 200);
      assert.deepEqual(JSON.parse(answer.text), {
        method: i % 2 ? 'PUT' : 'GET',
        path: `/items/${i}`,
        body: i % 2 ? `{"n":${i}}` : '',
        authorization: 'Bearer secret-token',
        ...(i % 2 ? { contentType: 'application/json' } : {}),
      });
    });
    assert.equal((await t.request('GET', '/missing')).status, 404);
    t.close();
  });

  test('a refused connection and a missing answer fail as the client errors a caller handles', async () => {
    const refused = `https://127.0.0.1:${await closedPort()}`;
    const error = await transport(refused).request('GET', '/x').catch((e: unknown) => e);
    assert.ok(error instanceof ClientError);
    assert.equal(error.reason, CONNECTION_FAILED);
    assert.match(error.message, new RegExp(`GET ${refused}/x: ECONNREFUSED`));

    const timedOut = await transport(echo.url, 300).request('GET', '/slow').catch((e: unknown) => e);
    assert.ok(timedOut instanceof ClientError);
    assert.equal(timedOut.reason, TIMEOUT);
    assert.match(timedOut.message, /no response within 300 ms/);
  });

  test('a request in flight when the thread stops fails; the next request starts it again, on the same transport', async () => {
    const t = transport(echo.url);
    const inFlight = t.request('GET', '/slow').catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    thread.close();
    const error = await inFlight;
    assert.ok(error instanceof ClientError);
    assert.equal(error.reason, CONNECTION_FAILED);
    // The same transport goes on: its pool is opened again on the new thread.
    const again = await t.request('GET', '/after');
    assert.equal(JSON.parse(again.text).path, '/after');
  });

  test('an idle thread does not keep a process alive', async () => {
    const script = `
      import { RequestThread } from ${JSON.stringify(new URL('./request-thread.js', import.meta.url).href)};
      import { HttpTransport } from ${JSON.stringify(new URL('./http-transport.js', import.meta.url).href)};
      const t = new HttpTransport({ server: ${JSON.stringify(echo.url)}, ca: ${JSON.stringify(echo.ca)} }, { requestThread: new RequestThread() });
      console.log((await t.request('GET', '/child')).status);`;
    // A file, not -e: a worker inherits the parent's flags, and --input-type is refused outside -e.
    const dir = await mkdtemp(join(tmpdir(), 'request-thread-'));
    const file = join(dir, 'child.mjs');
    await writeFile(file, script);
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exit = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve(null);
      }, 20_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    await rm(dir, { recursive: true, force: true });
    assert.equal(exit, 0, 'the process exits by itself once its request is answered');
    assert.equal(out.trim(), '200');
  });
});
