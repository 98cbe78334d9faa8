// The Kubernetes JSONPath subset (client-go util/jsonpath) used by CRD additionalPrinterColumns and
// `-o jsonpath`: `.a.b`, `['a.b']`, `[0]`, `[-1]`, `[1:3]`, `[*]`, `.*`, `..name`, `[a,b]` unions,
// `[?(@.type=="Ready")]` filters, `[?(@.x)]` existence, and `{...}` template actions.
// An expression without braces is one path; with braces, text outside the actions comes back as strings.
// Missing keys and out-of-range indices yield no result, as with upstream's AllowMissingKeys(true).
// Unlike upstream, a quoted bracket key is taken literally: ['a.b'] is the member named "a.b".

import { isPlainObject, setOwnProperty } from './object.js';
import { remembered } from './remembered.js';

export class JsonPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathError';
  }
}

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'recursive' }
  | { kind: 'slice'; start?: number; end?: number; step?: number; single: boolean }
  | { kind: 'union'; branches: Step[][] }
  | { kind: 'filter'; left: Operand; op?: FilterOp; right?: Operand };

type Operand = { kind: 'path'; fromRoot: boolean; steps: Step[] } | { kind: 'literal'; value: string | number | boolean };

type FilterOp = '==' | '!=' | '<' | '>' | '<=' | '>=';

type Segment = { kind: 'path'; fromRoot: boolean; steps: Step[] } | { kind: 'text'; value: string };

// ---- lexing helpers ----

/** Index of the first `close` at or after `from` that is outside quotes, or -1. */
function findOutsideQuotes(text: string, from: number, close: string): number {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (text.startsWith(close, i)) {
      return i;
    }
  }
  return -1;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let at = findOutsideQuotes(text, 0, separator); at >= 0; at = findOutsideQuotes(text, start, separator)) {
    parts.push(text.slice(start, at));
    start = at + separator.length;
  }
  parts.push(text.slice(start));
  return parts;
}

function unquote(text: string): string | undefined {
  if (text.length < 2) return undefined;
  const q = text[0];
  if ((q !== '"' && q !== "'") || text[text.length - 1] !== q) return undefined;
  const body = text.slice(1, -1);
  if (q === "'") return body.replace(/\\(.)/g, '$1');
  try {
    return JSON.parse(text) as string;
  } catch {
    throw new JsonPathError(`invalid string literal ${text}`);
  }
}

const FIELD_TERMINATORS = new Set(['.', ',', '[', ']', '$', '@', '{', '}', '(', ')', ' ', '\t', '\n', '\r']);

// ---- path parser ----

class PathParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): { fromRoot: boolean; steps: Step[] } {
    let fromRoot = false;
    if (this.text[0] === '$') {
      fromRoot = true;
      this.pos = 1;
    } else if (this.text[0] === '@') {
      this.pos = 1;
    } else if (this.text[0] !== '.' && this.text[0] !== '[') {
      throw new JsonPathError(`unrecognized identifier ${this.text}`);
    }
    const steps = this.steps();
    return { fromRoot, steps };
  }

  private steps(): Step[] {
    const steps: Step[] = [];
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '.') {
        if (this.text[this.pos + 1] === '.') {
          this.pos += 2;
          steps.push({ kind: 'recursive' });
          if (this.text[this.pos] === '[') continue;
        } else {
          this.pos += 1;
        }
        steps.push(this.field());
      } else if (c === '[') {
        steps.push(this.bracket());
      } else {
        throw new JsonPathError(`unexpected ${JSON.stringify(c)} at position ${this.pos} in ${this.text}`);
      }
    }
    return steps;
  }

  private field(): Step {
    let name = '';
    while (this.pos < this.text.length && !FIELD_TERMINATORS.has(this.text[this.pos])) {
      if (this.text[this.pos] === '\\' && this.pos + 1 < this.text.length) this.pos++;
      name += this.text[this.pos++];
    }
    return name === '*' ? { kind: 'wildcard' } : { kind: 'field', name };
  }

  private bracket(): Step {
    if (this.text.startsWith('[?(', this.pos)) return this.filter();
    const close = findOutsideQuotes(this.text, this.pos + 1, ']');
    if (close < 0) throw new JsonPathError(`unterminated array in ${this.text}`);
    const content = this.text.slice(this.pos + 1, close).trim();
    this.pos = close + 1;
    const parts = splitOutsideQuotes(content, ',');
    if (parts.length > 1) return { kind: 'union', branches: parts.map((p) => [bracketContent(p.trim())]) };
    return bracketContent(content);
  }

  private filter(): Step {
    const start = this.pos + 3;
    const close = findOutsideQuotes(this.text, start, ')');
    if (close < 0) throw new JsonPathError(`unterminated filter in ${this.text}`);
    if (this.text[close + 1] !== ']') throw new JsonPathError(`unclosed array expect ] in ${this.text}`);
    this.pos = close + 2;
    const body = this.text.slice(start, close);
    const m = /^([^!<>=]+?)\s*([!<>=]+)\s*(.+?)\s*$/.exec(body);
    if (!m) return { kind: 'filter', left: operand(body) };
    const op = m[2];
    if (!['==', '!=', '<', '>', '<=', '>='].includes(op)) throw new JsonPathError(`unrecognized filter operator ${op}`);
    return { kind: 'filter', left: operand(m[1]), op: op as FilterOp, right: operand(m[3]) };
  }
}

