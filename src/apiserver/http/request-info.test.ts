import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequestUrl, routePath } from './request-info.js';

test('request paths resolve like kube-apiserver RequestInfo', () => {
  const cases: [string, unknown][] = [
    ['/api/v1/namespaces', { cluster: '', target: { kind: 'resource', group: '', version: 'v1', resource: 'namespaces' } }],
    ['/api/v1/namespaces/ns1', { cluster: '', target: { kind: 'resource', group: '', version: 'v1', resource: 'namespaces', name: 'ns1' } }],
    ['/api/v1/namespaces/ns1/status', { cluster: '', target: { kind: 'resource', group: '', version: 'v1', resource: 'namespaces', name: 'ns1', subresource: 'status' } }],
    ['/api/v1/namespaces/ns1/finalize', { cluster: '', target: { kind: 'resource', group: '', version: 'v1', resource: 'namespaces', name: 'ns1', subresource: 'finalize' } }],
    ['/api/v1/namespaces/ns1/pods', { cluster: '', target: { kind: 'resource', group: '', version: 'v1', resource: 'pods', namespace: 'ns1' } }],
    ['/api/v1/namespaces/ns1/pods/p/status', { cluster: '', target: { kind: 'resource', group: '', version: 'v1', resource: 'pods', namespace: 'ns1', name: 'p', subresource: 'status' } }],
    ['/apis/apps/v1/deployments', { cluster: '', target: { kind: 'resource', group: 'apps', version: 'v1', resource: 'deployments' } }],
    ['/apis/apps/v1', { cluster: '', target: { kind: 'group-version', group: 'apps', version: 'v1' } }],
    ['/api/v1', { cluster: '', target: { kind: 'group-version', group: '', version: 'v1' } }],
    ['/apis/apps', { cluster: '', target: { kind: 'other', path: '/apis/apps' } }],
    ['/clusters/m1/apis/example.com/v1/namespaces/d/widgets/w', { cluster: 'm1', target: { kind: 'resource', group: 'example.com', version: 'v1', resource: 'widgets', namespace: 'd', name: 'w' } }],
    ['/clusters/m1/version', { cluster: 'm1', target: { kind: 'other', path: '/version' } }],
    ['/api/v1/namespaces/a/pods/b/c/d', { cluster: '', target: { kind: 'other', path: '/api/v1/namespaces/a/pods/b/c/d' } }],
  ];
  for (const [path, expected] of cases) assert.deepEqual(routePath(path), expected, path);
});

test('request targets parse as new URL() parses them, plain or not', () => {
  for (const raw of ['/api/v1/namespaces/default/configmaps?limit=5&labelSelector=a%3Db', '/apis/apps.kurator.dev/v1/x', '/api/v1/../v1/pods', '/api/./v1', '/api/v1/pods/a%2Fb', '/api/v1/pods/ü', '/api/v1/pods#frag', '/', '/api/v1/pods?']) {
    const url = new URL(raw, 'http://localhost');
    const parsed = parseRequestUrl(raw);
    assert.equal(parsed.pathname, url.pathname, raw);
    assert.deepEqual([...parsed.searchParams], [...url.searchParams], raw);
  }
});
