import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createHttpClient } from './http.js';
import { loadKubeconfig } from './kubeconfig.js';
import { resources } from './resources.js';
import { ClientError } from './types.js';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

function kubeconfig(clusters: object[], users: object[], contexts: object[], current?: string): string {
  return stringify({ apiVersion: 'v1', kind: 'Config', clusters, users, contexts, ...(current ? { 'current-context': current } : {}) });
}

describe('loadKubeconfig', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kurator-kubeconfig-'));
    writeFileSync(join(dir, 'ca.crt'), 'CA FROM FILE');
    writeFileSync(join(dir, 'token'), 'file-token\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const text = kubeconfig(
    [
      { name: 'member1', cluster: { server: 'http://127.0.0.1:8080/clusters/member1/', 'insecure-skip-tls-verify': true } },
      { name: 'prod', cluster: { server: 'https://10.0.0.1:6443', 'certificate-authority-data': b64('CA DATA'), 'tls-server-name': 'api.prod' } },
      { name: 'files', cluster: { server: 'https://10.0.0.2:6443', 'certificate-authority': 'ca.crt' } },
    ],
    [
      { name: 'tok', user: { token: 'abc' } },
      { name: 'certs', user: { 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY') } },
      { name: 'tokfile', user: { tokenFile: 'token' } },
      { name: 'basic', user: { username: 'u', password: 'p' } },
      { name: 'plugin', user: { exec: { command: 'aws' } } },
      { name: 'half', user: { 'client-certificate-data': b64('CERT') } },
    ],
    [
      { name: 'm1', context: { cluster: 'member1', user: 'tok', namespace: 'apps' } },
      { name: 'prod', context: { cluster: 'prod', user: 'certs' } },
      { name: 'files', context: { cluster: 'files', user: 'tokfile' } },
      { name: 'basic', context: { cluster: 'member1', user: 'basic' } },
      { name: 'plugin', context: { cluster: 'prod', user: 'plugin' } },
      { name: 'half', context: { cluster: 'prod', user: 'half' } },
      { name: 'dangling', context: { cluster: 'missing', user: 'tok' } },
    ],
    'm1',
  );

  const cases: { name: string; context?: string; want: object }[] = [
    { name: 'current context, path prefix kept, trailing slash dropped', want: { server: 'http://127.0.0.1:8080/clusters/member1', insecureSkipTlsVerify: true, token: 'abc', namespace: 'apps' } },
    { name: 'inline base64 CA and client certificate', context: 'prod', want: { server: 'https://10.0.0.1:6443', ca: 'CA DATA', tlsServerName: 'api.prod', cert: 'CERT', key: 'KEY' } },
    { name: 'files relative to baseDir; tokenFile kept as a path', context: 'files', want: { server: 'https://10.0.0.2:6443', ca: 'CA FROM FILE', tokenFile: '<dir>/token' } },
    { name: 'basic auth', context: 'basic', want: { server: 'http://127.0.0.1:8080/clusters/member1', insecureSkipTlsVerify: true, username: 'u', password: 'p' } },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const want = JSON.parse(JSON.stringify(c.want).replace('<dir>', dir)) as object;
      assert.deepEqual(loadKubeconfig(text, c.context, { baseDir: dir }), want);
    });
  }

  const failures: { context: string; message: RegExp }[] = [
    { context: 'nope', message: /context "nope" not found/ },
    { context: 'dangling', message: /cluster "missing" of context "dangling" not found/ },
    { context: 'plugin', message: /credential plugin/ },
    { context: 'half', message: /both a client certificate and a client key/ },
  ];
  for (const f of failures) {
    test(`rejects: ${f.context}`, () => assert.throws(() => loadKubeconfig(text, f.context, { baseDir: dir }), f.message));
  }
  test('rejects a server URL that is not http(s), without echoing it', () => {
    const bad = kubeconfig([{ name: 'c', cluster: { server: 'ftp://user:secret@host' } }], [], [{ name: 'c', context: { cluster: 'c' } }], 'c');
    assert.throws(() => loadKubeconfig(bad), (e: Error) => /invalid server URL/.test(e.message) && !e.message.includes('secret'));
  });
});

describe('HTTPS with client certificates and tokens', () => {
  let dir: string;
  let server: Server;
  let url: string;
  const seen: { cn?: string; auth?: string }[] = [];

  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kurator-tls-'));
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=test-ca');
    writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
    openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
    openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'san.ext');
    openssl('req', ...ec, '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=admin');
    openssl('x509', '-req', '-in', 'client.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.crt', '-days', '1');
    const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
    server = createServer({ key: read('server.key'), cert: read('server.crt'), ca: read('ca.crt'), requestCert: true, rejectUnauthorized: false }, (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      seen.push({ cn: (req.socket as TLSSocket).authorized ? String(peer.subject?.CN) : undefined, auth: req.headers.authorization });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const config = (cluster: object, user: object): string => kubeconfig([{ name: 'c', cluster: { server: url, ...cluster } }], [{ name: 'u', user }], [{ name: 'c', context: { cluster: 'c', user: 'u' } }], 'c');

  test('verifies the server with the CA and presents the client certificate', async () => {
    const text = config({ 'certificate-authority': 'ca.crt' }, { 'client-certificate': 'client.crt', 'client-key': 'client.key' });
    const client = createHttpClient(loadKubeconfig(text, undefined, { baseDir: dir }));
    const got = await client.get(resources.configmaps, 'default', 'x');
    assert.equal(got?.metadata.name, 'x');
    assert.equal(seen.at(-1)?.cn, 'admin');
    client.close();
  });

  test('refuses an unverifiable server unless told to skip verification', async () => {
    const strict = createHttpClient(loadKubeconfig(config({}, { token: 'tls-token' })));
    await assert.rejects(strict.get(resources.configmaps, 'default', 'x'), (e: unknown) => e instanceof ClientError && e.code === 0 && !e.message.includes('tls-token'));
    strict.close();
    const loose = createHttpClient(loadKubeconfig(config({ 'insecure-skip-tls-verify': true }, { token: 'tls-token' })));
    assert.equal((await loose.get(resources.configmaps, 'default', 'x'))?.metadata.name, 'x');
    assert.equal(seen.at(-1)?.auth, 'Bearer tls-token');
    loose.close();
  });

  test('reads the bearer token from tokenFile', async () => {
    writeFileSync(join(dir, 'token'), 'rotating-token\n');
    const client = createHttpClient(loadKubeconfig(config({ 'certificate-authority-data': b64(readFileSync(join(dir, 'ca.crt'), 'utf8')) }, { tokenFile: 'token' }), undefined, { baseDir: dir }));
    await client.get(resources.configmaps, 'default', 'x');
    assert.equal(seen.at(-1)?.auth, 'Bearer rotating-token');
    client.close();
  });
});
