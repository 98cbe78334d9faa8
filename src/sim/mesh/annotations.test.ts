import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ANNOTATION_ERROR_RATIO,
  ANNOTATION_HEADER_MIX,
  ANNOTATION_LATENCY,
  ANNOTATION_REQUEST_RATE,
  ANNOTATIONS_DOC,
  parseErrorRatio,
  parseHeaderMix,
  parseLatency,
  parsePodBehaviour,
  parseRequestRate,
} from './annotations.js';
import { latencyQuantile } from './latency.js';

test('request rate: decimals are accepted, anything else falls back to the default with a reason', () => {
  const cases: [string | undefined, number, boolean][] = [
    [undefined, 7, false],
    ['50', 50, false],
    ['12.5', 12.5, false],
    [' 3 ', 3, false],
    ['0', 0, false],
    ['.5', 0.5, false],
    ['-1', 7, true],
    ['fast', 7, true],
    ['1e3', 7, true],
    ['', 7, true],
    ['NaN', 7, true],
  ];
  for (const [text, want, hasIssue] of cases) {
    const got = parseRequestRate(text === undefined ? {} : { [ANNOTATION_REQUEST_RATE]: text }, 7);
    assert.equal(got.value, want, String(text));
    assert.equal(got.issue !== undefined, hasIssue, String(text));
    if (got.issue) {
      assert.equal(got.issue.annotation, ANNOTATION_REQUEST_RATE);
      assert.equal(got.issue.value, text);
      assert.match(got.issue.reason, /non-negative decimal/);
    }
  }
});

test('error ratio: fractions and percentages in range, others ignored', () => {
  const cases: [string | undefined, number, boolean][] = [
    [undefined, 0, false],
    ['0.2', 0.2, false],
    ['0', 0, false],
    ['1', 1, false],
    ['20%', 0.2, false],
    ['100%', 1, false],
    ['0.5 %', 0.005, false],
    ['1.2', 0, true],
    ['120%', 0, true],
    ['-0.1', 0, true],
    ['twenty', 0, true],
    ['%', 0, true],
  ];
  for (const [text, want, hasIssue] of cases) {
    const got = parseErrorRatio(text === undefined ? undefined : { [ANNOTATION_ERROR_RATIO]: text });
    assert.ok(Math.abs(got.value - want) < 1e-12, `${text}: ${got.value}`);
    assert.equal(got.issue !== undefined, hasIssue, String(text));
  }
});

test('latency: a mean or quantiles; every given quantile is reproduced exactly', () => {
  const cases: { text: string; quantiles: [number, number][] }[] = [
    // Mean 120 with σ 0.5: median 120·e^(−0.125), p99 = median·e^(0.5·2.3263).
    { text: '120', quantiles: [[0.5, 105.9], [0.99, 338.9]] },
    { text: 'p50=80,p99=400', quantiles: [[0.5, 80], [0.99, 400]] },
    { text: 'p50=80,p90=150,p99=400', quantiles: [[0.5, 80], [0.9, 150], [0.99, 400]] },
    { text: 'p99=400, p50=80', quantiles: [[0.5, 80], [0.99, 400]] },
    { text: 'p99.9=1000', quantiles: [[0.999, 1000]] },
  ];
  for (const { text, quantiles } of cases) {
    const got = parseLatency({ [ANNOTATION_LATENCY]: text });
    assert.equal(got.issue, undefined, text);
    for (const [q, ms] of quantiles) {
      const actual = latencyQuantile(got.value, q);
      assert.ok(Math.abs(actual - ms) / ms < 1e-3, `${text} p${q * 100}: ${actual} vs ${ms}`);
    }
  }
});

test('latency: invalid values fall back to the default (mean 50) with a reason', () => {
  const cases: [string, RegExp][] = [
    ['slow', /mean in milliseconds/],
    ['0', /above 0/],
    ['-5', /mean in milliseconds/],
    ['p50=80,p99=60', /increase with the percentile/],
    ['p50=80,p50=90', /given twice/],
    ['p100=80', /between 0 and 100/],
    ['p0=80', /between 0 and 100/],
    ['p50=0', /above 0 ms/],
    ['p50=80;p99=400', /mean in milliseconds/],
    ['p50=', /mean in milliseconds/],
  ];
  for (const [text, reason] of cases) {
    const got = parseLatency({ [ANNOTATION_LATENCY]: text });
    assert.ok(got.issue, text);
    assert.match(got.issue.reason, reason, text);
    assert.equal(got.value.description, 'mean=50', text);
  }
  assert.equal(parseLatency(undefined).value.description, 'mean=50');
});

test('pod behaviour gathers every issue and keeps the valid parts', () => {
  const b = parsePodBehaviour({ [ANNOTATION_ERROR_RATIO]: 'lots', [ANNOTATION_LATENCY]: 'p50=10,p99=100' });
  assert.equal(b.errorRatio, 0);
  assert.equal(b.latency.description, 'p50=10,p99=100');
  assert.deepEqual(b.issues.map((i) => i.annotation), [ANNOTATION_ERROR_RATIO]);
});

test('header mix: JSON list of request classes', () => {
  const ok = parseHeaderMix({ [ANNOTATION_HEADER_MIX]: '[{"headers":{"X-User":"beta"},"fraction":0.1},{"uri":"/api","method":"post","fraction":0.25}]' });
  assert.equal(ok.issue, undefined);
  assert.deepEqual(ok.value, [
    { headers: { 'x-user': 'beta' }, uri: '/', method: 'GET', fraction: 0.1 },
    { headers: {}, uri: '/api', method: 'POST', fraction: 0.25 },
  ]);
  assert.deepEqual(parseHeaderMix(undefined), { value: [] });

  const bad: [string, RegExp][] = [
    ['{', /not valid JSON/],
    ['{"headers":{}}', /not a list/],
    ['[1]', /entry 0 is not an object/],
    ['[{"headers":{"a":"b"}}]', /entry 0 needs a "fraction"/],
    ['[{"headers":{"a":"b"},"fraction":1.5}]', /entry 0 needs a "fraction"/],
    ['[{"headers":{"a":1},"fraction":0.5}]', /header a must be a string/],
    ['[{"headers":[],"fraction":0.5}]', /"headers" must be a map/],
    ['[{"uri":"api","fraction":0.5}]', /"uri" must be a path/],
    ['[{"fraction":0.6},{"fraction":0.6}]', /add up to 1.2, more than 1/],
  ];
  for (const [text, reason] of bad) {
    const got = parseHeaderMix({ [ANNOTATION_HEADER_MIX]: text });
    assert.deepEqual(got.value, [], text);
    assert.ok(got.issue, text);
    assert.match(got.issue.reason, reason, text);
  }
});

test('the README text names every annotation', () => {
  for (const name of [ANNOTATION_REQUEST_RATE, ANNOTATION_HEADER_MIX, ANNOTATION_ERROR_RATIO, ANNOTATION_LATENCY, 'sim.kurator.dev/workload']) {
    assert.ok(ANNOTATIONS_DOC.includes(name), name);
  }
});
