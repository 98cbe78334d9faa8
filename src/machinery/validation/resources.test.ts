import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateResourceRequirements } from './resources.js';

const P = 'spec.containers[0].resources';
const fields = (resources: unknown): string[] => validateResourceRequirements(resources, P).map((c) => `${c.field}: ${c.message}`);

describe('container resource requirements', () => {
  test('standard, huge page and extended resources within their limits pass', () => {
    assert.deepEqual(fields({ requests: { cpu: '250m', memory: '64Mi', 'ephemeral-storage': '1Gi' }, limits: { cpu: 1, memory: '128Mi' } }), []);
    assert.deepEqual(fields({ requests: { 'example.com/gpu': 2, 'hugepages-2Mi': '4Mi', memory: '1Gi' }, limits: { 'example.com/gpu': '2', 'hugepages-2Mi': '4Mi', memory: '1Gi' } }), []);
    assert.deepEqual(fields({ limits: { 'nvidia.com/gpu': 1 } }), [], 'a limit alone is enough');
    assert.deepEqual(fields({ requests: { 'kubernetes.io/foo': '500m' } }), [], 'a prefixed native resource may be overcommitted');
    assert.deepEqual(fields(undefined), []);
  });

  test('names a container cannot request', () => {
    assert.deepEqual(fields({ requests: { cpus: '1' } }), [
      `${P}.requests[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified`,
      `${P}.requests[cpus]: Invalid value: "cpus": must be a standard resource for containers`,
    ]);
    assert.deepEqual(fields({ limits: { pods: '1' } }), [`${P}.limits[pods]: Invalid value: "pods": must be a standard resource for containers`]);
    assert.deepEqual(fields({ limits: { constructor: '1' } }).length, 2, 'an Object member name is no resource either');
    assert.match(fields({ limits: { 'Bad_Name!': '1' } })[0]!, /limits\[Bad_Name!\]: Invalid value: "Bad_Name!": name part must consist of alphanumeric characters/);
    assert.deepEqual(fields({ limits: { 'example.com/requests.x/y': '1' } }).length, 2);
  });

  test('quantities: not negative, whole for extended resources, whole pages for huge pages', () => {
    assert.deepEqual(fields({ limits: { cpu: '-1' } }), [`${P}.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0`]);
    assert.deepEqual(fields({ limits: { 'example.com/gpu': '500m' } }), [`${P}.limits[example.com/gpu]: Invalid value: "500m": must be an integer`]);
    assert.deepEqual(fields({ limits: { 'hugepages-2Mi': '3Mi', cpu: '1' } }), [`${P}.limits[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi`]);
  });

  test('a request against its limit', () => {
    assert.deepEqual(fields({ requests: { cpu: '2' }, limits: { cpu: '500m' } }), [`${P}.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m`]);
    assert.deepEqual(fields({ requests: { memory: '2Gi' }, limits: { memory: '1Gi' } }), [`${P}.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi`]);
    assert.deepEqual(fields({ requests: { 'example.com/gpu': 1 }, limits: { 'example.com/gpu': 2 } }), [`${P}.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2`]);
    assert.deepEqual(fields({ requests: { 'example.com/gpu': 1 } }), [`${P}.limits: Required value: Limit must be set for non overcommitable resources`]);
    assert.deepEqual(fields({ limits: { 'hugepages-1Gi': '1Gi' } }), [`${P}: Forbidden: HugePages require cpu or memory`]);
  });

});
