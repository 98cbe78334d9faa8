import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atLeastRatio, atMost } from './compare.js';
import { reportProblems, ScenarioReport, type BenchReport } from './report.js';

const machine = { cores: 2, memoryGiB: 24, cpuModel: 'x', node: 'v20', loadAverage1m: 0 };

test('a scenario report rounds figures, turns unmeasured ones into null and keeps the documented shape', () => {
  const s = new ScenarioReport('api-write', 'creates');
  s.figure('hub creates/s', 1234.5678, '1/s', 0);
  s.figure('latency p99', 12.3456, 'ms');
  s.figure('never measured', Number.NaN, 'ms');
  s.compare(atLeastRatio('hub vs ceiling', 700.123456, 1000, 0.7));
  s.compare(atMost('missed', 0, 0, 'events'));
  s.note('how');
  const result = s.result();
  assert.deepEqual(result.figures, [
    { name: 'hub creates/s', value: 1235, unit: '1/s' },
    { name: 'latency p99', value: 12.35, unit: 'ms' },
    { name: 'never measured', value: null, unit: 'ms' },
  ]);
  assert.equal(result.comparisons[0]!.ours, 700.123);
  assert.equal(result.error, undefined);
  const report: BenchReport = { machine, startedAt: new Date().toISOString(), quick: false, size: 'full', scenarios: [result] };
  assert.deepEqual(reportProblems(JSON.parse(JSON.stringify(report))), []);
});

test('reportProblems names what is missing or malformed', () => {
  assert.deepEqual(reportProblems([]), ['the document is not an object']);
  const problems = reportProblems({ machine, startedAt: 'never', quick: 'no', scenarios: [{ name: 'x', what: 'y', figures: [{ name: 'f', value: 'fast', unit: '' }], comparisons: [{ name: 'c' }], notes: [] }] });
  assert.deepEqual(problems, [
    'startedAt must be an ISO date',
    'quick must be a boolean',
    'x: figure {"name":"f","value":"fast","unit":""} must be {name, value, unit}',
    'x: comparison {"name":"c"} must be {name, ours, reference, ratio, target, met}',
  ]);
});
