import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtobufDecodeError } from './errors.js';
import { WireReader, WIRE_BYTES, WIRE_FIXED32, WIRE_FIXED64, WIRE_VARINT } from './wire.js';

const reader = (...bytes: number[]): WireReader => new WireReader(Uint8Array.from(bytes));

test('varints (vectors from the protobuf encoding guide and two’s-complement negatives)', () => {
  const cases: [number[], number][] = [
    [[0x00], 0],
    [[0x01], 1],
    [[0x7f], 127],
    [[0x80, 0x01], 128],
    [[0x96, 0x01], 150],
    [[0xac, 0x02], 300],
    [[0xff, 0xff, 0xff, 0xff, 0x0f], 4294967295],
    [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f], 2 ** 53 - 1],
  ];
  for (const [bytes, value] of cases) {
    const r = reader(...bytes);
    assert.equal(r.readVarint(), value, bytes.join(','));
    assert.ok(r.done());
    assert.equal(reader(...bytes).readVarint64(), BigInt(value));
  }
  const minusOne = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
  assert.equal(reader(...minusOne).readVarint64(), -1n);
  assert.throws(() => reader(...minusOne).readVarint(), /varint too large/);
});

test('tags split into field number and wire type', () => {
  assert.deepEqual(reader(0x08).readTag(), { field: 1, wireType: WIRE_VARINT });
  assert.deepEqual(reader(0x12).readTag(), { field: 2, wireType: WIRE_BYTES });
  assert.deepEqual(reader(0xa2, 0x02).readTag(), { field: 36, wireType: WIRE_BYTES });
  assert.throws(() => reader(0x00).readTag(), ProtobufDecodeError);
});

test('length-delimited values and nested readers stay inside their span', () => {
  const r = reader(0x03, 0x61, 0x62, 0x63, 0x02, 0x08, 0x05, 0x99);
  assert.deepEqual([...r.readBytes()], [0x61, 0x62, 0x63]);
  const [start, end] = r.readSpan();
  const inner = new WireReader(r.buf, start, end);
  assert.deepEqual(inner.readTag(), { field: 1, wireType: WIRE_VARINT });
  assert.equal(inner.readVarint(), 5);
  assert.ok(inner.done());
  assert.throws(() => inner.readVarint(), /truncated varint/);
  assert.equal(r.offset, 7);
});

test('fixed-width values and skipping every supported wire type', () => {
  const r = reader(0x01, 0x02, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8);
  assert.deepEqual([...r.readFixed32()], [1, 2, 3, 4]);
  assert.deepEqual([...r.readFixed64()], [1, 2, 3, 4, 5, 6, 7, 8]);
  const s = reader(0x96, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0x02, 0xaa, 0xbb, 1, 2, 3, 4);
  s.skip(WIRE_VARINT);
  s.skip(WIRE_FIXED64);
  s.skip(WIRE_BYTES);
  s.skip(WIRE_FIXED32);
  assert.ok(s.done());
});

test('malformed input throws ProtobufDecodeError', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['length past the end', () => reader(0x05, 0x01).readBytes(), /truncated data: 5 bytes needed at offset 1, 1 left/],
    ['fixed64 past the end', () => reader(1, 2, 3).readFixed64(), /truncated data/],
    ['eleven-byte varint', () => reader(...new Array<number>(11).fill(0x80)).readVarint64(), /longer than 10 bytes/],
    ['start group', () => reader().skip(3), /unsupported wire type 3/],
    ['end group', () => reader().skip(4), /unsupported wire type 4/],
    ['bounds past the buffer', () => new WireReader(new Uint8Array(2), 0, 3), /invalid buffer bounds/],
  ];
  for (const [name, fn, message] of cases) {
    assert.throws(fn, (e: unknown) => e instanceof ProtobufDecodeError && message.test(e.message), name);
  }
});
