// One step of a field path, as structured-merge-diff models it: a struct/map field, a list-map item
// selected by its key fields, a set item selected by its value, or (legacy) a list index. Each has a
// FieldsV1 spelling (`f:name`, `k:{"name":"c1"}`, `v:"a"`, `i:0`) and a human one (`.name`,
// `[name="c1"]`, `[="a"]`, `[0]`).

import { isPlainObject } from '../object.js';
import { goJson } from '../go-json.js';
import { compareValues, valueToString } from './values.js';
import { remembered } from '../remembered.js';

export interface KeyField {
  readonly name: string;
  readonly value: unknown;
}

export type PathElement =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'key'; readonly fields: readonly KeyField[] }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'index'; readonly index: number };

export type FieldPath = readonly PathElement[];

export const fieldElement = (name: string): PathElement => ({ kind: 'field', name });

/**
 * The serialized field element of `name` ("f:<name>"). Remembered (most objects share their field
 * names): a key made afresh is a new string to hash and intern each time it names a FieldsV1 property.
 */
export const fieldKey = remembered(4096, (name) => `f:${name}`);

/** A list-map key; fields are sorted by name so equal keys serialize identically. */
export function keyElement(fields: Iterable<KeyField> | Record<string, unknown>): PathElement {
  const list = isIterable(fields) ? [...fields] : Object.entries(fields).map(([name, value]) => ({ name, value }));
  list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { kind: 'key', fields: list };
}

export const valueElement = (value: unknown): PathElement => ({ kind: 'value', value });

function isIterable(x: unknown): x is Iterable<KeyField> {
  return typeof x === 'object' && x !== null && Symbol.iterator in x;
}

const KIND_ORDER = { field: 0, key: 1, value: 2, index: 3 } as const;

/** Orders anything that carries a path element by it (entries of a set, indexed list items). */
export function byPathElement(a: { readonly pe: PathElement }, b: { readonly pe: PathElement }): number {
  return comparePathElements(a.pe, b.pe);
}

export function comparePathElements(a: PathElement, b: PathElement): number {
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] < KIND_ORDER[b.kind] ? -1 : 1;
  switch (a.kind) {
    case 'field': {
      const n = (b as { name: string }).name;
      return a.name < n ? -1 : a.name > n ? 1 : 0;
    }
    case 'key': {
      const other = (b as { fields: readonly KeyField[] }).fields;
      for (let i = 0; ; i++) {
        if (i >= a.fields.length && i >= other.length) return 0;
        if (i >= a.fields.length) return -1;
        if (i >= other.length) return 1;
        const x = a.fields[i]!;
        const y = other[i]!;
        if (x.name !== y.name) return x.name < y.name ? -1 : 1;
        const c = compareValues(x.value, y.value);
        if (c !== 0) return c;
      }
    }
    case 'value':
      return compareValues(a.value, (b as { value: unknown }).value);
    case 'index': {
      const j = (b as { index: number }).index;
      return a.index < j ? -1 : a.index > j ? 1 : 0;
    }
  }
}

/** The FieldsV1 key for this element. Equal elements always produce the same string. */
export function serializePathElement(pe: PathElement): string {
  switch (pe.kind) {
    case 'field':
      return `f:${pe.name}`;
    case 'key': {
      let body = '';
      for (const f of pe.fields) body += `${body ? ',' : ''}${goJson(f.name)}:${goJson(f.value)}`;
      return `k:{${body}}`;
    }
    case 'value':
      return `v:${goJson(pe.value)}`;
    case 'index':
      return `i:${pe.index}`;
  }
}

export class PathElementSyntaxError extends Error {}

/**
 * Parses a FieldsV1 key. Returns undefined for a well-formed key of a type this code does not know
 * (upstream drops those rather than failing), throws on malformed input.
 */
export function parsePathElement(s: string): PathElement | undefined {
  if (s.length < 2) throw new PathElementSyntaxError(`key must be 2 characters long: ${s}`);
  if (s[1] !== ':') throw new PathElementSyntaxError(`missing colon: ${s}`);
  const body = s.slice(2);
  switch (s[0]) {
    case 'f':
      return fieldElement(body);
    case 'v':
      return valueElement(parseJson(body, s));
    case 'k': {
      const parsed = parseJson(body, s);
      if (!isPlainObject(parsed)) throw new PathElementSyntaxError(`key is not a JSON object: ${s}`);
      return keyElement(parsed);
    }
    case 'i':
      if (!/^[+-]?\d+$/.test(body)) throw new PathElementSyntaxError(`invalid index: ${s}`);
      return { kind: 'index', index: Number.parseInt(body, 10) };
    default:
      return undefined;
  }
}

function parseJson(text: string, whole: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PathElementSyntaxError(`invalid JSON in path element: ${whole}`);
  }
}

/** `.spec`, `[name="nginx"]`, `[containerPort=80,protocol="TCP"]`, `[="a"]`, `[0]`. */
export function formatPathElement(pe: PathElement): string {
  switch (pe.kind) {
    case 'field':
      return `.${pe.name}`;
    case 'key':
      return `[${pe.fields.map((f) => `${f.name}=${valueToString(f.value)}`).join(',')}]`;
    case 'value':
      return `[=${valueToString(pe.value)}]`;
    case 'index':
      return `[${pe.index}]`;
  }
}

/** A field path as upstream prints it in conflicts: `.spec.containers[name="nginx"].image`. */
export function formatFieldPath(path: FieldPath): string {
  return path.map(formatPathElement).join('');
}