function bracketContent(content: string): Step {
  if (content === '*') return { kind: 'wildcard' };
  const key = unquote(content);
  if (key !== undefined) return { kind: 'field', name: key };
  const m = /^(-?\d*)(?::(-?\d*))?(?::(-?\d*))?$/.exec(content);
  if (!m || content === '') throw new JsonPathError(`invalid array index ${content}`);
  const num = (s: string | undefined) => (s === undefined || s === '' ? undefined : Number(s));
  const single = !content.includes(':');
  return { kind: 'slice', start: num(m[1]), end: num(m[2]), step: num(m[3]), single };
}

function operand(text: string): Operand {
  const t = text.trim();
  if (t.startsWith('@') || t.startsWith('$')) {
    const { fromRoot, steps } = new PathParser(t).parse();
    return { kind: 'path', fromRoot, steps };
  }
  const s = unquote(t);
  if (s !== undefined) return { kind: 'literal', value: s };
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return { kind: 'literal', value: Number(t) };
  if (t === 'true' || t === 'false') return { kind: 'literal', value: t === 'true' };
  throw new JsonPathError(`unrecognized filter operand ${t}`);
}

function parseAction(action: string): Segment[] {
  const text = action.trim();
  if (text === '') return [];
  const literal = unquote(text);
  if (literal !== undefined) return [{ kind: 'text', value: literal }];
  if (/^(range|end)\b/.test(text)) throw new JsonPathError(`${text.split(/\s/)[0]} is not supported`);
  const { fromRoot, steps } = new PathParser(text).parse();
  return [{ kind: 'path', fromRoot, steps }];
}

function parseTemplate(expression: string): Segment[] {
  if (!expression.includes('{')) return parseAction(expression);
  const segments: Segment[] = [];
  let text = '';
  for (let i = 0; i < expression.length; i++) {
    if (expression[i] !== '{') {
      text += expression[i];
      continue;
    }
    const close = findOutsideQuotes(expression, i + 1, '}');
    if (close < 0) throw new JsonPathError(`unclosed action in ${expression}`);
    if (text) segments.push({ kind: 'text', value: text });
    text = '';
    segments.push(...parseAction(expression.slice(i + 1, close)));
    i = close;
  }
  if (text) segments.push({ kind: 'text', value: text });
  return segments;
}

// ---- evaluation ----

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isPlainObject(value)) return Object.values(value);
  return [];
}

/** Containers in pre-order, each followed by its descendants (leaves are reached through a following step). */
function descendants(value: unknown, out: unknown[]): void {
  const kids = children(value);
  if (kids.length === 0) return;
  out.push(value);
  for (const kid of kids) descendants(kid, out);
}

