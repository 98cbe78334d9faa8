import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePodSpec } from './pod-spec.js';
import { portNameErrors, portNumberErrors } from './ports.js';

const messages = (spec: unknown): string[] => validatePodSpec(spec, 'spec.template.spec').map((c) => `${c.field}: ${c.message}`);

describe('pod spec validation', () => {
  test('a well-formed spec passes', () => {
    assert.deepEqual(messages({ containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }, { containerPort: 9090, hostPort: 9090 }], resources: { requests: { cpu: '100m' } } }] }), []);
    assert.deepEqual(messages('not a spec'), []);
  });

  test('a pod has containers with DNS-label names', () => {
    assert.deepEqual(messages({ containers: [] }), ['spec.template.spec.containers: Required value']);
    assert.deepEqual(messages({}), ['spec.template.spec.containers: Required value']);
    assert.match(messages({ containers: [{ name: 'Web', image: 'x' }] })[0]!, /^spec\.template\.spec\.containers\[0\]\.name: Invalid value: "Web": a lowercase RFC 1123 label must consist of/);
  });

  test('environment variable names: printable ASCII without "=", as v1.32 relaxed them', () => {
    const env = (name: string) => messages({ containers: [{ name: 'c', image: 'x', env: [{ name, value: 'v' }] }] });
    assert.deepEqual(env('1_STARTS_WITH.A-DIGIT'), []);
    assert.deepEqual(env('A=B'), [`spec.template.spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`]);
    assert.equal(env('tab\there').length, 1);
    assert.deepEqual(env(''), ['spec.template.spec.containers[0].env[0].name: Required value']);
  });

  test('volume mounts name volumes the pod declares', () => {
    const spec = { volumes: [{ name: 'cache', emptyDir: {} }], initContainers: [{ name: 'i', image: 'x', volumeMounts: [{ name: 'cache', mountPath: '/c' }] }], containers: [{ name: 'c', image: 'x', volumeMounts: [{ name: 'cache', mountPath: '/c' }, { name: 'data', mountPath: '/d' }] }] };
    assert.deepEqual(messages(spec), ['spec.template.spec.containers[0].volumeMounts[1].name: Not found: "data"']);
  });

  test('every container and init container needs an image', () => {
    assert.deepEqual(messages({ initContainers: [{ name: 'i' }], containers: [{ name: 'a', image: 'x' }, { name: 'b', image: '' }] }), [
      'spec.template.spec.containers[1].image: Required value',
      'spec.template.spec.initContainers[0].image: Required value',
    ]);
  });

  test('container ports: numbers in range, names IANA service names used once', () => {
    assert.deepEqual(messages({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 70000 }, { containerPort: 0 }, { name: 'HTTP', containerPort: 80 }, { name: 'web', containerPort: 81 }, { name: 'web', containerPort: 82, hostPort: -1 }] }] }), [
      'spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.template.spec.containers[0].ports[1].containerPort: Required value',
      'spec.template.spec.containers[0].ports[2].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.template.spec.containers[0].ports[2].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
      'spec.template.spec.containers[0].ports[4].name: Duplicate value: "web"',
      'spec.template.spec.containers[0].ports[4].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive',
    ]);
  });

  test('resources are checked at their container', () => {
    assert.deepEqual(messages({ containers: [{ name: 'a', image: 'x', resources: { limits: { cpus: 1 } } }] }).length, 2);
  });

  test('port numbers and names as apimachinery checks them', () => {
    assert.deepEqual(portNumberErrors(1), []);
    assert.deepEqual(portNumberErrors(65535), []);
    assert.deepEqual(portNumberErrors(65536), ['must be between 1 and 65535, inclusive']);
    assert.deepEqual(portNumberErrors(1.5), ['must be between 1 and 65535, inclusive']);
    assert.deepEqual(portNameErrors('http-alt'), []);
    assert.deepEqual(portNameErrors('a-very-long-port-name'), ['must be no more than 15 characters']);
    assert.deepEqual(portNameErrors('8080'), ['must contain at least one letter (a-z)']);
    assert.deepEqual(portNameErrors('-a--b'), ['must not contain consecutive hyphens', 'must not begin or end with a hyphen']);
  });
});
