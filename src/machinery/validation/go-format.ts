// Renders values the way Go does in API error messages, so messages match kube-apiserver 1.32 byte for
// byte: %q for strings, %v for numbers (integers as int64, others as float64) and booleans, %#v for
// maps and lists (kube-apiserver 1.34 switched those to JSON).

import { isPlainObject } from '../object.js';

/** JSON numbers Go decodes as int64 into unstructured content. */
export function isGoInt(v: number): boolean {
  return Number.isInteger(v) && Math.abs(v) < 9223372036854775808;
}

/** Go's fmt %v for a float64: shortest digits, exponent form below 1e-4 and from 1e+06. */
export function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mantissa, expText] = v.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(v);
}

/** Go's fmt %v for a JSON number decoded into unstructured content. */
export function goNumber(v: number): string {
  return isGoInt(v) ? (Number.isSafeInteger(v) ? String(v) : BigInt(v).toString()) : goFloat(v);
}

const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's strconv.Quote. */
export function goQuote(s: string): string {
  if (PLAIN_ASCII.test(s)) return `"${s}"`;
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (cp >= 0x80 && PRINTABLE.test(ch)) out += ch;
    else if (cp === 7) out += '\\a';
    else if (cp === 8) out += '\\b';
    else if (cp === 12) out += '\\f';
    else if (cp === 10) out += '\\n';
    else if (cp === 13) out += '\\r';
    else if (cp === 9) out += '\\t';
    else if (cp === 11) out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** Go's %#v of an unstructured value (map[string]interface{} / []interface{} trees). */
export function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  switch (typeof v) {
    case 'string':
      return goQuote(v);
    case 'number':
      return goNumber(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      return `map[string]interface {}{${keys.map((k) => `${goQuote(k)}:${goSharpV(obj[k])}`).join(', ')}}`;
    }
    default:
      return 'interface {}(nil)';
  }
}

/** Go's %#v of a []string. */
export function goStringSlice(list: readonly string[]): string {
  return `[]string{${list.map(goQuote).join(', ')}}`;
}

/** How a field error renders its bad value: %v for numbers and booleans, %q for strings (and nil, as
 * "null"), %#v otherwise. */
export function goErrorValue(v: unknown): string {
  if (v === null || v === undefined) return '"null"';
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return goQuote(v);
  return goSharpV(v);
}

/** Go's %#v of a map[string]string (nil when absent). */
export function goStringMap(map: unknown): string {
  if (!isPlainObject(map)) return 'map[string]string(nil)';
  const entries = Object.keys(map)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(String(map[k]))}`);
  return `map[string]string{${entries.join(', ')}}`;
}

function goLabelSelectorRequirement(requirement: unknown): string {
  const r = isPlainObject(requirement) ? requirement : {};
  const values = Array.isArray(r.values) ? `[]string{${r.values.map((v) => goQuote(String(v))).join(', ')}}` : '[]string(nil)';
  return `v1.LabelSelectorRequirement{Key:${goQuote(String(r.key ?? ''))}, Operator:${goQuote(String(r.operator ?? ''))}, Values:${values}}`;
}

/** Go's %#v of a metav1.LabelSelector as kube-apiserver v1.32 prints one in a field error. */
export function goLabelSelector(selector: Record<string, unknown>): string {
  const expressions = Array.isArray(selector.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${selector.matchExpressions.map(goLabelSelectorRequirement).join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(selector.matchLabels)}, MatchExpressions:${expressions}}`;
}
