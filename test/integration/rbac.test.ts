// RBAC on a secure hub, driven with the real kubectl as different users (static tokens and a
// ServiceAccount token): `kubectl auth can-i` follows the bindings of a user, a group and a
// ServiceAccount; view cannot read Secrets; a namespace admin stays in its namespace; escalation is
// refused unless the user holds the permissions or may bind/escalate; kurator:fleet-viewer sees fleets
// and clusters but not their kubeconfig Secrets; every 403 reads as kube-apiserver's.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeKubeconfigAs } from '../support/credentials.js';
import { kubectlFor, type Kubectl } from '../support/kubectl.js';
import { startTestHub, type TestHub } from '../support/hub.js';

const TOKENS: Record<string, string> = {
  vera: 'vera-token-5b1d',
  bob: 'bob-token-77ac',
  nadia: 'nadia-token-c30f',
  fred: 'fred-token-9e21',
};

const SETUP = `
apiVersion: v1
kind: Namespace
metadata: {name: team-a}
---
apiVersion: v1
kind: Namespace
metadata: {name: team-b}
---
apiVersion: v1
kind: Secret
metadata: {name: db-password, namespace: team-a}
stringData: {password: hunter2}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: team-b}
data: {a: b}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: robot, namespace: team-a}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: vera-view, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: vera}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: nadia-admin, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: nadia, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: robot-edit, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: ServiceAccount, name: robot, namespace: team-a}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pod-reader}
rules:
- {apiGroups: [""], resources: [pods, pods/log], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: devs-read-pods}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
subjects: [{kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: fred-fleet-viewer}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "kurator:fleet-viewer"}
subjects: [{kind: User, name: fred, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: v1
kind: Secret
metadata: {name: member1-kubeconfig, namespace: default}
stringData: {value: "apiVersion: v1\\nkind: Config\\nusers: [{name: u, user: {token: member-secret-token}}]\\n"}
---
apiVersion: cluster.kurator.dev/v1alpha1
kind: AttachedCluster
metadata: {name: member1, namespace: default}
spec:
  kubeconfig: {name: member1-kubeconfig, key: value}
---
apiVersion: fleet.kurator.dev/v1alpha1
kind: Fleet
metadata: {name: default, namespace: default}
spec:
  clusters:
  - {name: member1, kind: AttachedCluster}
`;

