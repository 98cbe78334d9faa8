// String formats CRD schemas validate (apiextensions' supported set, as kube-openapi's strfmt registry
// checks them). Format names are normalized by dropping '-', so "date-time" is "datetime". Formats that
// the schema's type does not support are ignored, as upstream strips them before validating.

import { isIPv4 as nodeIsIPv4, isIPv6 as nodeIsIPv6 } from 'node:net';
import { isValidQuantity } from '../quantity.js';
import type { JSONSchemaProps } from './types.js';
import { remembered } from '../remembered.js';

type Check = (s: string) => boolean;

const HEX = /^[0-9a-fA-F]+$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID3 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID4 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const UUID5 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const HOSTNAME =
  /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([-a-zA-Z0-9\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z0-9\p{S}\p{L}])(-?[a-zA-Z0-9\p{S}\p{L}]){1,62})$/u;
const ATEXT = "[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~\\u0080-\\uffff]";
const ADDR_SPEC = `(?:${ATEXT}+(?:\\.${ATEXT}+)*|"(?:[^"\\\\]|\\\\.)*")@(?:${ATEXT}+(?:\\.${ATEXT}+)*|\\[[^\\[\\]\\\\]*\\])`;
const EMAIL = new RegExp(`^\\s*(?:${ADDR_SPEC}|[^<>@]*<${ADDR_SPEC}>)\\s*$`);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_OF_DAY = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/;
const GO_DURATION = /^[-+]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const LOOSE_DURATION = /(\d+)\s*([A-Za-zµ]+)/g;
const DURATION_UNITS = [['ns', 'nano'], ['us', 'µs', 'micro'], ['ms', 'milli'], ['s', 'sec'], ['m', 'min'], ['h', 'hr', 'hour'], ['d', 'day'], ['w', 'wk', 'week']];
const CREDIT_CARD =
  /^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|(222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720)[0-9]{12}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\d{3})\d{11}|6[27][0-9]{14})$/;
const SSN = /^\d{3}[- ]?\d{2}[- ]?\d{4}$/;
const HEX_COLOR = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const RGB_PART = '\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*';
const RGB_COLOR = new RegExp(`^rgb\\(${RGB_PART},${RGB_PART},${RGB_PART}\\)$`);
const URI_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*$/;
const HOST_CHARS = /^[A-Za-z0-9!$&'()*+,;=:[\]<>"._~%-]*$/;
const USERINFO_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:%@]*$/;
const BAD_PERCENT = /%(?![0-9a-fA-F]{2})/;

function parsesAsIP(s: string): boolean {
  return nodeIsIPv4(s) || (nodeIsIPv6(s) && !s.includes('%'));
}

function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day <= days;
}

// Timestamps repeat: every write within a second carries the same ones.
const isDateTime = remembered(256, (s: string): boolean => {
  if (s.length < 4) return false;
  const parts = s.toLowerCase().split('t');
  if (parts.length < 2 || !isDate(parts[0] as string)) return false;
  const m = TIME_OF_DAY.exec(parts[1] as string);
  return !!m && (m[1] as string) <= '23' && (m[2] as string) <= '59' && (m[3] as string) <= '59';
});

function isDuration(s: string): boolean {
  if (GO_DURATION.test(s) || s === '0' || s === '+0' || s === '-0') return true;
  for (const m of s.matchAll(LOOSE_DURATION)) {
    const unit = (m[2] as string).toLowerCase();
    for (const variants of DURATION_UNITS) {
      const last = variants.length - 1;
      if (variants.some((v, i) => v === unit || (i === last && unit.startsWith(v)))) return true;
    }
  }
  return false;
}

function isBase64(s: string): boolean {
  if (s.length === 0 || s.length % 4 !== 0) return false;
  let pad = 0;
  if (s.endsWith('==')) pad = 2;
  else if (s.endsWith('=')) pad = 1;
  for (let i = 0; i < s.length - pad; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (!ok) return false;
  }
  return true;
}

function isMAC(s: string): boolean {
  if (s.length < 14) return false;
  let groups: string[];
  let width: number;
  if (s[2] === ':' || s[2] === '-') {
    if ((s.length + 1) % 3 !== 0) return false;
    groups = s.split(s[2]);
    width = 2;
  } else if (s[4] === '.') {
    if ((s.length + 1) % 5 !== 0) return false;
    groups = s.split('.');
    width = 4;
  } else return false;
  const bytes = (groups.length * width) / 2;
  if (bytes !== 6 && bytes !== 8 && bytes !== 20) return false;
  return groups.every((g) => g.length === width && HEX.test(g));
}

