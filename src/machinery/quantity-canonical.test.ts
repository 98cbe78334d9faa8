import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalQuantity } from './quantity-canonical.js';

test('quantities in the text resource.Quantity marshals them to', () => {
  const cases: [string | number, string][] = [
    ['1', '1'], [1, '1'], ['1000m', '1'], ['1500m', '1500m'], [0.5, '500m'], ['0.5', '500m'], ['.5', '500m'], ['5.', '5'],
    ['100m', '100m'], ['0.1', '100m'], ['1000', '1k'], ['1500', '1500'], ['2000000', '2M'], ['12e6', '12e6'], ['1e3', '1e3'], ['1.5e3', '1500'],
    ['1Ki', '1Ki'], ['1024Ki', '1Mi'], ['1.5Gi', '1536Mi'], ['100Mi', '100Mi'], ['1024', '1024'], ['1023Ki', '1023Ki'],
    ['0.5Ki', '512'], ['0.1Ki', '102400m'], [1610612736, '1610612736'], ['0', '0'], ['0Mi', '0'], ['-0', '0'], ['-1.5', '-1500m'], ['-2Gi', '-2Gi'],
    ['+3', '3'], ['1n', '1n'], ['0.0000000001', '1n'], ['1.0000000001', '1000000001n'], ['1000E', '1000E'], ['123456789012345678901', '123456789012345678901'],
  ];
  for (const [input, want] of cases) assert.equal(canonicalQuantity(input), want, String(input));
});

test('text that is no quantity has no canonical form', () => {
  for (const bad of ['', 'abc', '1Gb', '1.2.3', 'e3', '.', '1 Gi', Number.NaN, Infinity]) assert.equal(canonicalQuantity(bad), undefined, String(bad));
});
