// One run of every scenario at tiny size: each runs end to end against real processes (the hub, etcd,
// wrk, the simulator) and the runner prints one JSON document of the documented shape. No figure is
// judged here: speed is what the benchmark reports, not what a test asserts.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { reportProblems, type BenchReport } from './lib/report.js';
import { renderTable } from './lib/table.js';
import { scenarios } from './scenarios/index.js';

const runner = join(dirname(fileURLToPath(import.meta.url)), 'run.js');

test('every scenario runs end to end at smoke size and the runner prints one valid JSON document', { timeout: 600_000 }, () => {
  const run = spawnSync(process.execPath, [runner, '--smoke'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, `the runner failed:\n${run.stderr.slice(-3000)}`);
  const report = JSON.parse(run.stdout) as BenchReport;
  assert.deepEqual(reportProblems(report), []);
  assert.equal(report.size, 'smoke');
  assert.deepEqual(
    report.scenarios.map((s) => s.name),
    scenarios.map((s) => s.name),
  );
  for (const s of report.scenarios) {
    assert.equal(s.error, undefined, `${s.name} failed: ${s.error}`);
    assert.ok(s.figures.length > 1, `${s.name} reports figures`);
    assert.ok(s.comparisons.length > 0, `${s.name} compares against its targets`);
    assert.ok(s.notes.length > 0, `${s.name} says how it measured`);
  }
  const table = renderTable(report);
  for (const s of report.scenarios) assert.match(table, new RegExp(`^${s.name}: `, 'm'));
  // Not a speed: every propagated Deployment's binding must come to report FullyApplied.
  const propagation = report.scenarios.find((s) => s.name === 'propagation')!;
  const notApplied = propagation.figures.filter((f) => f.name.startsWith('Deployments not reported FullyApplied'));
  assert.equal(notApplied.length, 2, 'one count per round');
  for (const f of notApplied) assert.equal(f.value, 0, f.name);
});

test('an unknown scenario name is refused with the list of scenarios', () => {
  const run = spawnSync(process.execPath, [runner, 'no-such-scenario', '--smoke'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /no scenario no-such-scenario; the scenarios are: api-write, api-read, watch, propagation, fleet-scale, restart/);
});

test('the field-tracking benchmark prints one JSON document with figures per template size', () => {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'field-tracking.js');
  const run = spawnSync(process.execPath, [script, '--containers', '1,4', '--writes', '50'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { scenario: string; results: { containers: number; microsPerStatusWrite: number; microsPerReapply: number; microsPerFieldsV1Encode: number }[] };
  assert.equal(report.scenario, 'field-tracking');
  assert.deepEqual(report.results.map((r) => r.containers), [1, 4]);
  for (const r of report.results) for (const figure of [r.microsPerStatusWrite, r.microsPerReapply, r.microsPerFieldsV1Encode]) assert.ok(Number.isFinite(figure) && figure > 0);
});

test('the scheduling benchmark prints one JSON document with a figure per fleet size and placement', () => {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'scheduling.js');
  const run = spawnSync(process.execPath, [script, '--clusters', '3,20', '--decisions', '5'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { scenario: string; results: { clusters: number; msPerDecision: Record<string, number> }[] };
  assert.equal(report.scenario, 'scheduling');
  assert.deepEqual(report.results.map((r) => r.clusters), [3, 20]);
  for (const r of report.results) {
    assert.equal(Object.keys(r.msPerDecision).length, 4);
    for (const figure of Object.values(r.msPerDecision)) assert.ok(Number.isFinite(figure) && figure > 0);
  }
});

test('the write-pipeline benchmark prints one JSON document with the CPU of each write the propagation pipeline makes', () => {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'write-pipeline.js');
  const run = spawnSync(process.execPath, [script, '--writes', '50'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { scenario: string; writes: number; results: { write: string; mainThreadMicros: number; processMicros: number }[] };
  assert.equal(report.scenario, 'write-pipeline');
  assert.equal(report.writes, 50);
  assert.deepEqual(report.results.map((r) => r.write), ['ConfigMap create (256-byte value)', 'Work create', "Work's first status write", "member's applied Deployment create"]);
  for (const r of report.results) {
    // The main thread's figure comes from /proc in clock ticks: 50 writes may take less than one.
    assert.ok(Number.isFinite(r.mainThreadMicros) && r.mainThreadMicros >= 0, JSON.stringify(r));
    assert.ok(Number.isFinite(r.processMicros) && r.processMicros > 0, JSON.stringify(r));
  }
});

test('the request-path benchmark prints one JSON document with a figure per round for metrics, authentication, a watch delivery and two steps of a create', () => {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'request-path.js');
  const run = spawnSync(process.execPath, [script, '--rounds', '2'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { scenario: string; figures: Record<string, { unit: string; rounds: number[] }> };
  assert.equal(report.scenario, 'request-path');
  assert.deepEqual(Object.keys(report.figures), ['request metrics per request', 'authentication per bearer-token request', 'watch delivery, JavaScript side', 'duplicate-field check of a ConfigMap body', 'managed fields of a ConfigMap create']);
  for (const figure of Object.values(report.figures)) {
    assert.equal(figure.unit, 'ns');
    assert.equal(figure.rounds.length, 2);
    for (const value of figure.rounds) assert.ok(Number.isFinite(value) && value > 0, JSON.stringify(figure));
  }
});

test('the watch-delivery benchmark prints one JSON document with the hub main thread and the watch client per delivery, a figure per round', () => {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'watch-delivery.js');
  const run = spawnSync(process.execPath, [script, '--transport', 'http', '--watchers', '5', '--writes', '5', '--rate', '20', '--rounds', '2'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { scenario: string; watchers: number; figures: Record<string, { unit: string; rounds: number[] }> };
  assert.equal(report.scenario, 'watch-delivery');
  assert.equal(report.watchers, 5);
  assert.deepEqual(Object.keys(report.figures), ['hub main thread per delivery', 'watch client per delivery']);
  for (const figure of Object.values(report.figures)) {
    assert.equal(figure.unit, 'µs');
    assert.equal(figure.rounds.length, 2);
    // CPU comes from /proc in clock ticks: a tiny round may take less than one.
    for (const value of figure.rounds) assert.ok(Number.isFinite(value) && value >= 0, JSON.stringify(figure));
  }
});
