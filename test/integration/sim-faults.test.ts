// Faults of simulated clusters, seen by the real kubectl and a plain HTTP client: API outages (503 or
// dropped connections), added latency, and nodes that stop reporting; healing each; and the
// `kurator sim fault` / `kurator sim heal` commands against a running simulator.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { HubClient } from '../support/http.js';
import { kubectlFor, type Kubectl } from '../support/kubectl.js';
import { projectRoot, startTestSimulator, type TestSimulator } from '../support/sim.js';
import { eventually } from '../support/wait.js';

const NODES_PATH = '/clusters/member1/api/v1/nodes';

function kurator(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(projectRoot(), 'bin', 'kurator.js'), ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** NAME → STATUS of `kubectl get nodes`. */
async function nodeStatuses(kubectl: Kubectl): Promise<Record<string, string>> {
  const out = await kubectl.ok(['get', 'nodes', '--no-headers']);
  return Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .map(([name, status]) => [name!, status!]),
  );
}

describe('faults of simulated clusters', () => {
  let sim: TestSimulator;
  let http: HubClient;
  let kubectl1: Kubectl;
  let kubectl2: Kubectl;

  const setFaults = async (cluster: string, faults: Record<string, unknown>) => {
    const res = await http.request('PUT', `/admin/clusters/${cluster}/faults`, faults);
    assert.equal(res.status, 200, res.text);
    return res.body;
  };
  const heal = async (cluster: string, kind?: string) => {
    const res = await http.request('DELETE', `/admin/clusters/${cluster}/faults${kind ? `?kind=${kind}` : ''}`);
    assert.equal(res.status, 200, res.text);
    return res.body;
  };

  before(async () => {
    sim = await startTestSimulator({ clusters: 2, nodesPerCluster: 3 });
    http = new HubClient(sim.url);
    kubectl1 = kubectlFor(sim.kubeconfig('member1'));
    kubectl2 = kubectlFor(sim.kubeconfig('member2'));
    // Fills kubectl's discovery cache while the API is healthy, as a user's would be.
    await kubectl1.ok(['get', 'nodes']);
    await kubectl2.ok(['get', 'nodes']);
  });
  after(async () => {
    http.close();
    await sim.dispose();
  });

  test('the admin endpoint lists faults and rejects bad requests', async () => {
    assert.deepEqual((await http.request('GET', '/admin/faults')).body, {});
    const unknown = await http.request('PUT', '/admin/clusters/nope/faults', { outage: 'unavailable' });
    assert.equal(unknown.status, 404);
    assert.match(unknown.text, /no simulated cluster \\"nope\\"/);
    const bad = await http.request('PUT', '/admin/clusters/member1/faults', { outage: 'sometimes' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /outage must be/);
    const notJson = await http.request('PUT', '/admin/clusters/member1/faults', '{not json');
    assert.equal(notJson.status, 400);
    assert.deepEqual((await http.request('GET', '/admin/faults')).body, {}, 'rejected requests change nothing');
  });

  test('an unavailable API answers 503 ServiceUnavailable; the other cluster still answers; heal restores it', async () => {
    assert.deepEqual(await setFaults('member1', { outage: 'unavailable' }), { outage: 'unavailable' });
    assert.deepEqual((await http.request('GET', '/admin/faults')).body, { member1: { outage: 'unavailable' } });

    const raw = await http.request('GET', NODES_PATH);
    assert.equal(raw.status, 503);
    assert.equal((raw.body as { reason?: string }).reason, 'ServiceUnavailable');
    // Like every kube-apiserver response: kubectl's HTTP cache must not replay the 503 once healed.
    assert.equal(raw.headers['cache-control'], 'no-cache, private');

    const failed = await kubectl1(['get', 'nodes']);
    assert.notEqual(failed.code, 0);
    assert.match(failed.stderr, /Error from server \(ServiceUnavailable\): the API of simulated cluster member1 is down/);

    assert.deepEqual(Object.values(await nodeStatuses(kubectl2)), ['Ready', 'Ready', 'Ready'], 'member2 is unaffected');

    assert.deepEqual(await heal('member1'), {});
    assert.deepEqual(Object.keys(await nodeStatuses(kubectl1)), ['member1-node-1', 'member1-node-2', 'member1-node-3']);
  });

  test('a dropped API closes connections: clients see a connection error', async () => {
    await setFaults('member1', { outage: 'dropped' });
    const fresh = new HubClient(sim.url);
    try {
      await assert.rejects(fresh.request('GET', NODES_PATH), (error: NodeJS.ErrnoException) => {
        assert.ok(['ECONNRESET', 'EPIPE'].includes(error.code ?? '') || /socket hang up/.test(error.message), `a connection error, got ${error.code} ${error.message}`);
        return true;
      });
    } finally {
      fresh.close();
    }
    const failed = await kubectl1(['get', 'nodes']);
    assert.notEqual(failed.code, 0);
    assert.match(failed.stderr, /Unable to connect to the server: EOF|connection reset by peer/);
    assert.equal((await kubectl2(['get', 'nodes'])).code, 0, 'member2 is unaffected');
    await heal('member1', 'outage');
    assert.equal((await http.request('GET', NODES_PATH)).status, 200);
  });

  test('added latency delays every request of the cluster', async () => {
    await setFaults('member1', { latencyMs: 300 });
    const started = performance.now();
    const res = await http.request('GET', NODES_PATH);
    const elapsed = performance.now() - started;
    assert.equal(res.status, 200, 'a slow API still answers');
    assert.ok(elapsed >= 250, `the request took ${elapsed.toFixed(0)} ms with 300 ms of added latency`);
    assert.equal((await kubectl1(['get', 'nodes'])).code, 0);
    assert.deepEqual(await heal('member1', 'latencyMs'), {});
  });

  test('nodes that stop reporting turn NotReady with unreachable taints, and recover when healed', async () => {
    await setFaults('member1', { nodesNotReady: true });
    await eventually('every member1 node NotReady', async () => {
      const statuses = await nodeStatuses(kubectl1);
      return Object.values(statuses).every((s) => s === 'NotReady') ? statuses : undefined;
    });
    const ready = await kubectl1.ok(['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status} {.status.conditions[?(@.type=="Ready")].reason}{"\\n"}{end}']);
    assert.deepEqual(ready.trim().split('\n'), Array(3).fill('Unknown NodeStatusUnknown'));
    const taints = await kubectl1.ok(['get', 'nodes', '-o', 'jsonpath={range .items[*]}{range .spec.taints[*]}{.key}:{.effect} {end}{"\\n"}{end}']);
    for (const line of taints.trim().split('\n')) {
      assert.deepEqual(line.trim().split(' ').sort(), ['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    }
    const described = await kubectl1.ok(['describe', 'node', 'member1-node-1']);
    assert.match(described, /^Taints:\s+node\.kubernetes\.io\/unreachable:NoExecute\n\s+node\.kubernetes\.io\/unreachable:NoSchedule$/m);
    assert.deepEqual(Object.values(await nodeStatuses(kubectl2)), ['Ready', 'Ready', 'Ready'], 'member2 nodes are unaffected');

    await heal('member1', 'nodesNotReady');
    await eventually('every member1 node Ready again', async () => {
      const statuses = await nodeStatuses(kubectl1);
      return Object.values(statuses).every((s) => s === 'Ready') ? statuses : undefined;
    });
    const after = await kubectl1.ok(['get', 'nodes', '-o', 'jsonpath={.items[*].spec.taints}']);
    assert.equal(after.trim(), '', 'the unreachable taints are removed');
  });

  test('kurator sim fault and sim heal drive a running simulator', async () => {
    const fault = await kurator(['sim', 'fault', 'member1', '--url', sim.url, '--outage', 'unavailable', '--latency-ms', '50']);
    assert.equal(fault.code, 0, fault.stderr);
    assert.deepEqual(JSON.parse(fault.stdout), { outage: 'unavailable', latencyMs: 50 });
    assert.equal((await http.request('GET', NODES_PATH)).status, 503);

    const healOutage = await kurator(['sim', 'heal', 'member1', '--url', sim.url, '--kind', 'outage']);
    assert.equal(healOutage.code, 0, healOutage.stderr);
    assert.deepEqual(JSON.parse(healOutage.stdout), { latencyMs: 50 });
    assert.equal((await http.request('GET', NODES_PATH)).status, 200);

    const healAll = await kurator(['sim', 'heal', 'member1', '--url', sim.url]);
    assert.equal(healAll.code, 0, healAll.stderr);
    assert.deepEqual((await http.request('GET', '/admin/faults')).body, {});

    const unknown = await kurator(['sim', 'fault', 'nope', '--url', sim.url, '--outage', 'unavailable']);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /no simulated cluster/);
  });
});
