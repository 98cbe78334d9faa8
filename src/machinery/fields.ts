// Field selectors (`fieldSelector=` / `kubectl --field-selector`): `a=b`, `a==b`, `a!=b`, comma-joined,
// with `\,` `\=` `\\` escapes in values, parsed the way k8s.io/apimachinery/pkg/fields does.

import { SelectorError } from './labels.js';

export { SelectorError };

export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

/** Splits on commas not escaped by a backslash; escapes stay in the terms. */
function splitTerms(selector: string): string[] {
  if (selector === '') return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

// '==' is tried before '=' so it does not leave a leading '=' on the value.
const TERM_OPERATORS = ['!=', '==', '='] as const;

/** The first operator occurrence splits the term; the field part has no escaping. */
function splitTerm(term: string): { lhs: string; op: (typeof TERM_OPERATORS)[number]; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of TERM_OPERATORS) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

function unescapeValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  let out = '';
  let escaped = false;
  for (const c of value) {
    if (escaped) {
      if (c !== '\\' && c !== ',' && c !== '=') throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === ',' || c === '=') {
      // Upstream prints the rune as its code point.
      throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (escaped) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Parses a field selector; the result is sorted by raw term text, as upstream does. Empty text selects everything. */
export function parseFieldSelector(text: string): FieldRequirement[] {
  const terms = splitTerms(text).sort();
  const reqs: FieldRequirement[] = [];
  for (const term of terms) {
    if (term === '') continue;
    const split = splitTerm(term);
    if (!split) throw new SelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
    reqs.push({ field: split.lhs, operator: split.op === '!=' ? '!=' : '=', value: unescapeValue(split.rhs) });
  }
  return reqs;
}

/**
 * True when every requirement holds. The caller checks beforehand that each field is supported for the
 * resource; a field the getter cannot resolve compares as "".
 */
export function matchesFields(requirements: FieldRequirement[], getField: (field: string) => string | undefined): boolean {
  return requirements.every((r) => {
    const actual = getField(r.field) ?? '';
    return r.operator === '=' ? actual === r.value : actual !== r.value;
  });
}
