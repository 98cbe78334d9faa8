import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPort, reconcileEndpoints } from './endpoints.js';
import type { Endpoints, Pod, Service } from './types-core.js';

const NOW = '2025-03-01T12:00:00Z';

function svc(extra: Partial<Service['spec']> = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' }, creationTimestamp: '2025-03-01T10:00:00Z' },
    spec: {
      selector: { app: 'web' },
      clusterIP: '10.96.0.20',
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
        { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' },
      ],
      ...extra,
    },
  };
}

function pod(name: string, ip: string | undefined, ready: boolean, extra: Partial<Pod['spec']> = {}): Pod {
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', uid: `uid-${name}`, labels: { app: 'web' } },
    spec: { nodeName: 'node-1', containers: [{ name: 'web', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }], ...extra },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2025-03-01T11:00:00Z' }] },
  };
  if (ip) {
    p.status!.podIP = ip;
    p.status!.podIPs = [{ ip }];
  }
  return p;
}

test('ready pods under addresses, others under notReadyAddresses, named targetPort resolved per pod', () => {
  const pods = [pod('b', '10.244.0.12', true), pod('a', '10.244.0.11', true), pod('c', '10.244.0.13', false), pod('pending', undefined, false), { ...pod('other', '10.244.0.99', true), metadata: { name: 'other', namespace: 'shop', labels: { app: 'api' } } }];
  const r = reconcileEndpoints(svc(), pods, undefined, NOW);
  assert.equal(r.changed, true);
  const ref = (n: string) => ({ kind: 'Pod', namespace: 'shop', name: n, uid: `uid-${n}` });
  assert.deepEqual(r.endpoints, {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' }, annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2025-03-01T11:00:00Z' } },
    subsets: [
      {
        addresses: [
          { ip: '10.244.0.11', nodeName: 'node-1', targetRef: ref('a') },
          { ip: '10.244.0.12', nodeName: 'node-1', targetRef: ref('b') },
        ],
        notReadyAddresses: [{ ip: '10.244.0.13', nodeName: 'node-1', targetRef: ref('c') }],
        ports: [
          { port: 8080, protocol: 'TCP', name: 'http' },
          { port: 9090, protocol: 'TCP', name: 'metrics' },
        ],
      },
    ],
  });
  const again = reconcileEndpoints(svc(), pods, r.endpoints as Endpoints, NOW);
  assert.equal(again.changed, false);
});

test('pods resolving different port sets land in different subsets', () => {
  const noName = pod('plain', '10.244.0.20', true, { containers: [{ name: 'web' }] });
  const r = reconcileEndpoints(svc(), [pod('a', '10.244.0.11', true), noName], undefined, NOW);
  assert.deepEqual(r.endpoints?.subsets?.map((s) => [s.addresses?.map((a) => a.ip), s.ports?.map((p) => p.port)]), [
    [['10.244.0.11'], [8080, 9090]],
    [['10.244.0.20'], [9090]],
  ]);
});

test('publishNotReadyAddresses, headless hostnames and the headless label', () => {
  const s = svc({ clusterIP: 'None', publishNotReadyAddresses: true });
  const p = pod('db-0', '10.244.0.30', false, { hostname: 'db-0', subdomain: 'web' });
  const r = reconcileEndpoints(s, [p], undefined, NOW);
  assert.deepEqual(r.endpoints?.subsets?.[0]?.addresses?.[0], { ip: '10.244.0.30', hostname: 'db-0', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'shop', name: 'db-0', uid: 'uid-db-0' } });
  assert.deepEqual(r.endpoints?.metadata.labels, { app: 'web', 'service.kubernetes.io/headless': '' });
});

test('terminal and terminating pods are dropped; services without a selector are untouched', () => {
  const done = { ...pod('done', '10.244.0.40', false), status: { phase: 'Succeeded', podIP: '10.244.0.40' } };
  const going = { ...pod('going', '10.244.0.41', true), metadata: { name: 'going', namespace: 'shop', uid: 'u', labels: { app: 'web' }, deletionTimestamp: NOW } };
  const r = reconcileEndpoints(svc(), [done, going], undefined, NOW);
  assert.equal(r.endpoints?.subsets, undefined);
  const manual = svc();
  delete manual.spec.selector;
  assert.deepEqual(reconcileEndpoints(manual, [pod('a', '10.244.0.11', true)], undefined, NOW), { changed: false });
});

test('findPort: numbers as is, names by container port name and protocol', () => {
  const p = pod('a', '1.2.3.4', true, { containers: [{ name: 'c', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns', containerPort: 5353, protocol: 'TCP' }] }] });
  assert.equal(findPort(p, { port: 53, targetPort: 'dns', protocol: 'UDP' }), 53);
  assert.equal(findPort(p, { port: 53, targetPort: 'dns', protocol: 'TCP' }), 5353);
  assert.equal(findPort(p, { port: 80 }), 80);
  assert.equal(findPort(p, { port: 80, targetPort: 'http' }), undefined);
});
