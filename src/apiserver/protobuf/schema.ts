// The shape of the generated message table (descriptors.ts) and its expansion into lookup maps.

import { KINDS, MESSAGES } from './descriptors.js';

export type ScalarKind = 'string' | 'int32' | 'int64' | 'uint32' | 'uint64' | 'bool' | 'double' | 'float' | 'bytes';
export type FieldKind = ScalarKind | 'message' | 'map';

export interface FieldDescriptor {
  number: number;
  /** The JSON field name (from the Go json tag). */
  json: string;
  kind: FieldKind;
  /** Full message name for kind 'message', and for a 'map' whose values are messages. */
  message?: string;
  repeated?: boolean;
  /** The Go field is a pointer: a present zero value is meaningful and kept. */
  pointer?: boolean;
  /** The Go json tag has no omitempty: the field is written even when empty. */
  keepEmpty?: boolean;
  /** The Go field is embedded with json ",inline": its fields merge into the parent object. */
  inline?: boolean;
  /** Map keys are always strings in the Kubernetes API. */
  mapValue?: ScalarKind | 'message';
}

export const F_REPEATED = 1;
export const F_POINTER = 2;
export const F_KEEP_EMPTY = 4;
export const F_INLINE = 8;

/** Compact form: [number, json, kind, flags, message?, mapValue?]. */
export type FieldTuple = readonly [number, string, FieldKind, number, string?, (ScalarKind | 'message')?];

const cache = new Map<string, Map<number, FieldDescriptor>>();

/** The fields of a message by field number, or undefined when the table does not know the message. */
export function messageFields(name: string): Map<number, FieldDescriptor> | undefined {
  let fields = cache.get(name);
  if (fields) return fields;
  const tuples = Object.prototype.hasOwnProperty.call(MESSAGES, name) ? MESSAGES[name] : undefined;
  if (!tuples) return undefined;
  fields = new Map();
  for (const [number, json, kind, flags, message, mapValue] of tuples) {
    const f: FieldDescriptor = { number, json, kind };
    if (message) f.message = message;
    if (flags & F_REPEATED) f.repeated = true;
    if (flags & F_POINTER) f.pointer = true;
    if (flags & F_KEEP_EMPTY) f.keepEmpty = true;
    if (flags & F_INLINE) f.inline = true;
    if (mapValue) f.mapValue = mapValue;
    fields.set(number, f);
  }
  cache.set(name, fields);
  return fields;
}

/** The message that carries objects of apiVersion/kind, if protobuf bodies of that kind are understood. */
export function messageForKind(apiVersion: string, kind: string): string | undefined {
  // client-go encodes DeleteOptions in the group version of the resource it deletes.
  if (kind === 'DeleteOptions') return 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions';
  const key = `${apiVersion}/${kind}`;
  return Object.prototype.hasOwnProperty.call(KINDS, key) ? KINDS[key] : undefined;
}
