// JSON as Go's encoding/json writes an unstructured value: map keys sorted, `<`, `>`, `&`, U+2028 and
// U+2029 escaped, members whose value is undefined left out (as JSON.stringify and a stored object do).
// Field paths and last-applied keys, validation messages, authorization review attributes and the
// simulator's template hashes all write it this way.

import { isPlainObject } from './object.js';
import { remembered } from './remembered.js';
import { sortStrings } from './sort-small.js';
import { goNumber, isGoInt } from './validation/go-format.js';

const HTML_UNSAFE = /[<>&\u2028\u2029]/;
const HTML_UNSAFE_ALL = /[<>&\u2028\u2029]/g;
// Tested first: most text has nothing to escape, and a replace builds its result anyway.
const htmlEscape = (s: string): string => (HTML_UNSAFE.test(s) ? s.replace(HTML_UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : s);

/** Longest string whose encoding is remembered: list keys, set values and map keys are names, types, short words. */
const REMEMBERED_STRING_LENGTH = 256;

// The same few strings (condition types, cluster and container names, field names) are encoded on every
// write of every object that has them.
const rememberedString = remembered(4096, (s): string => htmlEscape(JSON.stringify(s)));

const goJsonString = (s: string): string => (s.length <= REMEMBERED_STRING_LENGTH ? rememberedString(s) : htmlEscape(JSON.stringify(s)));

/** Go's encoding/json Marshal of a value decoded from JSON: integers as the int64 Go decodes them into (all
 * their digits, where JavaScript would round past 2^53), other numbers as float64. */
export function goJson(value: unknown): string {
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return isGoInt(value) ? goNumber(value) : JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = sortStrings(Object.keys(value).filter((k) => value[k] !== undefined));
    return `{${keys.map((k) => `${goJsonString(k)}:${goJson(value[k])}`).join(',')}}`;
  }
  return 'null';
}
