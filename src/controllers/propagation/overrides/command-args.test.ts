import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../machinery/object.js';
import { argsPatches, commandPatches } from './command-args.js';
import { OverrideError, type CommandArgsOverrider, type PatchOp } from './types.js';

const deployment = (containers: Record<string, unknown>[]): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: { template: { spec: { containers } } },
});
const nginx = deployment([
  { name: 'nginx', image: 'nginx', command: ['nginx', '-g', 'daemon off;'], args: ['--verbose', '--port=80', '--verbose'] },
  { name: 'sidecar', image: 'envoy' },
]);
const base = '/spec/template/spec/containers';

const cases: { name: string; build: typeof commandPatches; object: KubeObject; rule: CommandArgsOverrider; want: PatchOp[] }[] = [
  {
    name: 'command add appends',
    build: commandPatches,
    object: nginx,
    rule: { containerName: 'nginx', operator: 'add', value: ['-c', '/etc/nginx.conf'] },
    want: [{ op: 'replace', path: `${base}/0/command`, value: ['nginx', '-g', 'daemon off;', '-c', '/etc/nginx.conf'] }],
  },
  {
    name: 'args remove drops every equal entry',
    build: argsPatches,
    object: nginx,
    rule: { containerName: 'nginx', operator: 'remove', value: ['--verbose', '--absent'] },
    want: [{ op: 'replace', path: `${base}/0/args`, value: ['--port=80'] }],
  },
  {
    name: 'add creates the list when the container has none',
    build: argsPatches,
    object: nginx,
    rule: { containerName: 'sidecar', operator: 'add', value: ['--log-level=debug'] },
    want: [{ op: 'add', path: `${base}/1/args`, value: ['--log-level=debug'] }],
  },
  {
    name: 'remove on a missing list adds an empty one',
    build: commandPatches,
    object: nginx,
    rule: { containerName: 'sidecar', operator: 'remove', value: ['x'] },
    want: [{ op: 'add', path: `${base}/1/command`, value: [] }],
  },
  { name: 'unknown container name: no patch', build: commandPatches, object: nginx, rule: { containerName: 'nope', operator: 'add', value: ['x'] }, want: [] },
  {
    name: 'empty value leaves the list as it is',
    build: commandPatches,
    object: nginx,
    rule: { containerName: 'nginx', operator: 'add' },
    want: [{ op: 'replace', path: `${base}/0/command`, value: ['nginx', '-g', 'daemon off;'] }],
  },
  {
    name: 'Pod containers',
    build: argsPatches,
    object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', args: ['a'] }] } },
    rule: { containerName: 'app', operator: 'add', value: ['b'] },
    want: [{ op: 'replace', path: '/spec/containers/0/args', value: ['a', 'b'] }],
  },
  {
    name: 'initContainers are not touched',
    build: argsPatches,
    object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { initContainers: [{ name: 'init', args: ['a'] }], containers: [] } },
    rule: { containerName: 'init', operator: 'add', value: ['b'] },
    want: [],
  },
  {
    name: 'kind without containers: no patch',
    build: commandPatches,
    object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: {} },
    rule: { containerName: 'x', operator: 'add', value: ['y'] },
    want: [],
  },
];

for (const c of cases) {
  test(`command/args: ${c.name}`, () => assert.deepEqual(c.build(c.object, c.rule), c.want));
}

test('command/args: a command that is not a list is an error', () => {
  const broken = deployment([{ name: 'x', command: 'sh -c run' }]);
  assert.throws(() => commandPatches(broken, { containerName: 'x', operator: 'add', value: ['y'] }), OverrideError);
});
