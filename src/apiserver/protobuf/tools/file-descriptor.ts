// Reads the parts of a serialized google.protobuf.FileDescriptorProto that the extractor needs,
// including the gogoproto field options that say whether a Go field is a pointer.

import { WireReader, WIRE_BYTES, WIRE_VARINT } from '../wire.js';

export interface ProtoField {
  name: string;
  number: number;
  repeated: boolean;
  /** google.protobuf.FieldDescriptorProto.Type */
  type: number;
  /** Fully qualified message name without the leading dot. */
  typeName?: string;
  /** gogoproto.nullable; absent means true (a pointer in Go for optional fields). */
  nullable: boolean;
  /** gogoproto.customname: the Go field name when it differs from the proto name. */
  goName?: string;
}

export interface ProtoMessage {
  fullName: string;
  fields: ProtoField[];
  mapEntry: boolean;
}

const GOGO_NULLABLE = 65001;
const GOGO_CUSTOMNAME = 65004;

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

/** Every message (nested ones included) of one file, keyed by full name. */
export function readFileDescriptor(bytes: Uint8Array): { name: string; messages: ProtoMessage[] } {
  const reader = new WireReader(bytes);
  let name = '';
  let pkg = '';
  const raw: Uint8Array[] = [];
  while (!reader.done()) {
    const { field, wireType } = reader.readTag();
    if (wireType !== WIRE_BYTES) {
      reader.skip(wireType);
      continue;
    }
    const value = reader.readBytes();
    if (field === 1) name = text(value);
    else if (field === 2) pkg = text(value);
    else if (field === 4) raw.push(value);
  }
  const messages: ProtoMessage[] = [];
  for (const m of raw) readMessage(m, pkg, messages);
  return { name, messages };
}

function readMessage(bytes: Uint8Array, scope: string, out: ProtoMessage[]): void {
  const reader = new WireReader(bytes);
  let name = '';
  const fields: ProtoField[] = [];
  const nested: Uint8Array[] = [];
  let mapEntry = false;
  while (!reader.done()) {
    const { field, wireType } = reader.readTag();
    if (wireType !== WIRE_BYTES) {
      reader.skip(wireType);
      continue;
    }
    const value = reader.readBytes();
    if (field === 1) name = text(value);
    else if (field === 2) fields.push(readField(value));
    else if (field === 3) nested.push(value);
    else if (field === 7) mapEntry = readOptionFlag(value, 7);
  }
  const fullName = `${scope}.${name}`;
  out.push({ fullName, fields, mapEntry });
  for (const n of nested) readMessage(n, fullName, out);
}

function readField(bytes: Uint8Array): ProtoField {
  const reader = new WireReader(bytes);
  const f: ProtoField = { name: '', number: 0, repeated: false, type: 0, nullable: true };
  while (!reader.done()) {
    const { field, wireType } = reader.readTag();
    if (wireType === WIRE_VARINT) {
      const v = reader.readVarint();
      if (field === 3) f.number = v;
      else if (field === 4) f.repeated = v === 3;
      else if (field === 5) f.type = v;
      continue;
    }
    if (wireType !== WIRE_BYTES) {
      reader.skip(wireType);
      continue;
    }
    const value = reader.readBytes();
    if (field === 1) f.name = text(value);
    else if (field === 6) f.typeName = text(value).replace(/^\./, '');
    else if (field === 8) readFieldOptions(value, f);
  }
  return f;
}

function readFieldOptions(bytes: Uint8Array, f: ProtoField): void {
  const reader = new WireReader(bytes);
  while (!reader.done()) {
    const { field, wireType } = reader.readTag();
    if (field === GOGO_NULLABLE && wireType === WIRE_VARINT) f.nullable = reader.readVarint() !== 0;
    else if (field === GOGO_CUSTOMNAME && wireType === WIRE_BYTES) f.goName = text(reader.readBytes());
    else reader.skip(wireType);
  }
}

function readOptionFlag(bytes: Uint8Array, number: number): boolean {
  const reader = new WireReader(bytes);
  let value = false;
  while (!reader.done()) {
    const { field, wireType } = reader.readTag();
    if (field === number && wireType === WIRE_VARINT) value = reader.readVarint() !== 0;
    else reader.skip(wireType);
  }
  return value;
}
