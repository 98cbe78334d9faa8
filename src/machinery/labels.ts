// Kubernetes label selectors: the string form (`-l`, `labelSelector=`), the LabelSelector spec form
// (matchLabels/matchExpressions), matching, and printing. Operator names and error texts follow
// k8s.io/apimachinery/pkg/labels so that messages read like kube-apiserver's.

import { isPlainObject, ownValue } from './object.js';

export type LabelOperator = 'in' | 'notin' | 'exists' | '!' | '=' | '==' | '!=' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  /** '!' is DoesNotExist; '=' and '==' behave identically but print as written. */
  operator: LabelOperator;
  values: string[];
}

export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

// ---- validation (IsQualifiedName / IsValidLabelValue) ----

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const NAME_PART_MSG = `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${NAME_FMT}')`;
const QUALIFIED_MSG = `a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${NAME_FMT}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`;
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_VALUE_MSG = `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(${NAME_FMT})?')`;

function labelKeyErrors(key: string): string[] {
  const parts = key.split('/');
  let name: string;
  const errs: string[] = [];
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
      if (!DNS1123_SUBDOMAIN.test(prefix)) errs.push(`prefix part ${SUBDOMAIN_MSG}`);
    }
  } else {
    return [QUALIFIED_MSG];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!NAME_PART.test(name)) errs.push(NAME_PART_MSG);
  return errs;
}

function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (value.length > 0 && !NAME_PART.test(value)) errs.push(LABEL_VALUE_MSG);
  return errs;
}

