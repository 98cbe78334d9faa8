import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateDescriptors } from './extract-descriptors.js';

// The binaries the committed table was generated from, where this machine has them.
const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
const APIEXTENSIONS = '/usr/lib/google-cloud-sdk/bin/anthoscli';
const committed = fileURLToPath(new URL('../../../../../src/apiserver/protobuf/descriptors.ts', import.meta.url));
const available = existsSync(KUBECTL) && existsSync(APIEXTENSIONS) && existsSync(committed);

test('descriptors.ts is exactly what the extractor produces', { skip: available ? false : 'the source binaries are not on this machine' }, () => {
  const { source, warnings } = generateDescriptors(KUBECTL, APIEXTENSIONS, 'v1.32.5');
  assert.deepEqual(warnings, []);
  assert.equal(source, readFileSync(committed, 'utf8'));
});
