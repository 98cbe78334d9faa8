import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatQuantity, isValidQuantity, parseQuantity } from './quantity.js';

test('parses valid quantities', () => {
  const cases: [string, number][] = [
    ['0', 0],
    ['1', 1],
    ['100m', 0.1],
    ['1500m', 1.5],
    ['250m', 0.25],
    ['1n', 1e-9],
    ['5u', 5e-6],
    ['1k', 1000],
    ['1M', 1e6],
    ['2G', 2e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18],
    ['1Ki', 1024],
    ['128Mi', 134217728],
    ['1Gi', 1073741824],
    ['1.5Gi', 1610612736],
    ['1Ti', 2 ** 40],
    ['1Pi', 2 ** 50],
    ['1Ei', 2 ** 60],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['5.', 5],
    ['+1', 1],
    ['-1', -1],
    ['-100m', -0.1],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1e-3', 0.001],
    ['1e+3', 1000],
    ['12e6', 12e6],
    ['0.1Ki', 102.4],
  ];
  for (const [text, want] of cases) {
    assert.equal(isValidQuantity(text), true, text);
    assert.equal(parseQuantity(text), want, text);
  }
});

test('rejects invalid quantities', () => {
  for (const text of ['', ' ', '1 ', ' 1', 'Gi', '1K', '1i', '1kk', '1KiB', '1.1.1', '1e', '1e1.5', '1Gi1', '.', '-', '+', 'abc', '1,5', '1 Gi', '1mi', '10%', '0x10']) {
    assert.equal(isValidQuantity(text), false, JSON.stringify(text));
    assert.throws(() => parseQuantity(text), Error, JSON.stringify(text));
  }
});

test('formats DecimalSI canonically', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [1, '1'],
    [0.1, '100m'],
    [1.5, '1500m'],
    [0.0015, '1500u'],
    [1000, '1k'],
    [1500, '1500'],
    [100000, '100k'],
    [1e6, '1M'],
    [1234567, '1234567'],
    [2e9, '2G'],
    [1e21, '1000E'],
    [-0.25, '-250m'],
    [1e-9, '1n'],
    [1e-10, '1n'],
    [1024, '1024'],
  ];
  for (const [value, want] of cases) assert.equal(formatQuantity(value, 'DecimalSI'), want, String(value));
});

test('formats BinarySI canonically, falling back to decimal like upstream', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [512, '512'],
    [1023, '1023'],
    [1024, '1Ki'],
    [1536, '1536'],
    [134217728, '128Mi'],
    [1073741824, '1Gi'],
    [1610612736, '1536Mi'],
    [2 ** 60, '1Ei'],
    [2 ** 61, '2Ei'],
    [0.5, '500m'],
    [1500.5, '1500500m'],
    [-2048, '-2Ki'],
  ];
  for (const [value, want] of cases) assert.equal(formatQuantity(value, 'BinarySI'), want, String(value));
});

test('format then parse round-trips', () => {
  for (const value of [0.001, 0.5, 3, 1000, 2 ** 30, 123456789, 7.25e-7]) {
    for (const format of ['DecimalSI', 'BinarySI'] as const) assert.equal(parseQuantity(formatQuantity(value, format)), value, `${value} ${format}`);
  }
});
