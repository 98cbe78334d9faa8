import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createCertificateAuthority, issueCertificate, type KeyPairPem } from '../../../security/pki.js';
import { AuthenticationError } from '../types.js';
import { clientCertificateAuthenticator } from './client-certificate.js';

let ca: KeyPairPem;
let server: Server;
let port: number;

before(async () => {
  ca = await createCertificateAuthority('test-ca', 1);
  const serving = await issueCertificate(ca, { commonName: '127.0.0.1', usage: 'server', validDays: 1, hosts: ['127.0.0.1'] });
  const authenticator = clientCertificateAuthenticator();
  // Each answer: the user as JSON, "none", or "refused: <message>".
  server = createServer({ cert: serving.certPem, key: serving.keyPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    try {
      const user = authenticator.authenticate(req);
      res.end(user ? JSON.stringify(user) : 'none');
    } catch (error) {
      res.end(error instanceof AuthenticationError ? `refused: ${error.message}` : `error: ${String(error)}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(agent: Agent | false, cert?: KeyPairPem): Promise<{ text: string; socket: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent, ca: ca.certPem, ...(cert ? { cert: cert.certPem, key: cert.keyPem } : {}) }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ text, socket: res.socket }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('CN names the user and every O is a group, one or many or none', async () => {
  const cases: [string[], string[]][] = [[['dev', 'qa'], ['dev', 'qa']], [['system:masters'], ['system:masters']], [[], []]];
  for (const [organizations, groups] of cases) {
    const cert = await issueCertificate(ca, { commonName: 'alice', organizations, usage: 'client', validDays: 1 });
    assert.deepEqual(JSON.parse((await get(false, cert)).text), { name: 'alice', groups }, organizations.join(','));
  }
});

test('no certificate is no user; a certificate from another CA or not for client use is refused', async () => {
  assert.equal((await get(false)).text, 'none');
  const stranger = await issueCertificate(await createCertificateAuthority('other-ca', 1), { commonName: 'alice', usage: 'client', validDays: 1 });
  assert.match((await get(false, stranger)).text, /^refused: verifying certificate: /);
  const serverOnly = await issueCertificate(ca, { commonName: 'alice', usage: 'server', validDays: 1, hosts: ['localhost'] });
  assert.match((await get(false, serverOnly)).text, /^refused: verifying certificate: /);
});

test('every request on a kept-alive connection is the connection\'s user', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: ca.certPem });
  try {
    const cert = await issueCertificate(ca, { commonName: 'bob', organizations: ['ops'], usage: 'client', validDays: 1 });
    const first = await get(agent, cert);
    const second = await get(agent, cert);
    assert.equal(second.socket, first.socket, 'the same connection');
    assert.deepEqual([JSON.parse(first.text), JSON.parse(second.text)], [{ name: 'bob', groups: ['ops'] }, { name: 'bob', groups: ['ops'] }]);
  } finally {
    agent.destroy();
  }
});
