// The secure hub as a user meets it with kubectl: `kurator hub` serves TLS with its own CA and an admin
// kubeconfig; anonymous kubectl is refused; `kurator create user` and `kubectl create token` give working
// identities (`kubectl auth whoami`); the audit log records reads and writes without Secret values or
// tokens; the certificates survive a restart; a brought serving certificate is used; plain HTTP is
// allowed only on loopback.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml, stringify } from 'yaml';
import { createCertificateAuthority, issueCertificate } from '../../src/security/pki.js';
import { writeKubeconfigAs } from '../support/credentials.js';
import { startTestHub } from '../support/hub.js';
import { KURATOR_BIN, spawnHub, stopHub, type HubProcess } from '../support/hub-process.js';
import { kubectlFor } from '../support/kubectl.js';
import { eventually } from '../support/wait.js';

const BIN = KURATOR_BIN;
const run = promisify(execFile);

const SECRET_VALUE = 'correct-horse-battery-staple-7731';
const STATIC_TOKEN = 'ops-static-token-5d41402abc4b2a76';

describe('kubectl against the secure hub', () => {
  let dir: string;
  let dataDir: string;
  let hub: HubProcess | undefined;
  let auditPath: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kurator-tls-'));
    dataDir = join(dir, 'hub');
    auditPath = join(dir, 'audit.log');
    await writeFile(join(dir, 'tokens.csv'), `${STATIC_TOKEN},olivia,1001,"ops"\n`);
    await writeFile(join(dir, 'policy.yaml'), 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  nonResourceURLs: ["/openapi*"]\n- level: Request\n');
    hub = await spawnHub(['--data-dir', dataDir, '--token-auth-file', join(dir, 'tokens.csv'), '--audit-log-path', auditPath, '--audit-policy-file', join(dir, 'policy.yaml')]);
  });
  after(async () => {
    await stopHub(hub);
    await rm(dir, { recursive: true, force: true });
  });

  test('the generated admin kubeconfig reaches the hub over TLS, verified by the hub CA', async () => {
    assert.match(hub!.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const config = parseYaml(await readFile(join(dataDir, 'kubeconfig'), 'utf8')) as { clusters: { cluster: Record<string, unknown> }[]; users: { name: string; user: Record<string, string> }[] };
    assert.equal(config.clusters[0]!.cluster.server, hub!.url);
    assert.equal(config.clusters[0]!.cluster['insecure-skip-tls-verify'], undefined);
    assert.equal(Buffer.from(config.clusters[0]!.cluster['certificate-authority-data'] as string, 'base64').toString(), await readFile(join(dataDir, 'pki', 'ca.crt'), 'utf8'));
    assert.deepEqual(Object.keys(config.users[0]!.user).sort(), ['client-certificate-data', 'client-key-data']);
    const kubectl = kubectlFor(join(dataDir, 'kubeconfig'));
    assert.match(await kubectl.ok(['get', 'namespaces']), /^default\s+Active/m);
    assert.match(await kubectl.ok(['auth', 'whoami']), /Username\s+kurator-admin\s+Groups\s+\[system:masters system:authenticated\]/);
  });

  test('kubectl without credentials is forbidden as system:anonymous but may read health and version', async () => {
    // kubectl prompts for a password when a user has no credentials at all; a basic-auth user (which the
    // hub, like kube-apiserver since 1.19, does not accept) makes it send none the hub knows.
    const anonymous = kubectlFor(await writeKubeconfigAs(join(dataDir, 'kubeconfig'), join(dir, 'anonymous.kubeconfig'), { username: 'nobody', password: 'none' }));
    const denied = await anonymous(['get', 'namespaces']);
    assert.notEqual(denied.code, 0);
    assert.match(denied.stderr, /Error from server \(Forbidden\)/, 'discovery is refused (kubectl words this "unknown", as with kube-apiserver)');
    const raw = await anonymous(['get', '--raw', '/api/v1/namespaces']);
    assert.match(raw.stderr, /Error from server \(Forbidden\): namespaces is forbidden: User "system:anonymous" cannot list resource "namespaces" in API group "" at the cluster scope/);
    assert.equal((await anonymous.ok(['get', '--raw', '/readyz'])).trim(), 'ok');
    assert.match(await anonymous.ok(['get', '--raw', '/version']), /"minor":"32"/);
    const badToken = kubectlFor(await writeKubeconfigAs(join(dataDir, 'kubeconfig'), join(dir, 'bad-token.kubeconfig'), { token: 'not-a-known-token' }));
    assert.match((await badToken(['get', 'namespaces'])).stderr, /Unauthorized|You must be logged in to the server/);
  });

  test('kurator create user issues a certificate kubeconfig that authenticates as that user', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'create', 'user', 'alice', '--group', 'dev', '--group', 'qa', '--data-dir', dataDir]);
    const path = join(dataDir, 'users', 'alice.kubeconfig');
    assert.match(stdout, new RegExp(`user alice in groups dev, qa: kubeconfig written to ${path}`));
    const alice = kubectlFor(path);
    assert.match(await alice.ok(['auth', 'whoami']), /Username\s+alice\s+Groups\s+\[dev qa system:authenticated\]/);
    const denied = await alice(['get', 'secrets']);
    assert.match(denied.stderr, /secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "default"/);
    const noCa = await run(process.execPath, [BIN, 'create', 'user', 'bob', '--data-dir', join(dir, 'nowhere')]).catch((e: { stderr: string }) => e);
    assert.match((noCa as { stderr: string }).stderr, /there is no hub CA in .*nowhere.*; start the hub once with --data-dir/);
  });

  test('token-file users and ServiceAccount tokens from kubectl create token authenticate', async () => {
    const olivia = kubectlFor(await writeKubeconfigAs(join(dataDir, 'kubeconfig'), join(dir, 'olivia.kubeconfig'), { token: STATIC_TOKEN }));
    assert.match(await olivia.ok(['auth', 'whoami']), /Username\s+olivia\s+UID\s+1001\s+Groups\s+\[ops system:authenticated\]/);

    const admin = kubectlFor(join(dataDir, 'kubeconfig'));
    await admin.ok(['create', 'serviceaccount', 'builder']);
    const token = (await admin.ok(['create', 'token', 'builder', '--duration', '15m'])).trim();
    assert.equal(token.split('.').length, 3);
    const builder = kubectlFor(await writeKubeconfigAs(join(dataDir, 'kubeconfig'), join(dir, 'builder.kubeconfig'), { token }));
    assert.match(await builder.ok(['auth', 'whoami']), /Username\s+system:serviceaccount:default:builder\s+UID\s+\S+\s+Groups\s+\[system:serviceaccounts system:serviceaccounts:default system:authenticated\]/);
    await writeFile(join(dir, 'sa-token'), token);
  });

  test('kubectl api-resources lists selfsubjectreviews in authentication.k8s.io, create only', async () => {
    const admin = kubectlFor(join(dataDir, 'kubeconfig'));
    assert.match(await admin.ok(['api-resources', '--api-group=authentication.k8s.io']), /^selfsubjectreviews\s+authentication\.k8s\.io\/v1\s+false\s+SelfSubjectReview\s*$/m);
    assert.match(await admin.ok(['api-resources', '--api-group=authentication.k8s.io', '-o', 'wide']), /^selfsubjectreviews\s+authentication\.k8s\.io\/v1\s+false\s+SelfSubjectReview\s+create\s*$/m);
  });

  test('the audit log records reads and writes with user, verb, resource and code, never Secret values or tokens', async () => {
    const admin = kubectlFor(join(dataDir, 'kubeconfig'));
    await admin.ok(['create', 'secret', 'generic', 'db', `--from-literal=password=${SECRET_VALUE}`]);
    await admin.ok(['patch', 'secret', 'db', '-p', JSON.stringify({ stringData: { password: `${SECRET_VALUE}-2` } })]);
    await admin.ok(['create', 'configmap', 'settings', '--from-literal=mode=fast']);
    await admin.ok(['get', 'configmap', 'settings']);
    type Event = { verb: string; user: { username?: string; groups?: string[] }; objectRef?: { resource?: string; subresource?: string; namespace?: string; name?: string }; responseStatus: { code: number }; requestObject?: { data?: unknown }; requestURI: string; stage: string; auditID: string; latencyMs: number; sourceIPs: string[] };
    const events = await eventually('the audit events', async () => {
      const lines = (await readFile(auditPath, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Event);
      return lines.some((e) => e.verb === 'get' && e.objectRef?.name === 'settings') && lines;
    });
    const find = (verb: string, resource: string, name: string) => events.find((e) => e.verb === verb && e.objectRef?.resource === resource && e.objectRef?.name === name && !e.objectRef?.subresource);
    const created = find('create', 'configmaps', 'settings');
    assert.ok(created, 'the configmap create is logged');
    assert.deepEqual([created.user.username, created.objectRef?.namespace, created.responseStatus.code, created.stage], ['kurator-admin', 'default', 201, 'ResponseComplete']);
    assert.deepEqual(created.requestObject?.data, { mode: 'fast' }, 'Request level records the request body');
    assert.equal(find('get', 'configmaps', 'settings')?.responseStatus.code, 200);
    const secretCreate = find('create', 'secrets', 'db');
    assert.ok(secretCreate && secretCreate.responseStatus.code === 201 && secretCreate.requestObject === undefined, 'the Secret create is logged without its body');
    assert.equal(find('patch', 'secrets', 'db')?.requestObject, undefined);
    const anonymous = events.find((e) => e.user.username === 'system:anonymous' && e.responseStatus.code === 403);
    assert.ok(anonymous, 'denied anonymous requests are logged');
    assert.ok(events.some((e) => e.responseStatus.code === 401), 'requests with bad credentials are logged');
    assert.ok(events.some((e) => e.objectRef?.subresource === 'token' && e.verb === 'create' && e.responseStatus.code === 201), 'token requests are logged');
    assert.ok(events.some((e) => e.user.username === 'system:serviceaccount:default:builder'), 'ServiceAccount requests are logged as the account');
    assert.ok(events.every((e) => e.auditID && e.latencyMs >= 0 && e.sourceIPs.length === 1));
    assert.ok(!events.some((e) => e.requestURI.startsWith('/openapi')), 'the policy left /openapi out');

    const text = await readFile(auditPath, 'utf8');
    const saToken = await readFile(join(dir, 'sa-token'), 'utf8');
    for (const [what, needle] of [['the Secret value', SECRET_VALUE], ['its base64', Buffer.from(SECRET_VALUE).toString('base64')], ['the static token', STATIC_TOKEN], ['the ServiceAccount token', saToken], ['its signature', saToken.split('.')[2]!]] as const) {
      assert.equal(text.includes(needle), false, `${what} is not in the audit log`);
    }
  });

  test('a restarted hub keeps its CA: issued user credentials still work', async () => {
    const caBefore = await readFile(join(dataDir, 'pki', 'ca.crt'), 'utf8');
    await stopHub(hub);
    hub = await spawnHub(['--data-dir', dataDir]);
    assert.equal(await readFile(join(dataDir, 'pki', 'ca.crt'), 'utf8'), caBefore);
    const config = parseYaml(await readFile(join(dataDir, 'users', 'alice.kubeconfig'), 'utf8')) as { clusters: { cluster: { server: string } }[] };
    config.clusters[0]!.cluster.server = hub.url; // the new port
    await writeFile(join(dir, 'alice-again.kubeconfig'), stringify(config));
    assert.match(await kubectlFor(join(dir, 'alice-again.kubeconfig')).ok(['auth', 'whoami']), /Username\s+alice/);
  });
});