function goStringSlice(values: string[]): string {
  return values.length === 0 ? '[]string(nil)' : `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

function invalid(path: string, value: string, detail: string): string {
  return `${path}: Invalid value: ${value}: ${detail}`;
}

/** Builds a validated requirement; errors are worded like upstream's field errors (`values: Invalid value: ...`). */
function newRequirement(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
  const errs: string[] = [];
  const keyErrs = labelKeyErrors(key);
  if (keyErrs.length) errs.push(invalid('key', JSON.stringify(key), keyErrs.join('; ')));
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(invalid('values', goStringSlice(values), "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(invalid('values', goStringSlice(values), 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(invalid('values', goStringSlice(values), 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(invalid('values', goStringSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(invalid(`values[${i}]`, JSON.stringify(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
  }
  values.forEach((v, i) => {
    const valueErrs = labelValueErrors(v);
    if (valueErrs.length) errs.push(invalid(`values[${i}][${key}]`, JSON.stringify(v), valueErrs.join('; ')));
  });
  if (errs.length === 1) throw new SelectorError(errs[0]);
  if (errs.length > 1) throw new SelectorError(`[${errs.join(', ')}]`);
  return { key, operator, values };
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function parseInt64(text: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const n = BigInt(text);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

function sortByKey(reqs: LabelRequirement[]): LabelRequirement[] {
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

// ---- lexer ----

type TokenKind = 'end' | 'closedPar' | 'comma' | 'doesNotExist' | 'doubleEquals' | 'equals' | 'gt' | 'identifier' | 'in' | 'lt' | 'notEquals' | 'notIn' | 'openPar';

interface Token {
  kind: TokenKind;
  literal: string;
}

const SYMBOLS: Record<string, TokenKind> = {
  ')': 'closedPar',
  ',': 'comma',
  '!': 'doesNotExist',
  '==': 'doubleEquals',
  '=': 'equals',
  '>': 'gt',
  '<': 'lt',
  '!=': 'notEquals',
  '(': 'openPar',
};

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string) => '=!(),><'.includes(ch);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  for (;;) {
    while (pos < text.length && isWhitespace(text[pos])) pos++;
    if (pos >= text.length) {
      tokens.push({ kind: 'end', literal: '' });
      return tokens;
    }
    if (isSpecial(text[pos])) {
      // Longest run of special characters that still forms a known symbol.
      let best: Token | undefined;
      let buffer = '';
      let end = pos;
      while (end < text.length && isSpecial(text[end])) {
        buffer += text[end];
        const kind = SYMBOLS[buffer];
        if (kind) best = { kind, literal: buffer };
        else if (best) break;
        end++;
      }
      // Every single special character is a symbol, so `best` is always set here.
      tokens.push(best!);
      pos += best!.literal.length;
      continue;
    }
    let end = pos;
    while (end < text.length && !isSpecial(text[end]) && !isWhitespace(text[end])) end++;
    const word = text.slice(pos, end);
    pos = end;
    tokens.push({ kind: word === 'in' ? 'in' : word === 'notin' ? 'notIn' : 'identifier', literal: word });
  }
}

// ---- parser ----

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  /** In value position the keywords `in`/`notin` are plain identifiers. */
  private peek(asValue = true): Token {
    const t = this.tokens[this.position];
    return asValue && (t.kind === 'in' || t.kind === 'notIn') ? { kind: 'identifier', literal: t.literal } : t;
  }

  private next(asValue = true): Token {
    const t = this.peek(asValue);
    this.position++;
    return t;
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'end') return reqs;
      if (t.kind !== 'identifier' && t.kind !== 'doesNotExist') {
        throw new SelectorError(`found '${t.literal}', expected: !, identifier, or 'end of string'`);
      }
      try {
        reqs.push(this.requirement());
      } catch (err) {
        if (err instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${err.message}`);
        throw err;
      }
      const after = this.next();
      if (after.kind === 'end') return reqs;
      if (after.kind !== 'comma') throw new SelectorError(`found '${after.literal}', expected: ',' or 'end of string'`);
      const following = this.peek();
      if (following.kind !== 'identifier' && following.kind !== 'doesNotExist') {
        throw new SelectorError(`found '${following.literal}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): LabelRequirement {
    let t = this.next();
    const negated = t.kind === 'doesNotExist';
    if (negated) t = this.next();
    if (t.kind !== 'identifier') throw new SelectorError(`found '${t.literal}', expected: identifier`);
    const key = t.literal;
    const keyErrs = labelKeyErrors(key);
    if (keyErrs.length) throw new SelectorError(invalid('<nil>', JSON.stringify(key), keyErrs.join('; ')));
    const following = this.peek().kind;
    if (negated) return newRequirement(key, '!', []);
    if (following === 'end' || following === 'comma') return newRequirement(key, 'exists', []);

    const opToken = this.next(false);
    const operator = ({ in: 'in', notIn: 'notin', equals: '=', doubleEquals: '==', notEquals: '!=', gt: 'gt', lt: 'lt' } as Partial<Record<TokenKind, LabelOperator>>)[opToken.kind];
    if (!operator) throw new SelectorError(`found '${opToken.literal}', expected: ${BINARY_OPERATORS}`);
    const values = operator === 'in' || operator === 'notin' ? this.valueSet() : [this.exactValue()];
    return newRequirement(key, operator, values);
  }

  private valueSet(): string[] {
    const open = this.next();
    if (open.kind !== 'openPar') throw new SelectorError(`found '${open.literal}' expected: '('`);
    const first = this.peek();
    if (first.kind === 'closedPar') {
      this.next();
      return [''];
    }
    if (first.kind !== 'identifier' && first.kind !== 'comma') {
      throw new SelectorError(`found '${first.literal}', expected: ',', ')' or identifier`);
    }
    const values = new Set<string>();
    for (;;) {
      const t = this.next();
      if (t.kind === 'identifier') {
        values.add(t.literal);
        const after = this.peek();
        if (after.kind === 'comma') continue;
        if (after.kind === 'closedPar') break;
        throw new SelectorError(`found '${after.literal}', expected: ',' or ')'`);
      }
      if (t.kind === 'comma') {
        // A leading, trailing or doubled comma contributes the empty value.
        if (values.size === 0) values.add('');
        const after = this.peek();
        if (after.kind === 'closedPar') {
          values.add('');
          break;
        }
        if (after.kind === 'comma') {
          this.next();
          values.add('');
        }
        continue;
      }
      throw new SelectorError(`found '${t.literal}', expected: ',', or identifier`);
    }
    const close = this.next();
    if (close.kind !== 'closedPar') throw new SelectorError(`found '${first.literal}', expected: ')'`);
    return [...values].sort();
  }

  private exactValue(): string {
    const t = this.peek();
    if (t.kind === 'end' || t.kind === 'comma') return '';
    this.next();
    if (t.kind === 'identifier') return t.literal;
    throw new SelectorError(`found '${t.literal}', expected: identifier`);
  }
}

/** Parses the string form of a label selector; the empty string selects everything. */
export function parseLabelSelector(text: string): LabelRequirement[] {
  return sortByKey(new Parser(tokenize(text)).parse());
}

const SPEC_OPERATORS: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

const isString = (v: unknown): v is string => typeof v === 'string';

/** A selector whose parts have not the shape a LabelSelector's have (as a write may bring one) is a SelectorError, never a TypeError. */
function checkSpecShape(sel: unknown): void {
  const { matchLabels, matchExpressions } = isPlainObject(sel) ? sel : { matchLabels: 0, matchExpressions: undefined };
  const labelsOk = matchLabels === undefined || (isPlainObject(matchLabels) && Object.values(matchLabels).every(isString));
  const expressionsOk =
    matchExpressions === undefined ||
    (Array.isArray(matchExpressions) &&
      matchExpressions.every((e) => isPlainObject(e) && isString(e.key) && isString(e.operator) && (e.values === undefined || (Array.isArray(e.values) && e.values.every(isString)))));
  if (!labelsOk || !expressionsOk) throw new SelectorError('the label selector is not a LabelSelector (matchLabels of strings, matchExpressions of key, operator and values)');
}

/**
 * Converts a LabelSelector (Deployment.spec.selector and friends). An empty selector selects everything.
 * A null/undefined selector also yields [] here; callers for which "no selector" means "nothing"
 * (as upstream's LabelSelectorAsSelector(nil)) must check for that themselves.
 */
export function labelSelectorFromSpec(sel: LabelSelectorSpec | undefined | null): LabelRequirement[] {
  if (!sel) return [];
  checkSpecShape(sel);
  const reqs: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push(newRequirement(key, '=', [value]));
  for (const expr of sel.matchExpressions ?? []) {
    const operator = ownValue(SPEC_OPERATORS, expr.operator);
    if (!operator) throw new SelectorError(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(expr.key, operator, [...(expr.values ?? [])]));
  }
  return sortByKey(reqs);
}

function requirementMatches(req: LabelRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels[req.key] : undefined;
  switch (req.operator) {
    case 'in':
    case '=':
    case '==':
      return has && req.values.includes(value!);
    case 'notin':
    case '!=':
      return !has || !req.values.includes(value!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || req.values.length !== 1) return false;
      const actual = parseInt64(value!);
      const bound = parseInt64(req.values[0]);
      if (actual === undefined || bound === undefined) return false;
      return req.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

/** True when every requirement holds (so an empty list matches everything). */
export function matchesLabels(requirements: LabelRequirement[], labels: Record<string, string> | undefined): boolean {
  const set = labels ?? {};
  return requirements.every((r) => requirementMatches(r, set));
}

const PRINTED_OPERATOR: Record<LabelOperator, string> = { '=': '=', '==': '==', '!=': '!=', in: ' in ', notin: ' notin ', gt: '>', lt: '<', exists: '', '!': '' };

/** Canonical string form, as upstream's Selector.String(): `a=b,c in (x,y),!d`. */
export function formatLabelSelector(requirements: LabelRequirement[]): string {
  return requirements
    .map((r) => {
      if (r.operator === 'exists') return r.key;
      if (r.operator === '!') return `!${r.key}`;
      const values = [...r.values].sort().join(',');
      const body = r.operator === 'in' || r.operator === 'notin' ? `(${values})` : values;
      return `${r.key}${PRINTED_OPERATOR[r.operator]}${body}`;
    })
    .join(',');
}
