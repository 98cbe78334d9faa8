// Decodes a Kubernetes protobuf request body (application/vnd.kubernetes.protobuf) into the JSON object a
// Go client would have sent for the same value, so the rest of the server handles it like a JSON body.
//
// Emptiness rule (mirrors Go's json tags): gogo Marshal writes every non-pointer scalar and non-nullable
// message even when zero, so a field that is not a Go pointer and is tagged omitempty is dropped when it
// decodes to "", 0, false, [], {} or a zero time. Pointer fields keep whatever was sent (replicas: 0,
// automountServiceAccountToken: false, emptyDir: {}). Non-pointer fields whose json tag has no omitempty
// are always present (absent ones get their zero value: "", 0, false, [], {}).

import { setOwnProperty } from '../../machinery/object.js';
import { ProtobufDecodeError } from './errors.js';
import { messageFields, messageForKind, type FieldDescriptor, type ScalarKind } from './schema.js';
import {
  decodeDuration,
  decodeIntOrString,
  decodeQuantity,
  decodeTime,
  parseJson,
  rawBytes,
  readFlat,
  text,
} from './well-known.js';
import { WireReader, WIRE_BYTES, WIRE_FIXED32, WIRE_FIXED64, WIRE_VARINT } from './wire.js';

export { ProtobufDecodeError } from './errors.js';

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';
export const MAX_PROTOBUF_NESTING = 100;

const MAGIC = [0x6b, 0x38, 0x73, 0x00]; // "k8s\0"

export interface ExpectedKind {
  apiVersion: string;
  kind: string;
}

export function decodeKubernetesProtobuf(body: Uint8Array, expected?: ExpectedKind): Record<string, unknown> {
  return decodeEnvelope(body, expected, 0);
}

function decodeEnvelope(body: Uint8Array, expected: ExpectedKind | undefined, depth: number): Record<string, unknown> {
  if (body.length < MAGIC.length || MAGIC.some((b, i) => body[i] !== b)) {
    throw new ProtobufDecodeError('the body does not start with the "k8s\\x00" prefix of the Kubernetes protobuf encoding');
  }
  const reader = new WireReader(body, MAGIC.length);
  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array | undefined;
  let contentEncoding = '';
  let contentType = '';
  while (!reader.done()) {
    const { field, wireType } = reader.readTag();
    if (field > 4) {
      reader.skip(wireType);
      continue;
    }
    expectWire(wireType, WIRE_BYTES, 'runtime.Unknown', field);
    const value = reader.readBytes();
    if (field === 1) {
      const typeMeta = readFlat(new WireReader(value));
      const v = typeMeta.get(1);
      const k = typeMeta.get(2);
      if (typeof v === 'bigint' || typeof k === 'bigint') throw new ProtobufDecodeError('malformed TypeMeta in the envelope');
      apiVersion = text(v);
      kind = text(k);
    } else if (field === 2) raw = value;
    else if (field === 3) contentEncoding = text(value);
    else contentType = text(value);
  }
  if (contentEncoding) throw new ProtobufDecodeError(`content encoding "${contentEncoding}" in the protobuf envelope is not supported`);
  if (contentType && contentType !== PROTOBUF_CONTENT_TYPE) {
    throw new ProtobufDecodeError(`the protobuf envelope carries content type "${contentType}"; only ${PROTOBUF_CONTENT_TYPE} is supported`);
  }
  apiVersion ||= expected?.apiVersion ?? '';
  kind ||= expected?.kind ?? '';
  if (!apiVersion || !kind) throw new ProtobufDecodeError('the protobuf body names no apiVersion and kind');
  const message = messageForKind(apiVersion, kind);
  if (!message) {
    throw new ProtobufDecodeError(
      `${kind} (${apiVersion}) cannot be sent as protobuf to this server; send it as JSON (Content-Type: application/json)`,
    );
  }
  const object = decodeMessage(new WireReader(raw ?? new Uint8Array(0)), message, depth + 1);
  return { apiVersion, kind, ...object };
}

function decodeMessage(reader: WireReader, name: string, depth: number): Record<string, unknown> {
  if (depth > MAX_PROTOBUF_NESTING) throw new ProtobufDecodeError(`the object is nested deeper than ${MAX_PROTOBUF_NESTING} levels`);
  const fields = messageFields(name);
  if (!fields) throw new ProtobufDecodeError(`no protobuf description of message ${name}`);
  const values = new Map<number, unknown>();
  while (!reader.done()) {
    const { field, wireType } = reader.readTag();
    const f = fields.get(field);
    if (!f) {
      reader.skip(wireType); // unknown fields are ignored, as Go's generated Unmarshal does
      continue;
    }
    if (f.kind === 'map') {
      expectWire(wireType, WIRE_BYTES, name, field);
      const entries = (values.get(field) as Record<string, unknown> | undefined) ?? {};
      const [key, value] = decodeMapEntry(reader, f, name, depth);
      // Map keys are client data: "__proto__" stays a plain key.
      setOwnProperty(entries, key, value);
      values.set(field, entries);
    } else if (f.repeated) {
      const list = (values.get(field) as unknown[] | undefined) ?? [];
      if (wireType === WIRE_BYTES && isPackable(f.kind)) {
        const [start, end] = reader.readSpan();
        const packed = new WireReader(reader.buf, start, end);
        while (!packed.done()) list.push(readScalar(packed, f.kind as ScalarKind));
      } else {
        list.push(readValue(reader, wireType, f, name, depth) ?? null); // a zero time or empty raw JSON is null
      }
      values.set(field, list);
    } else {
      values.set(field, readValue(reader, wireType, f, name, depth));
    }
  }
  return finish(fields, values, depth);
}

