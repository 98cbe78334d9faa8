import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessModesText, at, formatLabelSelector, formatLabels, humanDuration, selectField, since } from './cells.js';

test('humanDuration uses the apimachinery thresholds', () => {
  const second = 1000;
  const minute = 60 * second;
  const hour = 60 * minute;
  const day = 24 * hour;
  // The table of apimachinery's duration tests, plus the boundaries between units.
  const cases: [number, string][] = [
    [second, '1s'],
    [70 * second, '70s'],
    [119 * second, '119s'],
    [120 * second, '2m'],
    [190 * second, '3m10s'],
    [70 * minute, '70m'],
    [179 * minute, '179m'],
    [3 * hour, '3h'],
    [3 * hour + 10 * minute, '3h10m'],
    [47 * hour, '47h'],
    [49 * hour, '2d1h'],
    [(8 * 24 + 2) * hour, '8d'],
    [367 * day, '367d'],
    [(365 * 2 * 24 + 25) * hour, '2y1d'],
    [(365 * 8 * 24 + 2) * hour, '8y'],
    [-500, '0s'],
    [-1999, '0s'],
    [-2 * second, '<invalid>'],
  ];
  for (const [ms, expected] of cases) assert.equal(humanDuration(ms), expected, `${ms}ms`);
});

test('since humanises the time elapsed from an RFC 3339 timestamp', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  assert.equal(since('2024-05-01T11:55:00Z', now), '5m');
  assert.equal(since('2024-04-29T12:00:00Z', now), '2d');
  assert.equal(since(undefined, now), undefined);
  assert.equal(since('not a time', now), undefined);
});

test('formatLabels sorts keys and prints <none> for no labels', () => {
  assert.equal(formatLabels({ tier: 'web', app: 'shop' }), 'app=shop,tier=web');
  assert.equal(formatLabels({}), '<none>');
});

test('formatLabelSelector renders selector syntax sorted by key', () => {
  const cases: [unknown, string][] = [
    [{ matchLabels: { app: 'web' } }, 'app=web'],
    [
      {
        matchLabels: { tier: 'front' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'canary'] },
          { key: 'zone', operator: 'NotIn', values: ['b'] },
          { key: 'gpu', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      },
      'env in (canary,prod),gpu,!legacy,tier=front,zone notin (b)',
    ],
    [{}, '<none>'],
    [undefined, '<none>'],
    [{ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }, '<error>'],
  ];
  for (const [selector, expected] of cases) assert.equal(formatLabelSelector(selector), expected);
});

test('accessModesText uses kubectl short names in a fixed order', () => {
  assert.equal(accessModesText(['ReadWriteMany', 'ReadWriteOnce']), 'RWO,RWX');
  assert.equal(accessModesText(['ReadWriteOncePod', 'ReadOnlyMany']), 'ROX,RWOP');
  assert.equal(accessModesText([]), '');
});

test('at walks objects and arrays without throwing', () => {
  const value = { a: [{ b: 'x' }] };
  assert.equal(at(value, 'a', 0, 'b'), 'x');
  assert.equal(at(value, 'a', 1, 'b'), undefined);
  assert.equal(at(value, 'a', 'b'), undefined);
  assert.equal(at('text', 'length'), undefined);
});

test('selectField gives Go text forms and "" for missing values', () => {
  const object = { metadata: { name: 'x' }, spec: { replicas: 3, paused: true } };
  assert.equal(selectField('spec', 'replicas')(object), '3');
  assert.equal(selectField('spec', 'paused')(object), 'true');
  assert.equal(selectField('spec', 'nodeName')(object), '');
});
