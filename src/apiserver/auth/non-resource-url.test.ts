import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nonResourcePathMatches } from './non-resource-url.js';

test('a nonResourceURLs entry matches its exact path or, with a trailing "*", every path it prefixes', () => {
  const cases: [string, string, boolean][] = [
    ['/version', '/version', true],
    ['/version', '/version/', false],
    ['/version', '/versions', false],
    ['/healthz', '/healthz/etcd', false],
    ['/healthz*', '/healthz', true],
    ['/healthz*', '/healthz/etcd', true],
    ['/healthz*', '/healthzz', true],
    ['/apis/*', '/apis/apps', true],
    ['/apis/*', '/apis', false],
    ['/apis/**', '/apis/apps/v1', true],
    ['*', '/anything/at/all', true],
    ['*', '', true],
    ['/metrics', '/metrics/slis', false],
    ['/*/x', '/a/x', false],
  ];
  for (const [pattern, path, expected] of cases) assert.equal(nonResourcePathMatches(pattern, path), expected, `${pattern} ~ ${path}`);
});
