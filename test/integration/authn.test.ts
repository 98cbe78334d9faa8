// Authentication against a secure hub, request by request over HTTPS: anonymous access, client
// certificates (good, expired, wrong CA, tampered, not for client use), static tokens, ServiceAccount
// tokens from the TokenRequest API (good, expired, tampered, deleted account), and what the authorizer
// is asked.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority, issueCertificate, type KeyPairPem } from '../../src/security/pki.js';
import { ServiceAccountTokens } from '../../src/security/service-account-tokens.js';
import type { AuthorizationAttributes } from '../../src/apiserver/auth/types.js';
import { credentialsFrom } from '../support/credentials.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { eventually } from '../support/wait.js';

interface Call {
  method?: string;
  body?: unknown;
  cert?: KeyPairPem;
  token?: string;
  headers?: Record<string, string>;
}

interface Answer {
  status: number;
  body: Record<string, any>;
}

/** One request on a fresh TLS connection (so each presents its own certificate), trusting the hub CA. */
function call(hub: TestHub, path: string, options: Call = {}): Promise<Answer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, hub.url),
      {
        method: options.method ?? 'GET',
        agent: false,
        ca: caOf(hub),
        ...(options.cert ? { cert: options.cert.certPem, key: options.cert.keyPem } : {}),
        headers: {
          Accept: 'application/json',
          ...(payload ? { 'Content-Type': 'application/json' } : {}),
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => {
          let body: Record<string, any> = {};
          try {
            body = JSON.parse(text) as Record<string, any>;
          } catch {
            body = { text };
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const cas = new WeakMap<TestHub, string>();
function caOf(hub: TestHub): string {
  return cas.get(hub)!;
}

async function whoami(hub: TestHub, credential: Pick<Call, 'cert' | 'token'>): Promise<Answer> {
  return call(hub, '/apis/authentication.k8s.io/v1/selfsubjectreviews', { method: 'POST', body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, ...credential });
}

const UNAUTHORIZED = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };

describe('authentication on a secure hub', () => {
  let hub: TestHub;
  let dir: string;
  let admin: KeyPairPem;
  let ca: KeyPairPem;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kurator-authn-'));
    const tokenFile = join(dir, 'tokens.csv');
    await writeFile(tokenFile, 'static-token-for-ops,olivia,1001,"ops,oncall"\n');
    hub = await startTestHub({ storage: 'memory', controllers: false, security: { tokenAuthFile: tokenFile } });
    const credentials = credentialsFrom(hub.kubeconfigPath);
    cas.set(hub, credentials.ca!);
    admin = { certPem: credentials.cert!, keyPem: credentials.key! };
    ca = { certPem: await readFile(hub.pki!.caCert, 'utf8'), keyPem: await readFile(hub.pki!.caKey, 'utf8') };
  });
  after(async () => {
    await hub?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  test('without credentials only /version, /healthz, /livez and /readyz answer; the rest is forbidden to system:anonymous', async () => {
    for (const path of ['/version', '/healthz', '/livez', '/readyz']) assert.equal((await call(hub, path)).status, 200, path);
    const list = await call(hub, '/api/v1/namespaces');
    assert.equal(list.status, 403);
    assert.equal(list.body.message, 'namespaces is forbidden: User "system:anonymous" cannot list resource "namespaces" in API group "" at the cluster scope');
    const secret = await call(hub, '/api/v1/namespaces/kube-system/secrets/x');
    assert.equal(secret.body.message, 'secrets "x" is forbidden: User "system:anonymous" cannot get resource "secrets" in API group "" in the namespace "kube-system"');
    const discovery = await call(hub, '/apis');
    assert.deepEqual([discovery.status, discovery.body.reason, discovery.body.message], [403, 'Forbidden', 'forbidden: User "system:anonymous" cannot get path "/apis"']);
    assert.equal((await call(hub, '/metrics')).status, 403);
  });

  test('the admin client certificate is kurator-admin in system:masters', async () => {
    const review = await whoami(hub, { cert: admin });
    assert.equal(review.status, 201);
    assert.deepEqual(review.body.status.userInfo, { username: 'kurator-admin', groups: ['system:masters', 'system:authenticated'] });
    assert.equal((await call(hub, '/api/v1/namespaces', { cert: admin })).status, 200);
  });

  test('SelfSubjectReview is a discovered create-only resource; anonymous callers may not ask it', async () => {
    const discovery = await call(hub, '/apis/authentication.k8s.io/v1', { cert: admin });
    assert.equal(discovery.status, 200);
    const resource = (discovery.body.resources as Record<string, unknown>[]).find((r) => r.name === 'selfsubjectreviews');
    assert.deepEqual([resource?.kind, resource?.namespaced, resource?.verbs], ['SelfSubjectReview', false, ['create']]);
    const anonymous = await whoami(hub, {});
    assert.deepEqual([anonymous.status, anonymous.body.message], [403, 'selfsubjectreviews.authentication.k8s.io is forbidden: User "system:anonymous" cannot create resource "selfsubjectreviews" in API group "authentication.k8s.io" at the cluster scope']);
  });

  test('a client certificate from the hub CA names the user (CN) and groups (O)', async () => {
    const alice = await issueCertificate(ca, { commonName: 'alice', organizations: ['dev', 'qa'], usage: 'client', validDays: 1 });
    assert.deepEqual((await whoami(hub, { cert: alice })).body.status.userInfo, { username: 'alice', groups: ['dev', 'qa', 'system:authenticated'] });
    const denied = await call(hub, '/api/v1/namespaces/default/secrets', { cert: alice });
    assert.equal(denied.status, 403);
    assert.match(denied.body.message, /User "alice" cannot list resource "secrets"/);
  });

  test('expired, wrong-CA, tampered and server-only certificates are rejected with 401', async () => {
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    const expired = await issueCertificate(ca, { commonName: 'alice', usage: 'client', validDays: 1, notBefore: threeDaysAgo });
    const stranger = await issueCertificate(await createCertificateAuthority('someone-else', 1), { commonName: 'kurator-admin', organizations: ['system:masters'], usage: 'client', validDays: 1 });
    const serverOnly = await issueCertificate(ca, { commonName: 'alice', usage: 'server', validDays: 1, hosts: ['localhost'] });
    // Same key and signature, subject rewritten from "mallory" to "kurator": the CA's signature no longer holds.
    const mallory = await issueCertificate(ca, { commonName: 'mallory', organizations: ['system:master'], usage: 'client', validDays: 1 });
    const der = Buffer.from(new X509Certificate(mallory.certPem).raw);
    const at = der.indexOf(Buffer.from('mallory'));
    assert.ok(at > 0);
    der.write('kurator', at);
    const tampered = { certPem: `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`, keyPem: mallory.keyPem };
    assert.equal(new X509Certificate(tampered.certPem).subject.includes('CN=kurator'), true);
    for (const [what, cert] of [['expired', expired], ['wrong CA', stranger], ['tampered', tampered], ['server-only', serverOnly]] as const) {
      const answer = await call(hub, '/api/v1/namespaces', { cert });
      assert.deepEqual([answer.status, answer.body], [401, UNAUTHORIZED], what);
    }
  });

  test('token file users authenticate; unknown bearer tokens are 401; other schemes are ignored', async () => {
    assert.deepEqual((await whoami(hub, { token: 'static-token-for-ops' })).body.status.userInfo, { username: 'olivia', uid: '1001', groups: ['ops', 'oncall', 'system:authenticated'] });
    const unknown = await call(hub, '/api/v1/namespaces', { token: 'no-such-token' });
    assert.deepEqual([unknown.status, unknown.body], [401, UNAUTHORIZED]);
    assert.equal((await call(hub, '/version', { token: 'no-such-token' })).status, 401, 'a bad credential is refused even where anonymous would pass');
    const basic = await call(hub, '/api/v1/namespaces', { headers: { Authorization: 'Basic b2xpdmlhOng=' } });
    assert.equal(basic.status, 403);
  });

  test('TokenRequest issues ServiceAccount tokens that authenticate until expiry, tampering or deletion of the account', async () => {
    const sa = await call(hub, '/api/v1/namespaces/default/serviceaccounts', { method: 'POST', cert: admin, body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'deployer' } } });
    assert.equal(sa.status, 201);
    const path = '/api/v1/namespaces/default/serviceaccounts/deployer/token';
    const issued = await call(hub, path, { method: 'POST', cert: admin, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 1200 } } });
    assert.equal(issued.status, 201);
    assert.equal(issued.body.kind, 'TokenRequest');
    assert.deepEqual(issued.body.spec.audiences, ['https://kubernetes.default.svc.cluster.local']);
    const lifetime = Date.parse(issued.body.status.expirationTimestamp) - Date.now();
    assert.ok(lifetime > 1100_000 && lifetime <= 1200_000, `expires in about 20 minutes (${lifetime} ms)`);
    const token = issued.body.status.token as string;
    assert.deepEqual((await whoami(hub, { token })).body.status.userInfo, {
      username: 'system:serviceaccount:default:deployer',
      uid: sa.body.metadata.uid,
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    });

    const short = await call(hub, path, { method: 'POST', cert: admin, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 60 } } });
    assert.equal(short.status, 422);
    assert.equal(short.body.message, 'TokenRequest.authentication.k8s.io "deployer" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes');
    const missing = await call(hub, '/api/v1/namespaces/default/serviceaccounts/nobody/token', { method: 'POST', cert: admin, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} } });
    assert.deepEqual([missing.status, missing.body.message], [404, 'serviceaccounts "nobody" not found']);
    const forbidden = await call(hub, path, { method: 'POST', token, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} } });
    assert.equal(forbidden.body.message, 'serviceaccounts "deployer" is forbidden: User "system:serviceaccount:default:deployer" cannot create resource "serviceaccounts/token" in API group "" in the namespace "default"');

    const [header, claims, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(claims!, 'base64url').toString()), sub: 'system:serviceaccount:kube-system:admin' })).toString('base64url');
    assert.deepEqual((await whoami(hub, { token: `${header}.${forged}.${signature}` })).status, 401, 'tampered');
    const signingKey = createPrivateKey(await readFile(join(hub.dataDir, 'pki', 'service-account.key'), 'utf8'));
    const stale = new ServiceAccountTokens(signingKey).issue({ namespace: 'default', serviceAccount: { name: 'deployer', uid: sa.body.metadata.uid as string } }, ['https://kubernetes.default.svc.cluster.local'], 600, new Date(Date.now() - 3600_000));
    assert.deepEqual((await whoami(hub, { token: stale.token })).status, 401, 'expired');
    // A token that worked (its signature is then not checked again) still stops at its expiry.
    const closing = new ServiceAccountTokens(signingKey).issue({ namespace: 'default', serviceAccount: { name: 'deployer', uid: sa.body.metadata.uid as string } }, ['https://kubernetes.default.svc.cluster.local'], 600, new Date(Date.now() - 598_000));
    assert.equal((await whoami(hub, { token: closing.token })).status, 201, 'valid for two more seconds');
    assert.equal((await whoami(hub, { token: closing.token })).status, 201, 'and again');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, closing.expiration.getTime() - Date.now()) + 100));
    assert.deepEqual((await whoami(hub, { token: closing.token })).status, 401, 'expired since it last worked');

    // TokenReview: the server says whom a token stands for, as it would authenticate a request carrying it.
    const reviews = '/apis/authentication.k8s.io/v1/tokenreviews';
    const reviewOf = async (reviewed: string, audiences?: string[], credential: Pick<Call, 'cert' | 'token'> = { cert: admin }): Promise<Answer> =>
      call(hub, reviews, { method: 'POST', ...credential, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: reviewed, ...(audiences ? { audiences } : {}) } } });
    const reviewed = await reviewOf(token);
    assert.equal(reviewed.status, 201, JSON.stringify(reviewed.body));
    assert.deepEqual(reviewed.body.status, {
      authenticated: true,
      user: { username: 'system:serviceaccount:default:deployer', uid: sa.body.metadata.uid, groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] },
      audiences: ['https://kubernetes.default.svc.cluster.local'],
    });
    assert.deepEqual((await reviewOf('static-token-for-ops')).body.status.user, { username: 'olivia', uid: '1001', groups: ['ops', 'oncall', 'system:authenticated'] });
    assert.deepEqual((await reviewOf('no-such-token')).body.status, { authenticated: false, user: {}, error: 'invalid bearer token' });
    assert.deepEqual((await reviewOf(`${header}.${forged}.${signature}`)).body.status.authenticated, false, 'a tampered token does not authenticate');
    assert.match((await reviewOf(token, ['https://elsewhere.example'])).body.status.error, /not among the server's/);
    assert.deepEqual((await reviewOf(token, ['https://elsewhere.example', 'https://kubernetes.default.svc.cluster.local'])).body.status.audiences, ['https://kubernetes.default.svc.cluster.local']);
    const empty = await reviewOf('');
    assert.deepEqual([empty.status, empty.body.message], [400, 'token is required for TokenReview in authentication']);
    const notDelegator = await reviewOf(token, undefined, { token });
    assert.equal(notDelegator.status, 403, 'creating TokenReviews takes system:auth-delegator');
    const binding = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'deployer-delegates' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' }, subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'default' }] };
    assert.equal((await call(hub, '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', { method: 'POST', cert: admin, body: binding })).status, 201);
    const delegated = await eventually('the ServiceAccount may review tokens once bound to system:auth-delegator', async () => {
      const answer = await reviewOf('static-token-for-ops', undefined, { token });
      return answer.status === 201 ? answer : undefined;
    });
    assert.equal(delegated.body.status.user.username, 'olivia');

    assert.equal((await call(hub, '/api/v1/namespaces/default/serviceaccounts/deployer', { method: 'DELETE', cert: admin })).status, 200);
    assert.deepEqual((await whoami(hub, { token })).status, 401, 'the account is gone');
    await call(hub, '/api/v1/namespaces/default/serviceaccounts', { method: 'POST', cert: admin, body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'deployer' } } });
    assert.deepEqual((await whoami(hub, { token })).status, 401, 'a new account with the same name is not the one the token was issued for');
  });
});

