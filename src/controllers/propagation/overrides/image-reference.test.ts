import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatImage, parseImage, withTagOrDigest, withoutTagOrDigest, type ImageReference } from './image-reference.js';
import { OverrideError } from './types.js';

const SHA = 'sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';
const ref = (registry: string, repository: string, tag = '', digest = ''): ImageReference => ({ registry, repository, tag, digest });

const parsed: { image: string; want: ImageReference }[] = [
  { image: 'nginx', want: ref('', 'nginx') },
  { image: 'nginx:1.25', want: ref('', 'nginx', '1.25') },
  { image: 'library/nginx', want: ref('', 'library/nginx') },
  { image: 'docker.io/library/nginx:latest', want: ref('docker.io', 'library/nginx', 'latest') },
  { image: 'localhost/app', want: ref('localhost', 'app') },
  { image: 'localhost:5000/team/app:v1', want: ref('localhost:5000', 'team/app', 'v1') },
  { image: 'fictional.registry.example:10443/karmada/karmada-controller-manager:v1.0.0', want: ref('fictional.registry.example:10443', 'karmada/karmada-controller-manager', 'v1.0.0') },
  { image: `registry.k8s.io/pause@${SHA}`, want: ref('registry.k8s.io', 'pause', '', SHA) },
  { image: `nginx:1.25@${SHA}`, want: ref('', 'nginx', '1.25') },
  { image: 'a__b--c.d/e', want: ref('a__b--c.d', 'e') },
  { image: 'my_repo/app', want: ref('', 'my_repo/app') },
  { image: '[::1]:5000/app', want: ref('[::1]:5000', 'app') },
];

for (const c of parsed) {
  test(`parseImage ${c.image}`, () => assert.deepEqual(parseImage(c.image), c.want));
}

const invalid: { image: string; message: string }[] = [
  { image: '', message: 'repository name must have at least one component' },
  { image: 'Nginx', message: 'repository name must be lowercase' },
  { image: 'nginx:', message: 'invalid reference format' },
  { image: 'nginx:-bad', message: 'invalid reference format' },
  { image: 'https://registry/app', message: 'invalid reference format' },
  { image: 'nginx@sha256:abc', message: 'invalid reference format' },
  { image: `nginx@md5:${'a'.repeat(32)}`, message: 'unsupported digest algorithm' },
  { image: `nginx@constructor:${'a'.repeat(32)}`, message: 'unsupported digest algorithm' },
  { image: `nginx@sha256:${'a'.repeat(40)}`, message: 'invalid checksum digest length' },
  { image: `nginx@sha256:${'A'.repeat(64)}`, message: 'invalid checksum digest format' },
  { image: 'a'.repeat(256), message: 'repository name must not be more than 255 characters' },
];

for (const c of invalid) {
  test(`parseImage rejects ${c.image.slice(0, 40) || '""'}`, () => {
    assert.throws(() => parseImage(c.image), (err: unknown) => err instanceof OverrideError && err.message === c.message);
  });
}

test('formatImage round-trips what parseImage accepts (tag and digest together keep the tag)', () => {
  for (const c of parsed) {
    const again = parseImage(formatImage(parseImage(c.image)));
    assert.deepEqual(again, c.want);
  }
});

test('withTagOrDigest picks tag or digest by the value; anything else is ignored', () => {
  const base = ref('', 'app', 'v1');
  assert.deepEqual(withTagOrDigest(base, 'v2'), ref('', 'app', 'v2'));
  assert.deepEqual(withTagOrDigest(base, SHA), ref('', 'app', '', SHA));
  assert.deepEqual(withTagOrDigest(base, 'v1sha256:x'), base);
  assert.deepEqual(withoutTagOrDigest(ref('', 'app', '', SHA)), ref('', 'app'));
  assert.deepEqual(withoutTagOrDigest(base), ref('', 'app'));
});
