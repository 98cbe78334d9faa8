// JSON value helpers with the orderings and spellings structured-merge-diff uses: a total order over
// values (numbers < strings < booleans < lists < maps < null), Go-style JSON for path-element keys,
// and the human-readable value form used in field paths (`"nginx"`, `80`, `true`).

import { isPlainObject } from '../object.js';
import { remembered } from '../remembered.js';
import { sortStrings } from '../sort-strings.js';

const rank = (v: unknown): number => {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (isPlainObject(v)) return 4;
  return 5; // null (and anything unrepresentable)
};

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
    case 1:
      return cmp(a as number | string, b as number | string);
    case 2:
      return a === b ? 0 : a === false ? -1 : 1;
    case 3: {
      const la = a as unknown[];
      const lb = b as unknown[];
      for (let i = 0; ; i++) {
        if (i >= la.length && i >= lb.length) return 0;
        if (i >= la.length) return -1;
        if (i >= lb.length) return 1;
        const c = compareValues(la[i], lb[i]);
        if (c !== 0) return c;
      }
    }
    case 4: {
      const ma = a as Record<string, unknown>;
      const mb = b as Record<string, unknown>;
      const ka = sortStrings(Object.keys(ma));
      const kb = sortStrings(Object.keys(mb));
      for (let i = 0; ; i++) {
        if (i >= ka.length && i >= kb.length) return 0;
        if (i >= ka.length) return -1;
        if (i >= kb.length) return 1;
        const c = cmp(ka[i]!, kb[i]!);
        if (c !== 0) return c;
        const v = compareValues(ma[ka[i]!], mb[kb[i]!]);
        if (v !== 0) return v;
      }
    }
    default:
      return 0;
  }
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/;
const HTML_UNSAFE_ALL = /[<>&\u2028\u2029]/g;
// Tested first: most keys have nothing to escape, and a replace builds its result anyway.
const htmlEscape = (s: string): string => (HTML_UNSAFE.test(s) ? s.replace(HTML_UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : s);

/** Longest string whose encoding is remembered: list keys and set values are names, types, short words. */
const REMEMBERED_STRING_LENGTH = 256;

// The same few key values (condition types, cluster and container names) are encoded on every write of
// every object that has the list.
const rememberedString = remembered(4096, (s): string => htmlEscape(JSON.stringify(s)));

const goJsonString = (s: string): string => (s.length <= REMEMBERED_STRING_LENGTH ? rememberedString(s) : htmlEscape(JSON.stringify(s)));

/** JSON as Go's encoder writes it: map keys sorted, `<`, `>` and `&` escaped. */
export function goJson(value: unknown): string {
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = sortStrings(Object.keys(value).filter((k) => value[k] !== undefined));
    return `{${keys.map((k) => `${goJsonString(k)}:${goJson(value[k])}`).join(',')}}`;
  }
  if (value === undefined) return 'null';
  return htmlEscape(JSON.stringify(value));
}

/** The value as field paths print it: strings quoted, everything else bare. */
export function valueToString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(valueToString).join(',')}]`;
  if (isPlainObject(value)) {
    return sortStrings(Object.keys(value))
      .map((k) => `${k}=${valueToString(value[k])}`)
      .join('');
  }
  return String(value);
}