/** Applies the emptiness rule and merges ",inline" members, in field-number order. */
function finish(fields: Map<number, FieldDescriptor>, values: Map<number, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields.values()) {
    let value = values.get(f.number);
    if (value === undefined && f.keepEmpty && !f.pointer) value = zeroValue(f, depth);
    if (value === undefined) continue;
    if (f.inline) {
      if (isObject(value)) Object.assign(out, value);
      continue;
    }
    if (!f.pointer && !f.keepEmpty && isEmpty(value)) continue;
    out[f.json] = value;
  }
  return out;
}

function readValue(reader: WireReader, wireType: number, f: FieldDescriptor, owner: string, depth: number): unknown {
  if (f.kind === 'message') {
    expectWire(wireType, WIRE_BYTES, owner, f.number);
    const [start, end] = reader.readSpan();
    return decodeNamed(new WireReader(reader.buf, start, end), f.message!, depth + 1);
  }
  expectWire(wireType, wireTypeOf(f.kind as ScalarKind), owner, f.number);
  return readScalar(reader, f.kind as ScalarKind);
}

function decodeMapEntry(reader: WireReader, f: FieldDescriptor, owner: string, depth: number): [string, unknown] {
  const [start, end] = reader.readSpan();
  const entry = new WireReader(reader.buf, start, end);
  let key = '';
  let value: unknown;
  while (!entry.done()) {
    const { field, wireType } = entry.readTag();
    if (field === 1) {
      expectWire(wireType, WIRE_BYTES, `${owner} map entry`, 1);
      key = text(entry.readBytes());
    } else if (field === 2 && f.mapValue === 'message') {
      expectWire(wireType, WIRE_BYTES, `${owner} map entry`, 2);
      const [s, e] = entry.readSpan();
      value = decodeNamed(new WireReader(entry.buf, s, e), f.message!, depth + 1);
    } else if (field === 2) {
      const kind = f.mapValue as ScalarKind;
      expectWire(wireType, wireTypeOf(kind), `${owner} map entry`, 2);
      value = readScalar(entry, kind);
    } else entry.skip(wireType);
  }
  if (value === undefined) {
    value = f.mapValue === 'message' ? decodeNamed(new WireReader(new Uint8Array(0)), f.message!, depth + 1) : scalarZero(f.mapValue as ScalarKind);
  }
  return [key, value ?? null];
}

const APIEXT = 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.';

type CustomForm = (reader: WireReader, depth: number, name: string) => unknown;

const rawJson: CustomForm = (reader, _depth, name) => {
  const raw = rawBytes(reader);
  return raw ? parseJson(raw, name) : undefined;
};

/** Messages whose Go JSON form is not their protobuf shape; the generated table stops at them. */
const CUSTOM_FORMS: Record<string, CustomForm> = {
  'k8s.io.apimachinery.pkg.apis.meta.v1.Time': (reader) => decodeTime(reader, false),
  'k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime': (reader) => decodeTime(reader, true),
  'k8s.io.apimachinery.pkg.apis.meta.v1.Duration': (reader) => decodeDuration(reader),
  'k8s.io.apimachinery.pkg.api.resource.Quantity': (reader) => decodeQuantity(reader),
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': (reader) => decodeIntOrString(reader),
  'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1': rawJson,
  [`${APIEXT}JSON`]: rawJson,
  // Usually JSON; a Go client may also embed a whole protobuf-encoded object.
  'k8s.io.apimachinery.pkg.runtime.RawExtension': (reader, depth, name) => {
    const raw = rawBytes(reader);
    if (!raw) return undefined;
    return MAGIC.every((b, i) => raw[i] === b) ? decodeEnvelope(raw, undefined, depth) : parseJson(raw, name);
  },
  [`${APIEXT}JSONSchemaPropsOrArray`]: (reader, depth) => decodeSchemaOr(reader, depth, 'array'),
  [`${APIEXT}JSONSchemaPropsOrBool`]: (reader, depth) => decodeSchemaOr(reader, depth, 'bool'),
  [`${APIEXT}JSONSchemaPropsOrStringArray`]: (reader, depth) => decodeSchemaOr(reader, depth, 'strings'),
  // Go `type ExtraValue []string`.
  'k8s.io.api.authentication.v1.ExtraValue': decodeStringList,
  'k8s.io.api.authorization.v1.ExtraValue': decodeStringList,
  'k8s.io.api.certificates.v1.ExtraValue': decodeStringList,
};