describe('RBAC with kubectl', () => {
  let hub: TestHub;
  let dir: string;
  let admin: Kubectl;
  const as: Record<string, Kubectl> = {};

  /** A kubeconfig for the hub that authenticates with a bearer token only. */
  async function tokenKubectl(name: string, token: string): Promise<Kubectl> {
    return kubectlFor(await writeKubeconfigAs(hub.kubeconfigPath, join(dir, `${name}.kubeconfig`), { token }));
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kurator-rbac-'));
    const tokenFile = join(dir, 'tokens.csv');
    await writeFile(tokenFile, [`${TOKENS.vera},vera,u-vera`, `${TOKENS.bob},bob,u-bob,"devs"`, `${TOKENS.nadia},nadia,u-nadia`, `${TOKENS.fred},fred,u-fred`].join('\n'));
    hub = await startTestHub({ storage: 'memory', controllers: false, security: { tokenAuthFile: tokenFile } });
    admin = kubectlFor(hub.kubeconfigPath);
    await admin.ok(['apply', '-f', '-'], SETUP);
    for (const [name, token] of Object.entries(TOKENS)) as[name] = await tokenKubectl(name, token);
    const robotToken = (await admin.ok(['create', 'token', 'robot', '-n', 'team-a'])).trim();
    as.robot = await tokenKubectl('robot', robotToken);
  });

  after(async () => {
    await hub?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** `kubectl auth can-i` as a user: "yes" (exit 0) or "no" (exit 1). */
  async function canI(kubectl: Kubectl, ...args: string[]): Promise<string> {
    const result = await kubectl(['auth', 'can-i', ...args]);
    const answer = result.stdout.trim();
    assert.equal(result.code, answer === 'yes' ? 0 : 1, `${args.join(' ')}: ${result.stdout} ${result.stderr}`);
    return answer;
  }

  test('kubectl auth can-i follows the bindings of a user, a group and a ServiceAccount', async () => {
    const vera = as.vera!;
    assert.equal(await canI(vera, 'list', 'pods', '-n', 'team-a'), 'yes');
    assert.equal(await canI(vera, 'get', 'deployments.apps', '-n', 'team-a'), 'yes');
    assert.equal(await canI(vera, 'list', 'pods', '-n', 'team-b'), 'no');
    assert.equal(await canI(vera, 'get', 'secrets', '-n', 'team-a'), 'no');
    assert.equal(await canI(vera, 'create', 'configmaps', '-n', 'team-a'), 'no');

    const bob = as.bob!;
    assert.equal(await canI(bob, 'list', 'pods', '-n', 'team-b'), 'yes', 'the group devs reads pods everywhere');
    assert.equal(await canI(bob, 'get', 'pods', '--subresource=log', '-n', 'team-a'), 'yes');
    assert.equal(await canI(bob, 'delete', 'pods', '-n', 'team-b'), 'no');
    assert.equal(await canI(bob, 'get', 'pods', '--subresource=exec', '-n', 'team-a'), 'no');

    const robot = as.robot!;
    assert.equal(await canI(robot, 'create', 'deployments.apps', '-n', 'team-a'), 'yes');
    assert.equal(await canI(robot, 'get', 'secrets', '-n', 'team-a'), 'yes', 'edit reads Secrets');
    assert.equal(await canI(robot, 'create', 'deployments.apps', '-n', 'team-b'), 'no');
    assert.equal(await canI(robot, 'create', 'rolebindings.rbac.authorization.k8s.io', '-n', 'team-a'), 'no', 'edit does not manage access');

    assert.equal(await canI(admin, '*', '*'), 'yes');
    assert.equal(await canI(vera, 'get', '/version'), 'yes');
    assert.equal(await canI(vera, 'get', '/metrics'), 'no');
  });

  test('kubectl auth can-i --list shows the rules that apply in the namespace', async () => {
    const list = await as.vera!.ok(['auth', 'can-i', '--list', '-n', 'team-a']);
    assert.match(list, /^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs/m);
    assert.match(list, /^pods\s+\[\]\s+\[\]\s+\[get list watch\]/m);
    assert.match(list, /^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]/m);
    assert.match(list, /\[\/version\]\s+\[\]\s+\[get\]/);
    assert.doesNotMatch(list, /^secrets\s/m);
    const elsewhere = await as.vera!.ok(['auth', 'can-i', '--list', '-n', 'team-b']);
    assert.doesNotMatch(elsewhere, /^pods\s/m);
  });

  test('a SubjectAccessReview answers for another user with the RBAC reason', async () => {
    const review = { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: 'vera', resourceAttributes: { namespace: 'team-a', verb: 'list', resource: 'pods' } } };
    const answer = JSON.parse(await admin.ok(['create', '-f', '-', '-o', 'json'], JSON.stringify(review))) as { status: Record<string, unknown> };
    assert.deepEqual(answer.status, { allowed: true, reason: 'RBAC: allowed by RoleBinding "vera-view/team-a" of ClusterRole "view" to User "vera"' });
    const denied = JSON.parse(await admin.ok(['create', '-f', '-', '-o', 'json'], JSON.stringify({ ...review, spec: { ...review.spec, resourceAttributes: { namespace: 'team-a', verb: 'get', resource: 'secrets' } } }))) as { status: Record<string, unknown> };
    assert.deepEqual(denied.status, { allowed: false });
    const refused = await as.vera!(['create', '-f', '-', '-o', 'json'], JSON.stringify(review));
    assert.match(refused.stderr, /subjectaccessreviews\.authorization\.k8s\.io is forbidden: User "vera" cannot create resource "subjectaccessreviews" in API group "authorization\.k8s\.io" at the cluster scope/);
  });

  test('a view user reads the namespace but not its Secrets', async () => {
    const vera = as.vera!;
    assert.match(await vera.ok(['get', 'serviceaccounts', '-n', 'team-a']), /^robot\s/m);
    const list = await vera(['get', 'secrets', '-n', 'team-a']);
    assert.notEqual(list.code, 0);
    assert.equal(list.stderr.trim(), 'Error from server (Forbidden): secrets is forbidden: User "vera" cannot list resource "secrets" in API group "" in the namespace "team-a"');
    const one = await vera(['get', 'secret', 'db-password', '-n', 'team-a', '-o', 'yaml']);
    assert.equal(one.stderr.trim(), 'Error from server (Forbidden): secrets "db-password" is forbidden: User "vera" cannot get resource "secrets" in API group "" in the namespace "team-a"');
    assert.doesNotMatch(one.stdout + one.stderr, /hunter2|aHVudGVyMg/);
  });

  test('a namespace admin works in its namespace and cannot touch another', async () => {
    const nadia = as.nadia!;
    await nadia.ok(['create', 'configmap', 'app', '-n', 'team-a', '--from-literal=k=v']);
    await nadia.ok(['create', 'rolebinding', 'vera-edit', '-n', 'team-a', '--clusterrole=edit', '--user=vera']);
    assert.match(await nadia.ok(['get', 'rolebindings', '-n', 'team-a', '-o', 'wide']), /^vera-edit\s+ClusterRole\/edit\s+\S+\s+vera\s/m);
    const read = await nadia(['get', 'configmap', 'settings', '-n', 'team-b']);
    assert.equal(read.stderr.trim(), 'Error from server (Forbidden): configmaps "settings" is forbidden: User "nadia" cannot get resource "configmaps" in API group "" in the namespace "team-b"');
    const write = await nadia(['create', 'configmap', 'app', '-n', 'team-b', '--from-literal=k=v']);
    assert.match(write.stderr, /configmaps is forbidden: User "nadia" cannot create resource "configmaps" in API group "" in the namespace "team-b"/);
    const grant = await nadia(['create', 'rolebinding', 'sneak', '-n', 'team-b', '--clusterrole=view', '--user=nadia']);
    assert.match(grant.stderr, /rolebindings\.rbac\.authorization\.k8s\.io is forbidden: User "nadia" cannot create resource "rolebindings" in API group "rbac\.authorization\.k8s\.io" in the namespace "team-b"/);
    const nodes = await nadia(['get', 'nodes']);
    assert.match(nodes.stderr, /nodes is forbidden: User "nadia" cannot list resource "nodes" in API group "" at the cluster scope/);
  });

  test('escalation is refused, then allowed with bind and escalate', async () => {
    const nadia = as.nadia!;
    const role = await nadia(['create', 'role', 'node-admin', '-n', 'team-a', '--verb=get,delete', '--resource=nodes']);
    assert.notEqual(role.code, 0);
    assert.match(
      role.stderr,
      /roles\.rbac\.authorization\.k8s\.io "node-admin" is forbidden: user "nadia" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n\{APIGroups:\[""\], Resources:\["nodes"\], Verbs:\["get" "delete"\]\}/,
    );
    const bind = await nadia(['create', 'rolebinding', 'root', '-n', 'team-a', '--clusterrole=cluster-admin', '--user=nadia']);
    assert.match(bind.stderr, /rolebindings\.rbac\.authorization\.k8s\.io "root" is forbidden: user "nadia" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:/);
    assert.match(bind.stderr, /\{APIGroups:\["\*"\], Resources:\["\*"\], Verbs:\["\*"\]\}/);

    await admin.ok(['create', 'role', 'binder', '-n', 'team-a', '--verb=bind', '--resource=clusterroles.rbac.authorization.k8s.io', '--resource-name=cluster-admin']);
    await admin.ok(['create', 'role', 'escalator', '-n', 'team-a', '--verb=escalate', '--resource=roles.rbac.authorization.k8s.io']);
    await admin.ok(['create', 'rolebinding', 'nadia-powers', '-n', 'team-a', '--role=binder', '--user=nadia']);
    await admin.ok(['create', 'rolebinding', 'nadia-escalate', '-n', 'team-a', '--role=escalator', '--user=nadia']);
    await nadia.ok(['create', 'role', 'node-admin', '-n', 'team-a', '--verb=get,delete', '--resource=nodes']);
    await nadia.ok(['create', 'rolebinding', 'root', '-n', 'team-a', '--clusterrole=cluster-admin', '--user=vera']);
    const other = await nadia(['create', 'rolebinding', 'fleet', '-n', 'team-a', '--clusterrole=kurator:fleet-admin', '--user=vera']);
    assert.match(other.stderr, /is attempting to grant RBAC permissions not currently held/, 'bind was granted for cluster-admin only');
  });

  test('roleRef cannot change', async () => {
    const binding = JSON.parse(await admin.ok(['get', 'rolebinding', 'vera-view', '-n', 'team-a', '-o', 'json'])) as Record<string, any>;
    binding.roleRef.name = 'edit';
    const result = await admin(['replace', '-f', '-'], JSON.stringify(binding));
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /The RoleBinding "vera-view" is invalid: roleRef: Invalid value: rbac\.RoleRef\{APIGroup:"rbac\.authorization\.k8s\.io", Kind:"ClusterRole", Name:"edit"\}: cannot change roleRef/);
  });

  test('kurator:fleet-viewer lists fleets and clusters but cannot read their kubeconfig Secrets', async () => {
    const fred = as.fred!;
    assert.match(await fred.ok(['get', 'fleets', '-A']), /^default\s+default\s/m);
    assert.match(await fred.ok(['get', 'attachedclusters.cluster.kurator.dev', '-A']), /^default\s+member1\s/m);
    const secret = await fred(['get', 'secret', 'member1-kubeconfig', '-n', 'default', '-o', 'yaml']);
    assert.equal(secret.stderr.trim(), 'Error from server (Forbidden): secrets "member1-kubeconfig" is forbidden: User "fred" cannot get resource "secrets" in API group "" in the namespace "default"');
    assert.doesNotMatch(secret.stdout, /member-secret-token/);
    assert.equal(await canI(fred, 'list', 'secrets', '-A'), 'no');
    assert.equal(await canI(fred, 'delete', 'fleets.fleet.kurator.dev', '-n', 'default'), 'no');
    assert.equal(await canI(fred, 'watch', 'works.work.karmada.io', '-A'), 'yes');
  });

  test('RBAC objects print like kubectl prints them from kube-apiserver', async () => {
    assert.match(await admin.ok(['get', 'clusterrole', 'view']), /^NAME\s+CREATED AT\nview\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
    assert.match(await admin.ok(['get', 'clusterrolebinding', 'devs-read-pods', '-o', 'wide']), /^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\ndevs-read-pods\s+ClusterRole\/pod-reader\s+\S+\s+devs\s*\n$/);
    assert.match(await admin.ok(['get', 'rolebinding', 'robot-edit', '-n', 'team-a', '-o', 'wide']), /robot-edit\s+ClusterRole\/edit\s+\S+\s+team-a\/robot\s*\n$/);
    const view = JSON.parse(await admin.ok(['get', 'clusterrole', 'view', '-o', 'json'])) as { rules: { resources?: string[] }[] };
    assert.ok(view.rules.some((r) => r.resources?.includes('pods')), 'view is aggregated');
  });

  test('impersonation: the admin acts as a user, a group or a ServiceAccount with --as; others may not', async () => {
    assert.equal(await canI(admin, 'get', 'pods', '-n', 'team-a', '--as', 'vera'), 'yes');
    assert.equal(await canI(admin, 'list', 'fleets.fleet.kurator.dev', '-n', 'default', '--as', 'fred'), 'yes');
    assert.equal(await canI(admin, 'get', 'secrets', '-n', 'default', '--as', 'fred'), 'no');
    assert.equal(await canI(admin, 'list', 'pods', '-n', 'team-b', '--as', 'somebody', '--as-group', 'devs'), 'yes');
    assert.equal(await canI(admin, 'list', 'pods', '-n', 'team-b', '--as', 'somebody'), 'no');
    assert.equal(await canI(admin, 'create', 'deployments', '-n', 'team-a', '--as', 'system:serviceaccount:team-a:robot'), 'yes');
    assert.match(await admin.ok(['auth', 'whoami', '--as', 'vera', '--as-group', 'devs']), /vera[\s\S]*devs[\s\S]*system:authenticated/);
    const refused = await as.vera!(['get', 'pods', '-n', 'team-a', '--as', 'bob']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /users "bob" is forbidden: User "vera" cannot impersonate resource "users" in API group "" at the cluster scope/);
  });
});
