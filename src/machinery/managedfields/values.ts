// JSON value helpers with the orderings and spellings structured-merge-diff uses: a total order over
// values (numbers < strings < booleans < lists < maps < null) and the human-readable value form used in
// field paths (`"nginx"`, `80`, `true`).

import { isPlainObject } from '../object.js';
import { sortStrings } from '../sort-small.js';

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
