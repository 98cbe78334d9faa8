// kurator up / down: a whole local fleet from one command, and nothing left behind when it stops.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { kubectlFor } from '../support/kubectl.js';
import { HubClient } from '../support/http.js';
import { eventually } from '../support/wait.js';
import { findPrometheus } from '../../src/local/prometheus.js';

const BIN = fileURLToPath(new URL('../../../bin/kurator.js', import.meta.url));
const run = promisify(execFile);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('kurator up --detach starts hub, 3 simulated clusters and Prometheus; kurator down stops them all', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'kurator-up-'));
  try {
    const up = await run(process.execPath, [BIN, 'up', '--clusters', '3', '--data-dir', dataDir, '--hub-port', '0', '--sim-port', '0', '--prometheus-port', '0', '--detach'], { timeout: 120_000 });
    assert.match(up.stdout, /Kurator is up: a hub and 3 simulated clusters\./);
    assert.match(up.stdout, /Stop it with: kurator down --data-dir /);
    const state = JSON.parse(await readFile(join(dataDir, 'up.json'), 'utf8')) as { pid: number; prometheusPid?: number; prometheusUrl?: string; clusters: { name: string; kubeconfig: string }[] };
    assert.ok(alive(state.pid));

    const hubKubectl = kubectlFor(join(dataDir, 'kubeconfig'));
    const namespaces = await hubKubectl.ok(['get', 'ns']);
    assert.match(namespaces, /^default\s+Active/m);
    // The simulated clusters are registered in Fleet "default", Ready, with their placement labels.
    assert.match(await hubKubectl.ok(['get', 'fleet', 'default']), /^default\s+Ready\s+3\s+/m);
    const attached = JSON.parse(await hubKubectl.ok(['get', 'attachedclusters', '-o', 'json'])) as { items: { metadata: { name: string; labels: Record<string, string> }; status: { ready: boolean } }[] };
    assert.deepEqual(attached.items.map((c) => [c.metadata.name, c.status.ready]), [['member1', true], ['member2', true], ['member3', true]]);
    assert.ok(attached.items.every((c) => c.metadata.labels.region && c.metadata.labels.zone), 'region and zone labels');
    assert.deepEqual(state.clusters.map((c) => c.name), ['member1', 'member2', 'member3']);
    for (const cluster of state.clusters) {
      const nodes = await kubectlFor(cluster.kubeconfig).ok(['get', 'nodes']);
      assert.match(nodes, new RegExp(`^${cluster.name}-node-1\\s+Ready`, 'm'));
    }
    if (await findPrometheus()) {
      assert.ok(state.prometheusUrl, 'Prometheus is on PATH, so up starts it');
      assert.equal((await fetch(`${state.prometheusUrl}/-/ready`)).status, 200);
    } else {
      assert.match(up.stdout, /Prometheus\s+not installed; install it with: sudo apt-get install -y prometheus/);
    }

    const down = await run(process.execPath, [BIN, 'down', '--data-dir', dataDir], { timeout: 60_000 });
    assert.match(down.stdout, /Stopped the fleet/);
    assert.equal(alive(state.pid), false, 'the fleet process is gone');
    if (state.prometheusPid) assert.equal(alive(state.prometheusPid), false, 'Prometheus is gone');
    const again = await run(process.execPath, [BIN, 'down', '--data-dir', dataDir]);
    assert.match(again.stdout, /No fleet is running/);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('kurator up in the foreground stops everything it started on SIGINT', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'kurator-up-fg-'));
  const child = spawn(process.execPath, [BIN, 'up', '--clusters', '1', '--data-dir', dataDir, '--hub-port', '0', '--sim-port', '0', '--prometheus-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    // The failed match carries the output so far into the timeout message.
    await eventually('the summary', () => {
      assert.match(out, /Stop it with Ctrl-C\./);
      return true;
    }, { timeoutMs: 60_000 });
    const state = JSON.parse(await readFile(join(dataDir, 'up.json'), 'utf8')) as { prometheusPid?: number; hubUrl: string };
    const hubApi = new HubClient({ url: state.hubUrl, kubeconfigPath: join(dataDir, 'kubeconfig') });
    assert.equal((await hubApi.request('GET', '/readyz')).status, 200);
    child.kill('SIGINT');
    assert.equal(await exited, 0);
    if (state.prometheusPid) await eventually('Prometheus to stop with it', () => !alive(state.prometheusPid!), { timeoutMs: 10_000 });
    await assert.rejects(hubApi.request('GET', '/readyz'), 'the hub stopped listening');
    hubApi.close();
    await assert.rejects(readFile(join(dataDir, 'up.json')), 'the state file is removed');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
});
