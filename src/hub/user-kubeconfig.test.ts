import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeconfig } from '../client/kubeconfig.js';
import { hubPkiPaths } from '../security/hub-pki.js';
import { createCertificateAuthority, signedBy, type KeyPairPem } from '../security/pki.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { createUserKubeconfig } from './user-kubeconfig.js';

let root: string;
let ca: KeyPairPem;
let servingCa: KeyPairPem;
let counter = 0;

/** A data dir with the hub CA and, when given, an admin kubeconfig. */
async function dataDir(adminKubeconfig?: string): Promise<string> {
  const dir = join(root, `hub-${counter++}`);
  const paths = hubPkiPaths(dir);
  await mkdir(paths.dir, { recursive: true });
  await writeFile(paths.caCert, ca.certPem);
  await writeFile(paths.caKey, ca.keyPem);
  if (adminKubeconfig !== undefined) await writeFile(join(dir, 'kubeconfig'), adminKubeconfig);
  return dir;
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'kurator-user-kubeconfig-'));
  ca = await createCertificateAuthority('kurator-hub-ca', 1);
  servingCa = await createCertificateAuthority('corporate-ca', 1);
});
after(() => rm(root, { recursive: true, force: true }));

test('the user kubeconfig takes the server and CA of the admin kubeconfig and carries a certificate naming the user and groups', async () => {
  const dir = await dataDir(kubeconfigYaml({ server: 'https://10.1.2.3:6443', clusterName: 'kurator-hub', caPem: ca.certPem }));
  const path = await createUserKubeconfig({ dataDir: dir, name: 'alice', groups: ['dev', 'qa'], validDays: 1 });
  assert.equal(path, join(dir, 'users', 'alice.kubeconfig'));
  const config = loadKubeconfig(await readFile(path, 'utf8'));
  assert.equal(config.server, 'https://10.1.2.3:6443');
  assert.equal(config.ca, ca.certPem);
  const cert = new X509Certificate(config.cert!);
  assert.deepEqual(cert.subject.split('\n').sort(), ['CN=alice', 'O=dev', 'O=qa']);
  assert.ok(signedBy(config.cert!, ca.certPem));
});

test('the admin kubeconfig current context wins over the first cluster listed', async () => {
  const text = [
    'apiVersion: v1', 'kind: Config', 'current-context: hub',
    'clusters:',
    '- name: stale', '  cluster: {server: "https://192.0.2.1:1"}',
    '- name: hub', `  cluster: {server: "https://hub.example:7443", certificate-authority-data: ${Buffer.from(servingCa.certPem).toString('base64')}}`,
    'contexts:', '- name: stale', '  context: {cluster: stale, user: admin}', '- name: hub', '  context: {cluster: hub, user: admin}',
    'users:', '- name: admin', '  user: {}',
  ].join('\n');
  const path = await createUserKubeconfig({ dataDir: await dataDir(text), name: 'bob', groups: [], validDays: 1, out: join(root, 'bob.kubeconfig') });
  const config = loadKubeconfig(await readFile(path, 'utf8'));
  assert.deepEqual([config.server, config.ca], ['https://hub.example:7443', servingCa.certPem]);
});

test('a hub serving a brought certificate (no CA in its admin kubeconfig) gives user kubeconfigs without one', async () => {
  const dir = await dataDir(kubeconfigYaml({ server: 'https://hub.example.com', clusterName: 'kurator-hub' }));
  const config = loadKubeconfig(await readFile(await createUserKubeconfig({ dataDir: dir, name: 'carol', groups: [], validDays: 1 }), 'utf8'));
  assert.deepEqual([config.server, config.ca], ['https://hub.example.com', undefined]);
});

test('without an admin kubeconfig --server is needed, and the hub CA is trusted', async () => {
  const dir = await dataDir();
  await assert.rejects(createUserKubeconfig({ dataDir: dir, name: 'dave', groups: [], validDays: 1 }), /cannot tell the hub's URL: .*kubeconfig is missing; pass --server/);
  const config = loadKubeconfig(await readFile(await createUserKubeconfig({ dataDir: dir, name: 'dave', groups: [], validDays: 1, server: 'https://127.0.0.1:9443' }), 'utf8'));
  assert.deepEqual([config.server, config.ca], ['https://127.0.0.1:9443', ca.certPem]);
});

test('an admin kubeconfig that cannot be used is named in the error', async () => {
  const dir = await dataDir('apiVersion: v1\nkind: Config\ncurrent-context: gone\nclusters: []\ncontexts: []\nusers: []\n');
  await assert.rejects(createUserKubeconfig({ dataDir: dir, name: 'erin', groups: [], validDays: 1 }), (error: Error) => {
    assert.equal(error.message, `cannot use the hub's admin kubeconfig ${join(dir, 'kubeconfig')}: kubeconfig: context "gone" not found`);
    return true;
  });
});