describe('the authorizer each logical cluster is given', () => {
  test('sees the user and kube-style attributes of every request and its 403 reaches the client', async () => {
    const seen: AuthorizationAttributes[] = [];
    const hub = await startTestHub({
      storage: 'memory',
      controllers: false,
      security: {
        authorization: () => ({
          authorize(attributes) {
            seen.push(attributes);
            return attributes.user.groups.includes('system:masters') || !attributes.verb.startsWith('delete') ? { allowed: true } : { allowed: false };
          },
        }),
      },
    });
    try {
      const credentials = credentialsFrom(hub.kubeconfigPath);
      cas.set(hub, credentials.ca!);
      const ca = { certPem: await readFile(hub.pki!.caCert, 'utf8'), keyPem: await readFile(hub.pki!.caKey, 'utf8') };
      const bob = await issueCertificate(ca, { commonName: 'bob', organizations: ['dev'], usage: 'client', validDays: 1 });
      assert.equal((await call(hub, '/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Dcm1&timeoutSeconds=1', { cert: bob })).status, 200);
      const denied = await call(hub, '/api/v1/namespaces/default/configmaps', { method: 'DELETE', cert: bob });
      assert.deepEqual([denied.status, denied.body.message], [403, 'configmaps is forbidden: User "bob" cannot deletecollection resource "configmaps" in API group "" in the namespace "default"']);
      assert.equal((await call(hub, '/version')).status, 200, 'public paths are not the authorizer\'s to refuse');
      const bobs = seen.filter((a) => a.user.name === 'bob');
      assert.deepEqual(bobs.map(({ user, ...rest }) => ({ groups: user.groups, ...rest })), [
        { groups: ['dev', 'system:authenticated'], verb: 'watch', resourceRequest: true, apiGroup: '', apiVersion: 'v1', resource: 'configmaps', namespace: 'default', name: 'cm1' },
        { groups: ['dev', 'system:authenticated'], verb: 'deletecollection', resourceRequest: true, apiGroup: '', apiVersion: 'v1', resource: 'configmaps', namespace: 'default' },
      ]);
      assert.ok(!seen.some((a) => a.path === '/version'));
    } finally {
      await hub.dispose();
    }
  });
});

test('a signing key brought with serviceAccountSigningKeyFile (RSA here) signs RS256 tokens that authenticate', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kurator-sakey-'));
  await writeFile(join(dir, 'sa.key'), generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const hub = await startTestHub({ storage: 'memory', controllers: false, security: { serviceAccountSigningKeyFile: join(dir, 'sa.key') } });
  try {
    const credentials = credentialsFrom(hub.kubeconfigPath);
    cas.set(hub, credentials.ca!);
    const admin = { certPem: credentials.cert!, keyPem: credentials.key! };
    await call(hub, '/api/v1/namespaces/default/serviceaccounts', { method: 'POST', cert: admin, body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ci' } } });
    const issued = await call(hub, '/api/v1/namespaces/default/serviceaccounts/ci/token', { method: 'POST', cert: admin, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} } });
    const token = issued.body.status.token as string;
    assert.equal(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).alg, 'RS256');
    assert.equal((await whoami(hub, { token })).body.status.userInfo.username, 'system:serviceaccount:default:ci');
  } finally {
    await hub.dispose();
    await rm(dir, { recursive: true, force: true });
  }
});
