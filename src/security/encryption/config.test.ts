import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { generatedEncryptionConfigYaml } from './config-file.js';
import { EncryptionConfigError, parseEncryptionConfig } from './config.js';

const HEADER = 'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\n';
const KEY = randomBytes(32).toString('base64');

function problems(text: string): string {
  try {
    parseEncryptionConfig(text, 'enc.yaml');
  } catch (error) {
    assert.ok(error instanceof EncryptionConfigError, String(error));
    return error.message;
  }
  assert.fail('the configuration was accepted');
}

describe('parseEncryptionConfig', () => {
  test('the generated default: secrets by one 32-byte aesgcm key, then identity', () => {
    const config = parseEncryptionConfig(generatedEncryptionConfigYaml(), 'default.yaml');
    assert.equal(config.rules.length, 1);
    const rule = config.rules[0]!;
    assert.deepEqual(rule.resources, [{ group: '', resource: 'secrets' }]);
    assert.equal(rule.providers.length, 2);
    const [first, second] = rule.providers;
    assert.equal(first?.type, 'aesgcm');
    assert.equal(first?.type === 'aesgcm' && first.keys[0]?.secret.length, 32);
    assert.equal(second?.type, 'identity');
    assert.notEqual(generatedEncryptionConfigYaml(), generatedEncryptionConfigYaml(), 'a random key each time');
  });

  test('the kube-apiserver documentation example parses', () => {
    const config = parseEncryptionConfig(`${HEADER}resources:
  - resources: [secrets, configmaps, pandas.awesome.bears.example]
    providers:
      - aesgcm:
          keys:
            - {name: key1, secret: ${KEY}}
            - {name: key2, secret: ${randomBytes(16).toString('base64')}}
      - identity: {}
  - resources: ['*.apps']
    providers: [{identity: {}}]
`, 'enc.yaml');
    assert.deepEqual(config.rules[0]?.resources.map((r) => [r.group, r.resource]), [['', 'secrets'], ['', 'configmaps'], ['awesome.bears.example', 'pandas']]);
    assert.deepEqual(config.rules[1]?.resources, [{ group: 'apps', resource: '*' }]);
  });

  test('every problem is listed with its path, and no key secret is echoed', () => {
    const badSecret = Buffer.from('short').toString('base64');
    const message = problems(`apiVersion: v1
kind: EncryptionConfig
resources:
  - resources: [Secrets, '*', 'jobs.*']
    providers:
      - aesgcm: {keys: [{name: a, secret: ${badSecret}}, {name: b, secret: 'not base64!'}, {secret: ${KEY}}]}
      - aescbc: {keys: [{name: c, secret: ${KEY}}]}
      - {identity: {}, aesgcm: {keys: []}}
      - {}
  - resources: [secrets, '*.']
    providers: []
`);
    for (const expected of [
      'invalid encryption provider config enc.yaml',
      'apiVersion: must be apiserver.config.k8s.io/v1',
      'kind: must be EncryptionConfiguration',
      'resources[0].resources[0]: resource name "Secrets" must not contain capital letters',
      'resources[0].resources[1]: use "*." to encrypt every resource of the core group',
      'resources[0].resources[2]: "jobs.*" names a resource across groups',
      'resources[0].providers[0].aesgcm.keys[0].secret: must decode to 16, 24 or 32 bytes, not 5',
      'resources[0].providers[0].aesgcm.keys[1].secret: must be base64 encoded',
      'resources[0].providers[0].aesgcm.keys[2].name: a key needs a name',
      'resources[0].providers[1]: the aescbc provider is not supported by Kurator; use aesgcm or identity',
      'resources[0].providers[2]: more than one provider (identity, aesgcm) in one element',
      'resources[0].providers[3]: names no provider',
      'resources[1].resources: a wildcard',
      'resources[1].providers: at least one provider is required',
    ]) assert.ok(message.includes(expected), `missing "${expected}" in:\n${message}`);
    assert.ok(!message.includes(KEY) && !message.includes(badSecret), 'secrets never appear in errors');
  });

  test('duplicate resources and duplicate key names are refused', () => {
    const message = problems(`${HEADER}resources:
  - resources: [secrets, secrets]
    providers:
      - aesgcm: {keys: [{name: key1, secret: ${KEY}}]}
      - aesgcm: {keys: [{name: key1, secret: ${KEY}}]}
`);
    assert.match(message, /"secrets" is listed more than once/);
    assert.match(message, /aesgcm key name "key1" is used more than once/);
  });

  test('empty and malformed documents', () => {
    assert.match(problems(`${HEADER}resources: []\n`), /at least one \{resources, providers\} entry is required/);
    assert.match(problems('[1, 2'), /not valid YAML/);
    assert.match(problems('just text'), /must be an EncryptionConfiguration object/);
    assert.match(problems(`${HEADER}resources:\n  - providers: [{identity: {}}]\n`), /resources\[0\]\.resources: at least one resource is required/);
    assert.match(problems(`${HEADER}resources:\n  - resources: [secrets]\n    providers: [{aesgcm: {keys: []}}]\n`), /aesgcm\.keys: at least one key is required/);
  });
});