test('a serving certificate brought with --tls-cert-file is what the hub presents', async () => {
  const ca = await createCertificateAuthority('corp-ca', 30);
  const serving = await issueCertificate(ca, { commonName: 'hub.corp.example', hosts: ['127.0.0.1', 'hub.corp.example'], usage: 'server', validDays: 30 });
  const dir = await mkdtemp(join(tmpdir(), 'kurator-byo-'));
  await writeFile(join(dir, 'tls.crt'), serving.certPem);
  await writeFile(join(dir, 'tls.key'), serving.keyPem);
  await writeFile(join(dir, 'corp-ca.crt'), ca.certPem);
  const hub = await startTestHub({ storage: 'memory', controllers: false, security: { tlsCertFile: join(dir, 'tls.crt'), tlsPrivateKeyFile: join(dir, 'tls.key') } });
  try {
    const subject = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: hub.port, ca: ca.certPem }, () => {
        resolve(socket.getPeerCertificate().subject.CN as string);
        socket.end();
      });
      socket.on('error', reject);
    });
    assert.equal(subject, 'hub.corp.example');
    const kubectl = kubectlFor(hub.kubeconfigPath);
    assert.match((await kubectl(['get', 'ns'])).stderr, /certificate signed by unknown authority/, 'the generated kubeconfig does not claim to know the CA of a brought certificate');
    assert.match(await kubectl.ok(['--certificate-authority', join(dir, 'corp-ca.crt'), 'get', 'ns']), /^default\s+Active/m);
  } finally {
    await hub.dispose();
    await rm(dir, { recursive: true, force: true });
  }
});

test('--insecure-http serves plain HTTP on loopback only, with a warning', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kurator-insecure-'));
  try {
    const refused = await run(process.execPath, [BIN, 'hub', '--insecure-http', '--address', '0.0.0.0', '--port', '0', '--data-dir', join(dir, 'a')]).catch((e: { code: number; stderr: string }) => e);
    assert.equal((refused as { code: number }).code, 1);
    assert.match((refused as { stderr: string }).stderr, /--insecure-http .* allowed only on a loopback address \(127\.0\.0\.1, ::1 or localhost\), not 0\.0\.0\.0; drop --insecure-http to serve HTTPS/);
    const hub = await spawnHub(['--insecure-http', '--data-dir', join(dir, 'b')]);
    try {
      assert.match(hub.url, /^http:\/\/127\.0\.0\.1:/);
      assert.match(await kubectlFor(join(dir, 'b', 'kubeconfig')).ok(['get', 'ns']), /^default\s+Active/m);
    } finally {
      await stopHub(hub);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
