// Secrets encrypted at rest on a sqlite hub: created with kubectl, absent from the SQLite files in any
// readable form, read back after a restart, rewritten with a new key after a rotation, readable once the
// old key is gone; a hub missing the key its data needs refuses to start, naming the key.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { storedCurrentRows } from '../../src/storage/testing.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { kubectlFor, type Kubectl } from '../support/kubectl.js';
import { eventually } from '../support/wait.js';

const BIN = fileURLToPath(new URL('../../../bin/kurator.js', import.meta.url));

/** Distinct per run, so a match in the files can only come from this test's objects. */
const TOKEN = `tok-${randomBytes(8).toString('hex')}`;
const PASSWORD = `pw-${randomBytes(8).toString('hex')}`;
const APPLIED = `applied-${randomBytes(8).toString('hex')}`;
const PLAIN = `cm-${randomBytes(8).toString('hex')}`;
const SECRET_VALUES = [TOKEN, PASSWORD, APPLIED];

interface ConfigFile {
  resources: { resources: string[]; providers: { aesgcm?: { keys: { name: string; secret: string }[] }; identity?: object }[] }[];
}

/** The hub's SQLite files (the database and its write-ahead log, when there is one), concatenated. */
async function rawFiles(dataDir: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const name of ['hub.db', 'hub.db-wal']) if (existsSync(join(dataDir, name))) parts.push(await readFile(join(dataDir, name)));
  assert.ok(parts.length > 0, 'the hub wrote its database');
  return Buffer.concat(parts);
}

/** Stored value prefix of every current Secret (the hub must be stopped). */
function storedSecretPrefixes(dataDir: string): string[] {
  const rows = storedCurrentRows(join(dataDir, 'hub.db')).filter(([key]) => key.startsWith('/core/secrets/'));
  return rows.map(([, value]) => value.split(':').slice(0, 5).join(':'));
}

function runHubCli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'hub', ...args], { timeout: 30_000 }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
    });
  });
}