export function hasCustomJsonForm(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(CUSTOM_FORMS, name);
}

/** A message value: the hand-written JSON forms first, then the generated table. */
function decodeNamed(reader: WireReader, name: string, depth: number): unknown {
  if (depth > MAX_PROTOBUF_NESTING) throw new ProtobufDecodeError(`the object is nested deeper than ${MAX_PROTOBUF_NESTING} levels`);
  return hasCustomJsonForm(name) ? CUSTOM_FORMS[name]!(reader, depth, name) : decodeMessage(reader, name, depth);
}

/**
 * The apiextensions unions: OrArray {schema=1, jSONSchemas=2} is the list when it has items, else the schema;
 * OrBool {allows=1, schema=2} is the schema when set, else the boolean; OrStringArray {schema=1, property=2}
 * is the string list when it has items, else the schema.
 */
function decodeSchemaOr(reader: WireReader, depth: number, form: 'array' | 'bool' | 'strings'): unknown {
  const schemaField = form === 'bool' ? 2 : 1;
  let schema: unknown;
  let allows = false;
  const list: unknown[] = [];
  while (!reader.done()) {
    const { field, wireType } = reader.readTag();
    if (field === schemaField || (form === 'array' && field === 2)) {
      expectWire(wireType, WIRE_BYTES, `${APIEXT}JSONSchemaProps union`, field);
      const [start, end] = reader.readSpan();
      const value = decodeMessage(new WireReader(reader.buf, start, end), `${APIEXT}JSONSchemaProps`, depth + 1);
      if (field === schemaField) schema = value;
      else list.push(value);
    } else if (form === 'bool' && field === 1) {
      expectWire(wireType, WIRE_VARINT, `${APIEXT}JSONSchemaPropsOrBool`, 1);
      allows = reader.readVarint64() !== 0n;
    } else if (form === 'strings' && field === 2) {
      expectWire(wireType, WIRE_BYTES, `${APIEXT}JSONSchemaPropsOrStringArray`, 2);
      list.push(text(reader.readBytes()));
    } else reader.skip(wireType);
  }
  if (form === 'bool') return schema ?? allows;
  return list.length > 0 ? list : schema;
}

function decodeStringList(reader: WireReader, _depth: number, owner: string): string[] {
  const out: string[] = [];
  while (!reader.done()) {
    const { field, wireType } = reader.readTag();
    if (field !== 1) {
      reader.skip(wireType);
      continue;
    }
    expectWire(wireType, WIRE_BYTES, owner, 1);
    out.push(text(reader.readBytes()));
  }
  return out;
}

function readScalar(reader: WireReader, kind: ScalarKind): unknown {
  switch (kind) {
    case 'string':
      return text(reader.readBytes());
    case 'bytes': {
      const b = reader.readBytes();
      return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
    }
    case 'bool':
      return reader.readVarint64() !== 0n;
    case 'int32':
      return Number(BigInt.asIntN(32, reader.readVarint64()));
    case 'uint32':
      return Number(BigInt.asUintN(32, reader.readVarint64()));
    case 'int64':
      return Number(reader.readVarint64());
    case 'uint64':
      return Number(BigInt.asUintN(64, reader.readVarint64()));
    case 'double': {
      const b = reader.readFixed64();
      return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
    }
    case 'float': {
      const b = reader.readFixed32();
      return new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true);
    }
  }
}

function wireTypeOf(kind: ScalarKind | 'message'): number {
  if (kind === 'double') return WIRE_FIXED64;
  if (kind === 'float') return WIRE_FIXED32;
  if (kind === 'string' || kind === 'bytes' || kind === 'message') return WIRE_BYTES;
  return WIRE_VARINT;
}

function isPackable(kind: string): boolean {
  return kind !== 'string' && kind !== 'bytes' && kind !== 'message' && kind !== 'map';
}

function expectWire(actual: number, expected: number, owner: string, field: number): void {
  if (actual !== expected) {
    throw new ProtobufDecodeError(`field ${field} of ${owner} has wire type ${actual}, expected ${expected}`);
  }
}

function zeroValue(f: FieldDescriptor, depth: number): unknown {
  if (f.repeated) return [];
  if (f.kind === 'map') return {};
  if (f.kind === 'message') return decodeNamed(new WireReader(new Uint8Array(0)), f.message!, depth + 1);
  return f.kind === 'bytes' ? undefined : scalarZero(f.kind);
}

function scalarZero(kind: ScalarKind): unknown {
  if (kind === 'string' || kind === 'bytes') return '';
  return kind === 'bool' ? false : 0;
}

function isEmpty(value: unknown): boolean {
  if (value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