function sliceArray(array: unknown[], step: Extract<Step, { kind: 'slice' }>): unknown[] {
  const length = array.length;
  let start = step.start ?? 0;
  if (start < 0) start += length;
  let end = step.single ? start + 1 : step.end ?? length;
  if (!step.single && end < 0) end += length;
  if (end === start) return [];
  if (start < 0 || start >= length || end < 0 || end > length || start > end) return [];
  const stride = step.step ?? 1;
  if (stride <= 0) return [];
  const out: unknown[] = [];
  for (let i = start; i < end; i += stride) out.push(array[i]);
  return out;
}

function compare(left: unknown, op: FilterOp, right: unknown): boolean {
  const comparable = (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
  switch (op) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return comparable && (left as number) < (right as number);
    case '>':
      return comparable && (left as number) > (right as number);
    case '<=':
      return comparable && (left as number) <= (right as number);
    case '>=':
      return comparable && (left as number) >= (right as number);
  }
}

function evalOperand(operand: Operand, current: unknown, root: unknown): unknown[] {
  if (operand.kind === 'literal') return [operand.value];
  return evalSteps([operand.fromRoot ? root : current], operand.steps, root);
}

function passesFilter(step: Extract<Step, { kind: 'filter' }>, item: unknown, root: unknown): boolean {
  const lefts = evalOperand(step.left, item, root);
  if (!step.op || !step.right) return lefts.length > 0;
  const rights = evalOperand(step.right, item, root);
  // Only one value can be compared at a time; anything else does not match.
  if (lefts.length !== 1 || rights.length !== 1) return false;
  return compare(lefts[0], step.op, rights[0]);
}

function evalStep(nodes: unknown[], step: Step, root: unknown): unknown[] {
  // Unions run branch by branch over all nodes, as upstream does.
  if (step.kind === 'union') return step.branches.flatMap((branch) => evalSteps(nodes, branch, root));
  const out: unknown[] = [];
  for (const node of nodes) {
    switch (step.kind) {
      case 'field':
        if (step.name === '') out.push(node);
        else if (isPlainObject(node) && Object.prototype.hasOwnProperty.call(node, step.name)) out.push(node[step.name]);
        break;
      case 'wildcard':
        out.push(...children(node));
        break;
      case 'recursive':
        descendants(node, out);
        break;
      case 'slice':
        if (Array.isArray(node)) out.push(...sliceArray(node, step));
        break;
      case 'filter':
        if (Array.isArray(node)) out.push(...node.filter((item) => passesFilter(step, item, root)));
        break;
    }
  }
  return out;
}

function evalSteps(nodes: unknown[], steps: Step[], root: unknown): unknown[] {
  let current = nodes;
  for (const step of steps) {
    // A null reached mid-path has nothing below it.
    current = evalStep(
      current.filter((v) => v !== null && v !== undefined),
      step,
      root,
    );
  }
  return current;
}

/** Parsed expressions: printer columns and scale paths evaluate the same few over every object listed. */
const parsedTemplate = remembered(1000, parseTemplate);

/** Evaluates `expression` against `object`; returns every match in order. Throws JsonPathError on bad syntax. */
export function evalJsonPath(object: unknown, expression: string): unknown[] {
  const results: unknown[] = [];
  for (const segment of parsedTemplate(expression)) {
    if (segment.kind === 'text') results.push(segment.value);
    else results.push(...evalSteps([object], segment.steps, object));
  }
  return results;
}

function sortedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) setOwnProperty(out, key, sortedJson(value[key]));
    return out;
  }
  return value;
}

/**
 * The printer-column cell for a JSONPath result, as kube-apiserver's CRD table convertor builds it: only
 * the first match counts; scalars are returned as they are, objects and arrays as JSON with sorted keys
 * (Go's encoding), and no match or null gives undefined.
 */
export function formatJsonPathCell(values: unknown[]): string | number | boolean | undefined {
  const value = values[0];
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(sortedJson(value));
}
