import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtobufDecodeError } from './errors.js';
import { decodeIntOrString, decodeQuantity, decodeTime, formatGoDuration } from './well-known.js';
import { WireReader } from './wire.js';

const reader = (...bytes: number[]): WireReader => new WireReader(Uint8Array.from(bytes));
const varint = (value: number): number[] => {
  const out: number[] = [];
  let v = BigInt.asUintN(64, BigInt(value));
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  return [...out, Number(v)];
};
const timestamp = (seconds: number, nanos = 0): WireReader => reader(0x08, ...varint(seconds), 0x10, ...varint(nanos));

test('Go duration strings (the vectors of Go’s time.Duration.String tests)', () => {
  const minute = 60_000_000_000n;
  const hour = 60n * minute;
  const cases: [bigint, string][] = [
    [0n, '0s'],
    [1n, '1ns'],
    [1100n, '1.1µs'],
    [2_200_000n, '2.2ms'],
    [3_300_000_000n, '3.3s'],
    [4n * minute + 5_000_000_000n, '4m5s'],
    [4n * minute + 5_001_000_000n, '4m5.001s'],
    [5n * hour + 6n * minute + 7_001_000_000n, '5h6m7.001s'],
    [8n * minute + 1n, '8m0.000000001s'],
    [90_000_000_000n, '1m30s'],
    [hour, '1h0m0s'],
    [2n ** 63n - 1n, '2562047h47m16.854775807s'],
    [-(2n ** 63n), '-2562047h47m16.854775808s'],
  ];
  for (const [ns, text] of cases) assert.equal(formatGoDuration(ns), text);
});

test('metav1.Time: whole seconds in UTC; MicroTime: six fractional digits; empty is the zero time', () => {
  assert.equal(decodeTime(timestamp(1767225600, 999_999_999), false), '2026-01-01T00:00:00Z');
  assert.equal(decodeTime(timestamp(1767225600, 123_456_789), true), '2026-01-01T00:00:00.123456Z');
  assert.equal(decodeTime(timestamp(0), false), '1970-01-01T00:00:00Z');
  assert.equal(decodeTime(timestamp(-62135596800), false), '0001-01-01T00:00:00Z');
  assert.equal(decodeTime(reader(), false), undefined);
  assert.throws(() => decodeTime(timestamp(253402300800), false), ProtobufDecodeError);
  assert.throws(() => decodeTime(timestamp(1, -1), true), ProtobufDecodeError);
});

test('IntOrString and Quantity', () => {
  assert.equal(decodeIntOrString(reader(0x08, 0x00, 0x10, ...varint(8080), 0x1a, 0x00)), 8080);
  assert.equal(decodeIntOrString(reader(0x08, 0x01, 0x10, 0x00, 0x1a, 0x03, 0x32, 0x35, 0x25)), '25%');
  assert.equal(decodeIntOrString(reader(0x10, ...varint(-1))), -1);
  assert.equal(decodeIntOrString(reader()), 0);
  assert.equal(decodeQuantity(reader(0x0a, 0x04, 0x35, 0x30, 0x30, 0x6d)), '500m');
  assert.equal(decodeQuantity(reader()), '0');
});
