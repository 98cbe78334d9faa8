import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { RequestMetrics } from './request-metrics.js';

async function exposition(record: (m: RequestMetrics) => void): Promise<string[]> {
  const registry = new Registry();
  const metrics = new RequestMetrics();
  metrics.register(registry);
  record(metrics);
  return (await registry.metrics()).split('\n');
}

test('requests are counted per verb, group, resource and code in the Prometheus text format', async () => {
  const lines = await exposition((m) => {
    m.record('list', '', 'namespaces', '200', 0.002);
    m.record('list', '', 'namespaces', '200', 0.002);
    m.record('list', '', 'namespaces', '500', 0.002);
    m.record('get', 'apps', 'deployments', '404', 0.001);
  });
  assert.ok(lines.includes('# TYPE apiserver_request_total counter'));
  assert.ok(lines.includes('apiserver_request_total{verb="list",group="",resource="namespaces",code="200"} 2'));
  assert.ok(lines.includes('apiserver_request_total{verb="list",group="",resource="namespaces",code="500"} 1'));
  assert.ok(lines.includes('apiserver_request_total{verb="get",group="apps",resource="deployments",code="404"} 1'));
});

test('latency buckets are cumulative, a value on a bound counts in that bound, watches are not timed', async () => {
  const lines = await exposition((m) => {
    m.record('create', '', 'configmaps', '201', 0.0004);
    m.record('create', '', 'configmaps', '201', 0.001);
    m.record('create', '', 'configmaps', '201', 0.02);
    m.record('create', '', 'configmaps', '201', 9);
    m.record('watch', '', 'pods', '200', 300);
  });
  const bucket = (le: string) => lines.find((l) => l.startsWith(`apiserver_request_duration_seconds_bucket{le="${le}",verb="create",group="",resource="configmaps"} `))?.split(' ')[1];
  assert.equal(bucket('0.0005'), '1');
  assert.equal(bucket('0.001'), '2');
  assert.equal(bucket('0.01'), '2');
  assert.equal(bucket('0.025'), '3');
  assert.equal(bucket('5'), '3');
  assert.equal(bucket('+Inf'), '4');
  assert.ok(lines.includes('apiserver_request_duration_seconds_count{verb="create",group="",resource="configmaps"} 4'));
  const sum = lines.find((l) => l.startsWith('apiserver_request_duration_seconds_sum{verb="create"'));
  assert.ok(sum && Math.abs(Number(sum.split(' ')[1]) - 9.0214) < 1e-9, sum);
  assert.ok(lines.includes('apiserver_request_total{verb="watch",group="",resource="pods",code="200"} 1'));
  assert.ok(!lines.some((l) => l.includes('duration') && l.includes('verb="watch"')));
});

test("the registry's reset clears the counts", async () => {
  const registry = new Registry();
  const metrics = new RequestMetrics();
  metrics.register(registry);
  metrics.record('get', '', 'pods', '200', 0.001);
  registry.resetMetrics();
  assert.ok(!(await registry.metrics()).includes('verb="get"'));
  assert.deepEqual((await registry.getMetricsAsJSON()).map((m) => m.name), ['apiserver_request_total', 'apiserver_request_duration_seconds']);
});

test("Prometheus's own checker (promtool, Debian's prometheus package) accepts the exposition", async () => {
  const text = (await exposition((m) => {
    m.record('create', '', 'configmaps', '201', 0.003);
    m.record('get', 'apps', 'deployments/scale', '404', 0.0001);
    m.record('watch', '', 'pods', '200', 30);
  })).join('\n');
  const check = spawnSync('promtool', ['check', 'metrics'], { input: `${text}\n`, encoding: 'utf8' });
  assert.equal(check.error, undefined, 'promtool is part of the prometheus package the tests need');
  assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
});