describe('encryption at rest', () => {
  let hub: TestHub;
  let dataDir: string;
  let kubectl: Kubectl;

  const restart = async (options: { encryptionProviderConfig?: string } = {}): Promise<void> => {
    await hub.stop();
    hub = await startTestHub({ dataDir, ...options });
    kubectl = kubectlFor(hub.kubeconfigPath);
  };
  const secretValue = async (namespace: string, name: string, key: string): Promise<string> =>
    Buffer.from(await kubectl.ok(['get', 'secret', name, '-n', namespace, '-o', `jsonpath={.data.${key}}`]), 'base64').toString('utf8');
  const secretVersions = async (): Promise<Map<string, string>> => {
    const list = JSON.parse(await kubectl.ok(['get', 'secrets', '-A', '-o', 'json'])) as { items: { metadata: { namespace: string; name: string; resourceVersion: string } }[] };
    return new Map(list.items.map((s) => [`${s.metadata.namespace}/${s.metadata.name}`, s.metadata.resourceVersion]));
  };
  const assertReadable = async (): Promise<void> => {
    assert.equal(await secretValue('default', 'db-creds', 'password'), PASSWORD);
    assert.equal(await secretValue('team-a', 'api', 'token'), TOKEN);
    assert.equal(await secretValue('team-a', 'applied', 'key'), APPLIED);
    assert.equal(await kubectl.ok(['get', 'configmap', 'settings', '-o', 'jsonpath={.data.level}']), PLAIN);
  };

  before(async () => {
    hub = await startTestHub();
    dataDir = hub.dataDir;
    kubectl = kubectlFor(hub.kubeconfigPath);
  });
  after(async () => {
    await hub?.dispose();
  });

  test('a hub started without a config generates one (0600, aesgcm for secrets, identity second)', async () => {
    const path = join(dataDir, 'encryption-config.yaml');
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    const config = parse(await readFile(path, 'utf8')) as ConfigFile & { kind: string };
    assert.equal(config.kind, 'EncryptionConfiguration');
    assert.deepEqual(config.resources[0]?.resources, ['secrets']);
    const [first, second] = config.resources[0]!.providers;
    assert.equal(Buffer.from(first?.aesgcm?.keys[0]?.secret ?? '', 'base64').length, 32);
    assert.deepEqual(second, { identity: {} });
  });

  test('Secrets created with kubectl leave no readable trace in the SQLite files; a ConfigMap does', async () => {
    await kubectl.ok(['create', 'namespace', 'team-a']);
    await kubectl.ok(['create', 'secret', 'generic', 'db-creds', `--from-literal=password=${PASSWORD}`]);
    await kubectl.ok(['create', 'secret', 'generic', 'api', '-n', 'team-a', `--from-literal=token=${TOKEN}`]);
    // apply keeps the whole object, stringData included, in the last-applied annotation.
    await kubectl.ok(['apply', '-f', '-'], `apiVersion: v1\nkind: Secret\nmetadata: {name: applied, namespace: team-a}\nstringData: {key: ${APPLIED}}\n`);
    await kubectl.ok(['create', 'configmap', 'settings', `--from-literal=level=${PLAIN}`]);
    await assertReadable();
    await hub.stop();

    const raw = await rawFiles(dataDir);
    for (const value of SECRET_VALUES) {
      assert.equal(raw.includes(value), false, 'a secret value in the clear');
      assert.equal(raw.includes(Buffer.from(value).toString('base64')), false, 'a secret value in base64');
    }
    assert.equal(raw.includes(PLAIN), true, 'the ConfigMap (not configured for encryption) is stored as it is');
    assert.ok(raw.includes('k8s:enc:aesgcm:v1:key1:'));
    assert.deepEqual(new Set(storedSecretPrefixes(dataDir)), new Set(['k8s:enc:aesgcm:v1:key1']));
  });

  test('after a restart kubectl reads every Secret back', async () => {
    hub = await startTestHub({ dataDir });
    kubectl = kubectlFor(hub.kubeconfigPath);
    await assertReadable();
  });

  test('rotation: a new key first → restart → every Secret rewritten with it; the old key removed → restart → still readable', async () => {
    const path = join(dataDir, 'encryption-config.yaml');
    const config = parse(await readFile(path, 'utf8')) as ConfigFile;
    const keys = config.resources[0]!.providers[0]!.aesgcm!.keys;
    keys.unshift({ name: 'key2', secret: randomBytes(32).toString('base64') });
    await writeFile(path, stringify(config));
    const versions = await secretVersions();
    assert.ok(versions.size >= 3);
    await restart();
    // The rewrite runs in the background; each rewritten Secret gets a new resourceVersion.
    await eventually('every Secret rewritten', async () => {
      const now = await secretVersions();
      return [...versions].every(([name, rv]) => now.has(name) && now.get(name) !== rv);
    });
    await assertReadable();
    await hub.stop();
    assert.deepEqual(new Set(storedSecretPrefixes(dataDir)), new Set(['k8s:enc:aesgcm:v1:key2']));
    const raw = await rawFiles(dataDir);
    assert.ok(raw.includes('k8s:enc:aesgcm:v1:key2:'), 'the new key name in the raw database');
    for (const value of SECRET_VALUES) assert.equal(raw.includes(value) || raw.includes(Buffer.from(value).toString('base64')), false);

    keys.pop();
    await writeFile(path, stringify(config));
    hub = await startTestHub({ dataDir });
    kubectl = kubectlFor(hub.kubeconfigPath);
    await assertReadable();
  });

  test('a configuration without the key the stored Secrets need: the hub refuses to start, naming the key', async () => {
    await hub.stop();
    const other = join(dataDir, 'other-encryption.yaml');
    await writeFile(other, stringify({ apiVersion: 'apiserver.config.k8s.io/v1', kind: 'EncryptionConfiguration', resources: [{ resources: ['secrets'], providers: [{ aesgcm: { keys: [{ name: 'unrelated', secret: randomBytes(32).toString('base64') }] } }, { identity: {} }] }] }));
    await assert.rejects(startTestHub({ dataDir, encryptionProviderConfig: other }), /encrypted with aesgcm key "key2", which .*other-encryption\.yaml does not list/);
    const cli = await runHubCli(['--data-dir', dataDir, '--port', '0', '--encryption-provider-config', other]);
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /kurator hub: cannot read \/core\/secrets\/.*aesgcm key "key2".*put that key back/);
    await rm(other);
    // The right configuration still opens the same files.
    await restart();
    await assertReadable();
  });

  test('kurator hub names an invalid --encryption-provider-config and what is wrong with it', async () => {
    const bad = join(dataDir, 'bad-encryption.yaml');
    await writeFile(bad, 'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers: [{aesgcm: {keys: [{name: k, secret: c2hvcnQ=}]}}]\n');
    const cli = await runHubCli(['--data-dir', join(dataDir, 'unused'), '--port', '0', '--encryption-provider-config', bad]);
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /invalid encryption provider config .*bad-encryption\.yaml/);
    assert.match(cli.stderr, /resources\[0\]\.providers\[0\]\.aesgcm\.keys\[0\]\.secret: must decode to 16, 24 or 32 bytes, not 5/);
  });
});