function isCIDR(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0) return false;
  const addr = s.slice(0, slash);
  const bits = s.slice(slash + 1);
  if (!/^[0-9]+$/.test(bits) || !parsesAsIP(addr)) return false;
  return Number(bits) <= (nodeIsIPv4(addr) ? 32 : 128);
}

/** Go's url.ParseRequestURI succeeds: an absolute URI, an absolute path, or "*". */
function isRequestURI(s: string): boolean {
  if (s === '*') return true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  let rest = s;
  let scheme = '';
  const colon = s.indexOf(':');
  if (colon === 0) return false;
  if (colon > 0 && URI_SCHEME.test(s.slice(0, colon))) {
    scheme = s.slice(0, colon);
    rest = s.slice(colon + 1);
  }
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) return scheme !== '';
  let path = rest;
  if (scheme && rest.startsWith('//')) {
    const end = rest.indexOf('/', 2);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    path = end < 0 ? '' : rest.slice(end);
    const at = authority.lastIndexOf('@');
    if (at >= 0 && !USERINFO_CHARS.test(authority.slice(0, at))) return false;
    const host = authority.slice(at + 1);
    if (host.startsWith('[')) {
      const close = host.indexOf(']');
      if (close < 0 || !/^(:[0-9]*)?$/.test(host.slice(close + 1))) return false;
    } else {
      const portColon = host.lastIndexOf(':');
      if (portColon >= 0 && !/^[0-9]*$/.test(host.slice(portColon + 1))) return false;
      if (!HOST_CHARS.test(host) || BAD_PERCENT.test(host)) return false;
    }
  }
  return !BAD_PERCENT.test(path);
}

function isISBN10(s: string): boolean {
  const d = s.replace(/[\s-]+/g, '');
  if (!/^(?:[0-9]{9}X|[0-9]{10})$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (i + 1) * Number(d[i]);
  sum += d[9] === 'X' ? 100 : 10 * Number(d[9]);
  return sum % 11 === 0;
}

function isISBN13(s: string): boolean {
  const d = s.replace(/[\s-]+/g, '');
  if (!/^[0-9]{13}$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(d[i]) * (i % 2 === 0 ? 1 : 3);
  return Number(d[12]) === (10 - (sum % 10)) % 10;
}

function isCreditCard(s: string): boolean {
  const d = s.replace(/[^0-9]+/g, '');
  if (!CREDIT_CARD.test(d)) return false;
  let sum = 0;
  let double = false;
  for (let i = d.length - 1; i >= 0; i--) {
    let n = Number(d[i]);
    if (double) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
    double = !double;
  }
  return sum % 10 === 0;
}

const REGISTRY = new Map<string, Check>([
  ['bsonobjectid', (s) => s.length === 24 && HEX.test(s)],
  ['uri', isRequestURI],
  ['email', (s) => EMAIL.test(s)],
  ['hostname', (s) => s.length <= 255 && HOSTNAME.test(s) && s.split('.').every((p) => p.length <= 63)],
  ['ipv4', (s) => parsesAsIP(s) && s.includes('.')],
  ['ipv6', (s) => parsesAsIP(s) && s.includes(':')],
  ['cidr', isCIDR],
  ['mac', isMAC],
  ['uuid', (s) => UUID.test(s)],
  ['uuid3', (s) => UUID3.test(s)],
  ['uuid4', (s) => UUID4.test(s)],
  ['uuid5', (s) => UUID5.test(s)],
  ['isbn', (s) => isISBN10(s) || isISBN13(s)],
  ['isbn10', isISBN10],
  ['isbn13', isISBN13],
  ['creditcard', isCreditCard],
  ['ssn', (s) => s.length === 11 && SSN.test(s)],
  ['hexcolor', (s) => HEX_COLOR.test(s)],
  ['rgbcolor', (s) => RGB_COLOR.test(s)],
  ['byte', isBase64],
  ['password', () => true],
  ['date', isDate],
  ['duration', isDuration],
  ['datetime', isDateTime],
  ['quantity', isValidQuantity],
]);

/** The format the validator honours for this schema ('' when the type does not support it). */
export function effectiveFormat(schema: JSONSchemaProps): string {
  const format = schema.format;
  if (!format) return '';
  const type = schema['x-kubernetes-int-or-string'] ? '' : (schema.type ?? '');
  switch (type) {
    case '':
    case 'string':
      return REGISTRY.has(format.replaceAll('-', '')) ? format : '';
    case 'integer':
      return format === 'int32' || format === 'int64' ? format : '';
    case 'number':
      return format === 'float' || format === 'double' ? format : '';
    default:
      return '';
  }
}

/** The checker for a string format, if the registry knows it. */
export function stringFormatCheck(format: string): Check | undefined {
  return format ? REGISTRY.get(format.replaceAll('-', '')) : undefined;
}
