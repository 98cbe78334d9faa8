// Thousands of generated malformed requests: each must get a 4xx Status (never a 5xx), and the hub
// must stay up with bounded memory.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HubClient } from '../support/http.js';
import { spawnHub } from '../support/hub-process.js';


interface BadRequest {
  method: string;
  path: string;
  body?: string | Buffer;
  contentType?: string;
  why: string;
}

/** Deterministic pseudo-random numbers (mulberry32) so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CM = '/api/v1/namespaces/default/configmaps';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
const FLEETS = '/apis/fleet.kurator.dev/v1alpha1/namespaces/default/fleets';

function generate(count: number): BadRequest[] {
  const random = rng(20261122);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const junk = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
  const word = () => Math.random().toString(36).slice(2, 8);
  const generators: (() => BadRequest)[] = [
    () => ({ method: 'POST', path: CM, body: pick(['{', '[1,2', '{"a":}', 'null x', '{"kind":"ConfigMap",}', '\u0000\u0001', 'tru', '{"metadata":{"name":"a"}']), why: 'invalid JSON' }),
    () => ({ method: 'POST', path: CM, body: junk(1 + Math.floor(random() * 200)), why: 'random bytes' }),
    () => ({ method: 'POST', path: CM, body: pick(['a: [', 'key: "unterminated', '- a\n b: c: d', '{{{{', 'a: &x [*x]', '\t- bad indent\n  \t- x']), contentType: 'application/yaml', why: 'invalid YAML' }),
    () => ({ method: 'POST', path: CM, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${word()}` }, data: pick([5, 'str', [1], { a: 1 }, { a: { b: 2 } }]) }), why: 'wrong type for data' }),
    () => ({ method: 'POST', path: CM, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: pick(['x', 5, [], { name: 5 }, { name: 'UPPER' }, { name: 'a_b' }, { name: 'x'.repeat(300) }, { name: '' }, { labels: { 'bad key!': 'v' }, name: 'ok' }, { name: 'ok2', labels: { k: 'v'.repeat(70) } }]) }), why: 'bad metadata' }),
    () => ({ method: 'POST', path: DEPLOY, body: JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `d-${word()}` }, spec: { replicas: pick(['three', -1, 1.5, true, { n: 1 }]), selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } }), why: 'wrong replicas' }),
    () => ({ method: 'POST', path: DEPLOY, body: JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `d-${word()}` }, spec: { template: { spec: { containers: pick([5, 'x', [{}], [{ name: 5 }], [{ name: 'c', ports: [{ containerPort: 'http' }] }]]) } } } }), why: 'wrong containers' }),
    () => ({ method: 'POST', path: DEPLOY, body: JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `d-${word()}` }, spec: { selector: pick([5, 'x', [], {}, { matchLabels: 5 }, { matchLabels: { a: 5 } }, { matchExpressions: 'x' }, { matchExpressions: [null] }, { matchExpressions: [{ operator: 'In', values: 5 }] }, { matchExpressions: [{ key: 'a', operator: 'Sometimes' }] }]), template: pick([5, { metadata: { labels: 'x' } }, { metadata: { labels: { a: 'b' } }, spec: { restartPolicy: 5, containers: [{ name: 'c', image: 'i' }] } }]) } }), why: 'malformed selector or template' }),
    () => ({ method: 'POST', path: DEPLOY, body: JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `d-${word()}` }, spec: { strategy: pick([5, 'x', { type: 5 }, { type: 'Recreate', rollingUpdate: 5 }, { rollingUpdate: { maxSurge: {}, maxUnavailable: [] } }, { rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } }, { rollingUpdate: { maxSurge: '-5%', maxUnavailable: true } }]), selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } }), why: 'malformed rollout strategy' }),
    () => ({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${word()}` }, spec: { volumes: pick([5, [null], [{ name: 5 }]]), containers: [{ name: pick(['c', 5, 'Bad_Name']), image: pick(['i', 5, '']), env: pick([5, [null], [{ name: 5 }], [{ name: 'a=b' }]]), volumeMounts: pick([5, [null], [{ name: 5 }], [{ name: 'none', mountPath: '/x' }]]), ports: pick([5, [null], [{ containerPort: 'x', hostPort: {} }], [{ name: 5, containerPort: 70000 }]]), resources: pick([5, { limits: 5 }, { limits: { cpu: {} } }, { requests: { 'x/y/z': '1' }, limits: { 'hugepages-x': '1' } }]) }] } }), why: 'malformed pod spec' }),
    () => ({ method: 'POST', path: '/api/v1/namespaces/default/services', body: JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s-${word()}` }, spec: { clusterIP: pick([5, 'None', undefined]), ports: pick([5, 'x', [null], [{ port: 'x', targetPort: {} }], [{ name: 5, port: 80 }, { port: 70000, targetPort: -1 }]]) } }), why: 'malformed Service ports' }),
    () => ({ method: 'POST', path: '/api/v1/namespaces/default/services', body: JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s-${word()}` }, spec: { type: pick(['NodePort', 'LoadBalancer', 5, 'Bogus']), allocateLoadBalancerNodePorts: pick([false, 'x', undefined]), ports: pick([[{ port: 80, nodePort: 'x' }], [{ port: 80, nodePort: -1 }, { port: 81, nodePort: 99999 }], [null, { nodePort: {} }]]) } }), why: 'malformed node ports' }),
    () => ({ method: 'POST', path: FLEETS, body: JSON.stringify({ apiVersion: 'fleet.kurator.dev/v1alpha1', kind: 'Fleet', metadata: { name: `f-${word()}` }, spec: { clusters: pick([5, 'x', [5], [{ name: 5 }], { a: 1 }]) } }), why: 'wrong CRD field types' }),
    () => ({ method: 'POST', path: CM, body: Buffer.alloc(3 * 1024 * 1024 + 10 + Math.floor(random() * 1000), 0x61), why: 'body past the size limit' }),
    () => {
      const depth = 150 + Math.floor(random() * 5000);
      return { method: 'POST', path: CM, body: `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${'['.repeat(depth)}${']'.repeat(depth)}}`, why: 'deep nesting' };
    },
    () => ({ method: 'POST', path: CM, body: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(200)}${']'.repeat(200)}\n`, contentType: 'application/yaml', why: 'deep YAML nesting' }),
    () => ({ method: 'GET', path: `${CM}?labelSelector=${encodeURIComponent(pick(['a in (', '!!a', '=b', 'a in (b', 'a notin', 'k@y=v', 'a=b c', 'a,', ',a', 'a in (b,,', `${'x'.repeat(70)}=v`]))}`, why: 'bad label selector' }),
    () => ({ method: 'GET', path: `${pick([CM, DEPLOY, FLEETS])}?fieldSelector=${encodeURIComponent(pick(['spec.foo=bar', 'a', 'metadata.name', '=x', 'metadata.uid=1', `${word()}=1`, 'status.phase=Running']))}`, why: 'bad field selector' }),
    () => ({ method: 'GET', path: `${pick([CM, DEPLOY])}?watch=true&fieldSelector=${encodeURIComponent(pick(['spec.nope=1', 'x']))}`, why: 'bad field selector on watch' }),
    () => ({ method: 'PATCH', path: `${CM}/target`, body: pick(['{"op":"add"}', '[{"op":"bogus","path":"/a"}]', '[{"op":"add"}]', '[{"op":"remove","path":"/nope/x"}]', '[{"op":"test","path":"/data/k","value":"other"}]', '[{"op":"replace","path":"no-slash","value":1}]', '[{"op":"move","from":"/nope","path":"/x"}]', '[5]', '"str"']), contentType: 'application/json-patch+json', why: 'bad JSON patch' }),
    () => ({ method: 'PATCH', path: `${CM}/target`, body: pick(['[1,2]', '5', '"x"', '{', '{"metadata":{"name":"other"}}', '{"kind":"Secret"}', '{"data":5}']), contentType: 'application/merge-patch+json', why: 'bad merge patch' }),
    () => ({ method: 'PATCH', path: `${CM}/target`, body: pick(['{"data":{"$patch":"bogus"}}', '[1]', '{"$setElementOrder/data":5,"data":[1]}', '{"metadata":{"finalizers":5}}']), contentType: 'application/strategic-merge-patch+json', why: 'bad strategic patch' }),
    () => ({ method: 'PATCH', path: `${FLEETS}/f`, body: '{"spec":{}}', contentType: 'application/strategic-merge-patch+json', why: 'strategic patch on a CRD' }),
    () => ({ method: 'PATCH', path: `${CM}/target`, body: '{"data":{}}', contentType: pick(['text/plain', 'application/xml', 'application/octet-stream', 'bogus']), why: 'unsupported patch content type' }),
    () => ({ method: 'PATCH', path: `${CM}/target?fieldManager=fm`, body: pick(['a: [', 'apiVersion: v1\nkind: Secret\nmetadata: {name: target}', '5', '- x']), contentType: 'application/apply-patch+yaml', why: 'bad apply patch' }),
    () => ({ method: 'PATCH', path: `${CM}/target`, body: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: target}', contentType: 'application/apply-patch+yaml', why: 'apply without fieldManager' }),
    () => ({ method: pick(['GET', 'DELETE', 'PUT', 'PATCH']), path: pick(['/apis/nope.example.com/v1/things', '/api/v2/pods', `/${word()}`, '/apis/apps/v9/deployments', '/api/v1/namespaces/default/nothings/x', '/api/v1/namespaces/default/configmaps/a/b/c/d', '/openapi/v3/apis/nope/v1', '/clusters/nope/api/v1/namespaces']), why: 'unknown path or method' }),
    () => ({ method: pick(['POST', 'PUT', 'DELETE', 'PATCH']), path: pick(['/version', '/healthz', '/api', '/openapi/v3']), body: '{}', why: 'wrong method on a non-resource path' }),
    () => ({ method: pick(['PUT', 'PATCH']), path: CM, body: '{}', contentType: 'application/merge-patch+json', why: 'write verb on a collection' }),
    () => ({ method: 'POST', path: `${CM}/named`, body: '{}', why: 'POST to a named object' }),
    () => ({ method: 'GET', path: `${CM}?${pick(['limit=-1', 'limit=abc', 'resourceVersion=abc', 'continue=garbage', 'continue=eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ', 'resourceVersionMatch=Exact&resourceVersion=x'])}`, why: 'bad list parameters' }),
    () => ({ method: 'GET', path: `${CM}?watch=true&${pick(['resourceVersion=abc', 'timeoutSeconds=x', 'resourceVersion=-5'])}`, why: 'bad watch parameters' }),
    () => ({ method: 'POST', path: `${CM}?${pick(['fieldValidation=Bogus', 'dryRun=Some', 'fieldValidation=strict'])}`, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `p-${word()}` } }), why: 'bad write parameters' }),
    () => ({ method: 'POST', path: CM, body: JSON.stringify(pick([{ kind: 5, metadata: { name: 'a' } }, { apiVersion: ['v1'], metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a' } }, { apiVersion: 'apps/v1', kind: 'ConfigMap', metadata: { name: 'a' } }, [], 'str', 5])), why: 'wrong kind/apiVersion' }),
    () => ({ method: 'POST', path: CM, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `ns-${word()}`, namespace: 'other' } }), why: 'namespace mismatch' }),
    () => ({ method: 'POST', path: '/api/v1/namespaces/does-not-exist/configmaps', body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }), why: 'namespace missing' }),
    () => ({ method: 'PUT', path: `${CM}/target`, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: pick(['other', 'target']), resourceVersion: pick(['1', 'abc', '999999']), uid: 'not-the-uid' } }), why: 'bad update' }),
    () => ({ method: 'DELETE', path: `${CM}/target`, body: pick(['{"propagationPolicy":"Sideways"}', '{"preconditions":{"uid":"nope"}}', '{', '[1]']), why: 'bad delete options' }),
    () => ({ method: 'POST', path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', body: JSON.stringify({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: pick(['bad', 'things.example.com']) }, spec: pick([{}, { group: 'example.com' }, { group: 'nodot', names: { plural: 'things', kind: 'Thing' }, scope: 'Namespaced', versions: [] }, { group: 'example.com', names: { plural: 'things', kind: 'Thing' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: false, schema: { openAPIV3Schema: { type: 'object' } } }] }, { group: 'example.com', names: { plural: 'things', kind: 'Thing' }, scope: 'Sideways', versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { properties: { a: { type: 'string' } } } } } } }] }]) }), why: 'invalid CRD' }),
  ];
  const out: BadRequest[] = [];
  for (let i = 0; i < count; i++) out.push(generators[i % generators.length]!());
  return out;
}

test('2,400 malformed requests all get 4xx Status answers and the hub stays up with bounded memory', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'kurator-bad-'));
  const { child, url, exited } = await spawnHub(['--data-dir', dataDir, '--log-level', 'fatal']);
  try {
    const client = new HubClient({ url, kubeconfigPath: join(dataDir, 'kubeconfig') });
    await client.request('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'target' }, data: { k: 'v' } });
    await client.request('POST', FLEETS, { apiVersion: 'fleet.kurator.dev/v1alpha1', kind: 'Fleet', metadata: { name: 'f' }, spec: {} });

    const requests = generate(2400);
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        const headers: Record<string, string> = r.contentType ? { 'Content-Type': r.contentType } : {};
        const res = await client.request(r.method, r.path, r.body, headers).catch((e: Error) => ({ status: 0, body: undefined, text: e.message, headers: {} }));
        const status = res.body as { kind?: string; code?: number } | undefined;
        const isStatus = typeof status === 'object' && status !== null && status.kind === 'Status' && status.code === res.status;
        if (res.status < 400 || res.status >= 500 || !isStatus) failures.push(`${r.why}: ${r.method} ${r.path} → ${res.status} ${res.text.slice(0, 160)}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} requests were not answered with a 4xx Status`);

    const health = await client.request('GET', '/healthz');
    assert.equal(health.status, 200, 'the hub is still serving');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
    assert.ok(rssKb < 600 * 1024, `hub RSS stays bounded (${Math.round(rssKb / 1024)} MiB)`);
    client.close();
  } finally {
    child.kill('SIGKILL');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  }
});
