// Namespace sync end to end: namespaces made on the hub with kubectl reach every joined member (read with
// the member's own kubectl), reserved and opted-out ones get no Work, a later cluster catches up, a
// deleted hub namespace leaves the members, and an unjoined cluster's execution space goes away.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { unjoinCluster } from '../../src/local/join.js';
import { startTestFleet, type TestFleet } from '../support/fleet.js';
import type { Kubectl } from '../support/kubectl.js';
import { eventually } from '../support/wait.js';

const PROFILE = `
defaults: {nodes: 1, capacity: {cpu: "8", memory: 32Gi}}
clusters:
- {name: member1, labels: {region: eu-west-1}}
- {name: member2, labels: {region: us-east-1}}
- {name: late, labels: {region: ap-south-1}}
`;
const INITIAL = ['member1', 'member2'];

interface NamespaceJson {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string>; deletionTimestamp?: string };
}

describe('namespace sync', () => {
  let fleet: TestFleet;
  let kubectl: Kubectl;
  let member: Record<string, Kubectl>;

  /** The member's copy of a namespace, or undefined while it has none (a terminating one counts as gone). */
  const memberNamespace = async (cluster: string, name: string): Promise<NamespaceJson | undefined> => {
    const result = await member[cluster]!(['get', 'namespace', name, '-o', 'json']);
    if (result.code !== 0) return undefined;
    const ns = JSON.parse(result.stdout) as NamespaceJson;
    return ns.metadata.deletionTimestamp ? undefined : ns;
  };
  /** "<work namespace>/<work name>" of every Work on the hub. */
  const works = async (): Promise<string[]> => {
    const out = await kubectl.ok(['get', 'works.work.karmada.io', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}']);
    return out.split('\n').filter(Boolean);
  };

  before(async () => {
    fleet = await startTestFleet({ profile: PROFILE, unjoined: ['late'] });
    ({ kubectl, member } = fleet);
  });
  after(async () => {
    await fleet?.dispose();
  });

  test('a namespace created on the hub appears on every joined member, through a Work per cluster', async () => {
    await kubectl.ok(['create', 'namespace', 'team-a']);
    for (const name of INITIAL) {
      const ns = await eventually(`team-a on ${name}`, () => memberNamespace(name, 'team-a'));
      assert.equal(ns.metadata.labels?.['kurator.dev/managed-by'], 'kurator', name);
    }
    const all = await works();
    for (const name of INITIAL) assert.ok(all.includes(`karmada-es-${name}/namespace.team-a`), `Work for ${name} in ${all.join(', ')}`);
    assert.ok(!(await memberNamespace('late', 'team-a')), 'a cluster that has not joined gets nothing');
  });

  test('labels and user annotations reach members; kubectl\'s last-applied annotation and removed labels do not', async () => {
    await kubectl.ok(['apply', '-f', '-'], `apiVersion: v1
kind: Namespace
metadata:
  name: team-b
  labels: {tier: gold, team: b}
  annotations: {owner: alice}
`);
    for (const name of INITIAL) {
      const ns = await eventually(`team-b with its labels on ${name}`, async () => {
        const found = await memberNamespace(name, 'team-b');
        return found?.metadata.labels?.tier === 'gold' ? found : undefined;
      });
      assert.equal(ns.metadata.labels?.team, 'b', name);
      assert.equal(ns.metadata.annotations?.owner, 'alice', name);
      assert.equal(ns.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'], undefined, name);
    }
    await kubectl.ok(['label', 'namespace', 'team-a', 'tier=silver']);
    await kubectl.ok(['label', 'namespace', 'team-b', 'tier-']);
    for (const name of INITIAL) {
      await eventually(`the new label on team-a on ${name}`, async () => (await memberNamespace(name, 'team-a'))?.metadata.labels?.tier === 'silver');
      await eventually(`the removed label gone from team-b on ${name}`, async () => {
        const ns = await memberNamespace(name, 'team-b');
        return ns !== undefined && ns.metadata.labels?.tier === undefined && ns.metadata.labels?.team === 'b';
      });
    }
  });

  test('default, kube-*, karmada-es-* and namespaces labelled skip-auto-propagation get no Work', async () => {
    await kubectl.ok(['create', 'namespace', 'kube-tools']);
    await kubectl.ok(['apply', '-f', '-'], `apiVersion: v1
kind: Namespace
metadata:
  name: opted-out
  labels: {namespace.karmada.io/skip-auto-propagation: "true"}
`);
    // A namespace created after them, once synced, shows the controller has been through the others.
    await kubectl.ok(['create', 'namespace', 'marker']);
    await eventually('marker on member2', () => memberNamespace('member2', 'marker'));
    const all = await works();
    for (const skipped of ['default', 'kube-system', 'kube-public', 'kube-tools', 'opted-out', 'karmada-es-member1', 'karmada-es-member2']) {
      assert.ok(!all.some((w) => w.endsWith(`/namespace.${skipped}`)), `no Work for ${skipped}: ${all.join(', ')}`);
    }
    for (const name of INITIAL) {
      assert.ok(!(await memberNamespace(name, 'opted-out')), `opted-out absent on ${name}`);
      assert.ok(!(await memberNamespace(name, 'kube-tools')), `kube-tools absent on ${name}`);
    }
  });

  test('a cluster joined later receives the existing namespaces (but not the opted-out ones)', async () => {
    await fleet.join('late');
    for (const ns of ['team-a', 'team-b', 'marker']) await eventually(`${ns} on the late cluster`, () => memberNamespace('late', ns));
    assert.equal((await memberNamespace('late', 'team-a'))?.metadata.labels?.tier, 'silver');
    assert.ok(!(await memberNamespace('late', 'opted-out')));
    assert.ok((await works()).includes('karmada-es-late/namespace.team-a'));
  });

  test('deleting a namespace on the hub removes it from every member and deletes its Works', async () => {
    await kubectl.ok(['delete', 'namespace', 'team-a', '--wait=false']);
    for (const name of [...INITIAL, 'late']) await eventually(`team-a gone from ${name}`, async () => !(await memberNamespace(name, 'team-a')));
    await eventually('the team-a Works gone', async () => !(await works()).some((w) => w.endsWith('/namespace.team-a')));
    assert.ok(await memberNamespace('member1', 'team-b'), 'other namespaces stay');
  });

  test('unjoining a cluster deletes its karmada-es namespace on the hub, with its Works', async () => {
    const namespaceExists = async (name: string): Promise<boolean> => (await kubectl(['get', 'namespace', name])).code === 0;
    assert.ok(await namespaceExists('karmada-es-late'), 'the late cluster has an execution space');
    assert.ok((await works()).some((w) => w.startsWith('karmada-es-late/')), 'with Works in it');
    assert.equal(await unjoinCluster(fleet.client, { name: 'late' }), true);
    await eventually('karmada-es-late gone', async () => !(await namespaceExists('karmada-es-late')));
    assert.ok(!(await works()).some((w) => w.startsWith('karmada-es-late/')), 'no Works left for the unjoined cluster');
    for (const name of INITIAL) assert.ok(await namespaceExists(`karmada-es-${name}`), `the execution space of ${name} stays`);
    await kubectl.ok(['create', 'namespace', 'after-unjoin']);
    await eventually('after-unjoin on member1', () => memberNamespace('member1', 'after-unjoin'));
    assert.ok(!(await works()).includes('karmada-es-late/namespace.after-unjoin'), 'an unjoined cluster gets no new Works');
    assert.ok(!(await namespaceExists('karmada-es-late')));
  });
});
