import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateSubject, coversHosts, createCertificateAuthority, issueCertificate, signedBy, validFor } from './pki.js';
import { ensureHubPki, servingHosts } from './hub-pki.js';

test('a CA issues serving certificates with SANs and client certificates naming user and groups', async () => {
  const ca = await createCertificateAuthority('test-ca', 10);
  const caCert = new X509Certificate(ca.certPem);
  assert.equal(caCert.ca, true);
  const serving = await issueCertificate(ca, { commonName: 'hub', hosts: ['localhost', '127.0.0.1', '::1', 'hub.example.com'], usage: 'server', validDays: 5 });
  const cert = new X509Certificate(serving.certPem);
  assert.ok(cert.checkIssued(caCert) && cert.verify(caCert.publicKey));
  assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.1']);
  assert.ok(coversHosts(serving.certPem, ['localhost', '127.0.0.1', '::1', 'hub.example.com']));
  assert.equal(coversHosts(serving.certPem, ['10.0.0.1']), false);
  assert.ok(signedBy(serving.certPem, ca.certPem));
  assert.equal(signedBy(serving.certPem, (await createCertificateAuthority('other', 1)).certPem), false);
  assert.ok(validFor(serving.certPem, 4) && !validFor(serving.certPem, 6));

  const client = await issueCertificate(ca, { commonName: 'alice', organizations: ['dev', 'ops'], usage: 'client', validDays: 1 });
  const clientCert = new X509Certificate(client.certPem);
  assert.deepEqual(clientCert.keyUsage, ['1.3.6.1.5.5.7.3.2']);
  assert.deepEqual(certificateSubject(clientCert.raw), { commonName: 'alice', organizations: ['dev', 'ops'] });
  assert.match(client.keyPem, /^-----BEGIN PRIVATE KEY-----\n/);
});

test('the hub PKI is created once, reused on restart, and the serving certificate renewed for a new address', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kurator-pki-'));
  try {
    const first = await ensureHubPki(dir, '127.0.0.1');
    assert.equal((await stat(first.paths.caKey)).mode & 0o777, 0o600);
    assert.equal((await stat(first.paths.adminKey)).mode & 0o777, 0o600);
    assert.deepEqual(certificateSubject(new X509Certificate(first.admin.certPem).raw), { commonName: 'kurator-admin', organizations: ['system:masters'] });
    const again = await ensureHubPki(dir, '127.0.0.1');
    assert.equal(again.ca.certPem, first.ca.certPem);
    assert.equal(again.serving.certPem, first.serving.certPem, 'the serving certificate is reused');
    assert.equal(again.admin.certPem, first.admin.certPem);
    const moved = await ensureHubPki(dir, '127.0.0.2');
    assert.equal(moved.ca.certPem, first.ca.certPem, 'the CA stays');
    assert.notEqual(moved.serving.certPem, first.serving.certPem, 'a new address needs a new serving certificate');
    assert.ok(coversHosts(moved.serving.certPem, servingHosts('127.0.0.2')));
    assert.equal(await readFile(moved.paths.servingCert, 'utf8'), moved.serving.certPem);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
