import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanAge, humanDuration } from './duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

test('humanDuration matches kubectl age formatting', () => {
  const cases: [number, string][] = [
    [-5 * S, '<invalid>'],
    [-1 * S, '0s'],
    [0, '0s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [5 * M + 30 * S, '5m30s'],
    [10 * M, '10m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [3 * H + 5 * M, '3h5m'],
    [8 * H, '8h'],
    [47 * H, '47h'],
    [2 * D, '2d'],
    [2 * D + 4 * H, '2d4h'],
    [8 * D, '8d'],
    [729 * D, '729d'],
    [2 * 365 * D + 20 * D, '2y20d'],
    [9 * 365 * D, '9y'],
  ];
  for (const [ms, expected] of cases) assert.equal(humanDuration(ms), expected, `${ms}ms`);
});

test('humanAge handles missing and bad timestamps', () => {
  assert.equal(humanAge(undefined), '<unknown>');
  assert.equal(humanAge('not a date'), '<unknown>');
  assert.equal(humanAge('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:05:00Z')), '5m');
});
