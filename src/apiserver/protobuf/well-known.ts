// JSON forms of the apimachinery types whose Go JSON encoding differs from their protobuf shape.

import { ProtobufDecodeError } from './errors.js';
import { WireReader, WIRE_BYTES, WIRE_VARINT } from './wire.js';

const MAX_UNIX_SECONDS = 253402300799; // 9999-12-31T23:59:59Z, the last instant Go's JSON time encoding accepts
const MIN_UNIX_SECONDS = -62135596800; // 0001-01-01T00:00:00Z

/** Reads the scalar fields of a small message into a number -> value table (last occurrence wins). */
export function readFlat(reader: WireReader): Map<number, bigint | Uint8Array> {
  const out = new Map<number, bigint | Uint8Array>();
  while (!reader.done()) {
    const { field, wireType } = reader.readTag();
    if (wireType === WIRE_VARINT) out.set(field, reader.readVarint64());
    else if (wireType === WIRE_BYTES) out.set(field, reader.readBytes());
    else reader.skip(wireType);
  }
  return out;
}

function int(values: Map<number, bigint | Uint8Array>, field: number): bigint {
  const v = values.get(field);
  if (v === undefined) return 0n;
  if (typeof v !== 'bigint') throw new ProtobufDecodeError(`field ${field} should be a varint`);
  return v;
}

function bytes(values: Map<number, bigint | Uint8Array>, field: number): Uint8Array | undefined {
  const v = values.get(field);
  if (v === undefined) return undefined;
  if (typeof v === 'bigint') throw new ProtobufDecodeError(`field ${field} should be length-delimited`);
  return v;
}

export function text(value: Uint8Array | undefined): string {
  return value ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8') : '';
}

/**
 * metav1.Time {seconds=1, nanos=2}: RFC 3339 in UTC with whole seconds; metav1.MicroTime: six fractional
 * digits. An empty message is the zero time, which Go encodes as JSON null: undefined here.
 */
export function decodeTime(reader: WireReader, micro: boolean): string | undefined {
  if (reader.done()) return undefined;
  const values = readFlat(reader);
  const seconds = BigInt.asIntN(64, int(values, 1));
  const nanos = Number(BigInt.asIntN(32, int(values, 2)));
  if (seconds < BigInt(MIN_UNIX_SECONDS) || seconds > BigInt(MAX_UNIX_SECONDS)) {
    throw new ProtobufDecodeError(`timestamp ${seconds}s is outside the years 1-9999`);
  }
  if (nanos < 0 || nanos > 999_999_999) throw new ProtobufDecodeError(`timestamp nanos ${nanos} out of range`);
  const iso = new Date(Number(seconds) * 1000).toISOString(); // yyyy-mm-ddThh:mm:ss.sssZ
  const whole = iso.slice(0, 19);
  return micro ? `${whole}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${whole}Z`;
}

/** metav1.Duration {duration=1 int64 nanoseconds} in Go's time.Duration.String() form. */
export function decodeDuration(reader: WireReader): string {
  return formatGoDuration(BigInt.asIntN(64, int(readFlat(reader), 1)));
}

export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const negative = ns < 0n;
  let u = negative ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    // Below one second Go picks the largest unit that keeps the integer part non-zero.
    const [unit, scale] = u < 1_000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1_000n] : ['ms', 1_000_000n];
    out = fraction(u, scale) + unit;
  } else {
    const hours = u / 3_600_000_000_000n;
    u -= hours * 3_600_000_000_000n;
    const minutes = u / 60_000_000_000n;
    u -= minutes * 60_000_000_000n;
    out = `${fraction(u, 1_000_000_000n)}s`;
    if (hours > 0n || minutes > 0n) out = `${minutes}m${out}`;
    if (hours > 0n) out = `${hours}h${out}`;
  }
  return negative ? `-${out}` : out;
}

/** value/scale as a decimal with trailing zeros (and a bare point) removed. */
function fraction(value: bigint, scale: bigint): string {
  const whole = value / scale;
  const rest = value % scale;
  if (rest === 0n) return String(whole);
  const digits = String(scale).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** resource.Quantity {string=1}: the string as written (an empty one is the zero quantity, "0"). */
export function decodeQuantity(reader: WireReader): string {
  return text(bytes(readFlat(reader), 1)) || '0';
}

/** intstr.IntOrString {type=1 (0 int, 1 string), intVal=2, strVal=3}. */
export function decodeIntOrString(reader: WireReader): number | string {
  const values = readFlat(reader);
  if (int(values, 1) === 1n) return text(bytes(values, 3));
  return Number(BigInt.asIntN(32, int(values, 2)));
}

/** A message whose field 1 is raw JSON (runtime.RawExtension, metav1.FieldsV1, apiextensions JSON). */
export function rawBytes(reader: WireReader): Uint8Array | undefined {
  const raw = bytes(readFlat(reader), 1);
  return raw && raw.length > 0 ? raw : undefined;
}

export function parseJson(raw: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(text(raw)) as unknown;
  } catch {
    throw new ProtobufDecodeError(`${what} does not hold valid JSON`);
  }
}
