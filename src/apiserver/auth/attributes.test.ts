import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routePath } from '../http/request-info.js';
import { isPublicInfo, requestAttributes } from './attributes.js';

function attributesOf(method: string, url: string) {
  const parsed = new URL(url, 'https://hub');
  return requestAttributes(method, routePath(parsed.pathname).target, parsed.searchParams, parsed.pathname);
}

test('verbs, names and namespaces follow kube-apiserver RequestInfoFactory', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['GET', '/api/v1/namespaces/default/pods', { verb: 'list', resource: 'pods', namespace: 'default' }],
    ['GET', '/api/v1/namespaces/default/pods?watch=true', { verb: 'watch', resource: 'pods', namespace: 'default' }],
    ['GET', '/api/v1/namespaces/default/pods?watch=1&fieldSelector=metadata.name%3Dweb', { verb: 'watch', resource: 'pods', namespace: 'default', name: 'web' }],
    ['GET', '/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3D%3Dweb', { verb: 'list', resource: 'pods', namespace: 'default', name: 'web' }],
    ['GET', '/api/v1/namespaces/default/pods/web', { verb: 'get', resource: 'pods', namespace: 'default', name: 'web' }],
    ['HEAD', '/api/v1/namespaces/default/pods/web', { verb: 'get', resource: 'pods', namespace: 'default', name: 'web' }],
    ['GET', '/api/v1/namespaces/default/pods/web?watch=true', { verb: 'get', resource: 'pods', namespace: 'default', name: 'web' }],
    ['POST', '/api/v1/namespaces/default/pods', { verb: 'create', resource: 'pods', namespace: 'default' }],
    ['PUT', '/api/v1/namespaces/default/pods/web/status', { verb: 'update', resource: 'pods', subresource: 'status', namespace: 'default', name: 'web' }],
    ['PATCH', '/apis/apps/v1/namespaces/ns/deployments/d/scale', { verb: 'patch', apiGroup: 'apps', apiVersion: 'v1', resource: 'deployments', subresource: 'scale', namespace: 'ns', name: 'd' }],
    ['DELETE', '/api/v1/namespaces/default/pods/web', { verb: 'delete', resource: 'pods', namespace: 'default', name: 'web' }],
    ['DELETE', '/api/v1/namespaces/default/pods', { verb: 'deletecollection', resource: 'pods', namespace: 'default' }],
    ['POST', '/api/v1/namespaces/default/serviceaccounts/bot/token', { verb: 'create', resource: 'serviceaccounts', subresource: 'token', namespace: 'default', name: 'bot' }],
    // A Namespace is in itself, so a RoleBinding in "team" can grant reading namespace "team".
    ['GET', '/api/v1/namespaces/team', { verb: 'get', resource: 'namespaces', namespace: 'team', name: 'team' }],
    ['GET', '/api/v1/namespaces', { verb: 'list', resource: 'namespaces' }],
    ['GET', '/apis/fleet.kurator.dev/v1alpha1/fleets', { verb: 'list', apiGroup: 'fleet.kurator.dev', resource: 'fleets' }],
  ];
  for (const [method, url, expected] of cases) {
    const got = attributesOf(method, url);
    assert.equal(got.resourceRequest, true, url);
    for (const [key, value] of Object.entries(expected)) assert.equal((got as Record<string, unknown>)[key], value, `${method} ${url}: ${key}`);
    for (const key of ['name', 'namespace', 'subresource']) if (!(key in expected)) assert.equal((got as Record<string, unknown>)[key], undefined, `${method} ${url}: no ${key}`);
  }
});

test('discovery, health and other paths are non-resource requests with the lower-cased method', () => {
  assert.deepEqual(attributesOf('GET', '/apis/apps/v1'), { verb: 'get', resourceRequest: false, path: '/apis/apps/v1' });
  assert.deepEqual(attributesOf('GET', '/api'), { verb: 'get', resourceRequest: false, path: '/api' });
  assert.deepEqual(attributesOf('POST', '/version'), { verb: 'post', resourceRequest: false, path: '/version' });
});

test('only reading /version, /healthz, /livez and /readyz is public', () => {
  for (const path of ['/version', '/version/', '/healthz', '/livez', '/readyz']) assert.equal(isPublicInfo(attributesOf('GET', path)), true, path);
  for (const [method, path] of [['GET', '/metrics'], ['GET', '/api'], ['POST', '/healthz'], ['GET', '/healthz/etcd'], ['GET', '/openapi/v3']]) {
    assert.equal(isPublicInfo(attributesOf(method!, path!)), false, `${method} ${path}`);
  }
});
