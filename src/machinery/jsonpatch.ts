// RFC 6902 JSON patch with RFC 6901 pointers. Messages follow the wording of the json-patch library
// kube-apiserver uses, so clients see familiar text.

import { isPlainObject, setOwnProperty } from './object.js';
import { deepClone } from './deep.js';

/** 'invalid': the patch document itself is malformed; 'failed': a well-formed operation cannot be applied. */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly kind: 'invalid' | 'failed',
  ) {
    super(message);
    this.name = 'PatchError';
  }
}

type OpName = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';

interface Operation {
  op: OpName;
  path: string;
  tokens: string[];
  from?: string;
  fromTokens?: string[];
  value?: unknown;
}

const OPS: readonly string[] = ['add', 'remove', 'replace', 'move', 'copy', 'test'];

const invalid = (message: string) => new PatchError(message, 'invalid');
const failed = (message: string) => new PatchError(message, 'failed');

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw invalid(`JSON pointer must be empty or start with "/": ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => {
      if (/~[^01]|~$/.test(token)) throw invalid(`invalid escape sequence in JSON pointer: ${JSON.stringify(pointer)}`);
      return token.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

function parseOperations(operations: unknown): Operation[] {
  if (!Array.isArray(operations)) throw invalid('a JSON patch must be an array of operations');
  return operations.map((raw) => {
    if (!isPlainObject(raw)) throw invalid('a JSON patch operation must be an object');
    const op = raw.op;
    if (typeof op !== 'string' || !OPS.includes(op)) throw invalid(`Unexpected kind: ${typeof op === 'string' ? op : JSON.stringify(op ?? null)}`);
    if (typeof raw.path !== 'string') throw invalid('operation missing path: missing value');
    const parsed: Operation = { op: op as OpName, path: raw.path, tokens: parsePointer(raw.path) };
    if (op === 'move' || op === 'copy') {
      if (typeof raw.from !== 'string') throw invalid('operation, missing from field: missing value');
      parsed.from = raw.from;
      parsed.fromTokens = parsePointer(raw.from);
    }
    if (op === 'add' || op === 'replace' || op === 'test') {
      if (!('value' in raw) || raw.value === undefined) throw invalid(`${op} operation missing value: missing value`);
      parsed.value = raw.value;
    }
    return parsed;
  });
}

function arrayIndex(token: string, length: number, allowEnd: boolean): number | undefined {
  if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
  const index = Number(token);
  return index < length || (allowEnd && index === length) ? index : undefined;
}

/** The container that holds the last token, or undefined when the path to it does not exist. */
function parentOf(doc: unknown, tokens: string[]): unknown {
  let node = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) {
      const i = arrayIndex(token, node.length, false);
      if (i === undefined) return undefined;
      node = node[i];
    } else if (isPlainObject(node) && Object.prototype.hasOwnProperty.call(node, token)) {
      node = node[token];
    } else {
      return undefined;
    }
  }
  return Array.isArray(node) || isPlainObject(node) ? node : undefined;
}

function lookup(doc: unknown, tokens: string[]): { found: boolean; value?: unknown } {
  if (tokens.length === 0) return { found: true, value: doc };
  const parent = parentOf(doc, tokens);
  const key = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const i = arrayIndex(key, parent.length, false);
    return i === undefined ? { found: false } : { found: true, value: parent[i] };
  }
  if (isPlainObject(parent) && Object.prototype.hasOwnProperty.call(parent, key)) return { found: true, value: parent[key] };
  return { found: false };
}

function add(doc: unknown, tokens: string[], path: string, value: unknown, what = 'add'): unknown {
  if (tokens.length === 0) return value;
  const parent = parentOf(doc, tokens);
  const key = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : arrayIndex(key, parent.length, true);
    if (i === undefined) throw failed(`Unable to access invalid index: ${key}: invalid index referenced`);
    parent.splice(i, 0, value);
  } else if (isPlainObject(parent)) {
    setOwnProperty(parent, key, value);
  } else {
    throw failed(what === 'add' ? `add operation does not apply: doc is missing path: "${path}": missing value` : `${what} operation does not apply: doc is missing destination path: ${path}: missing value`);
  }
  return doc;
}

function remove(doc: unknown, tokens: string[], path: string): unknown {
  const parent = tokens.length === 0 ? undefined : parentOf(doc, tokens);
  const key = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const i = arrayIndex(key, parent.length, false);
    if (i === undefined) throw failed(`Unable to access invalid index: ${key}: invalid index referenced`);
    parent.splice(i, 1);
  } else if (isPlainObject(parent)) {
    if (!Object.prototype.hasOwnProperty.call(parent, key)) throw failed(`Unable to remove nonexistent key: ${key}: missing value`);
    delete parent[key];
  } else {
    throw failed(`remove operation does not apply: doc is missing path: "${path}": missing value`);
  }
  return doc;
}

function replace(doc: unknown, tokens: string[], path: string, value: unknown): unknown {
  if (tokens.length === 0) return value;
  const parent = parentOf(doc, tokens);
  const key = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const i = arrayIndex(key, parent.length, false);
    if (i === undefined) throw failed(`Unable to access invalid index: ${key}: invalid index referenced`);
    parent[i] = value;
  } else if (isPlainObject(parent)) {
    if (!Object.prototype.hasOwnProperty.call(parent, key)) throw failed(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    setOwnProperty(parent, key, value);
  } else {
    throw failed(`replace operation does not apply: doc is missing path: ${path}: missing value`);
  }
  return doc;
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

function applyOne(doc: unknown, op: Operation): unknown {
  switch (op.op) {
    case 'add':
      return add(doc, op.tokens, op.path, deepClone(op.value));
    case 'remove':
      return remove(doc, op.tokens, op.path);
    case 'replace':
      return replace(doc, op.tokens, op.path, deepClone(op.value));
    case 'move': {
      const from = op.fromTokens!;
      if (op.from === op.path) return doc;
      if (op.path.startsWith(`${op.from}/`)) throw failed(`move operation does not apply: cannot move ${op.from} into its own child ${op.path}`);
      const source = lookup(doc, from);
      if (!source.found) throw failed(`move operation does not apply: doc is missing from path: ${op.from}: missing value`);
      return add(remove(doc, from, op.from!), op.tokens, op.path, source.value, 'move');
    }
    case 'copy': {
      const source = lookup(doc, op.fromTokens!);
      if (!source.found) throw failed(`copy operation does not apply: doc is missing from path: ${op.from}: missing value`);
      return add(doc, op.tokens, op.path, deepClone(source.value), 'copy');
    }
    case 'test': {
      if (op.tokens.length > 0 && parentOf(doc, op.tokens) === undefined) throw failed(`test operation does not apply: is missing path: ${op.path}: missing value`);
      const actual = lookup(doc, op.tokens);
      // An absent member tests equal to null, as in the library kube-apiserver uses.
      const pass = actual.found ? jsonEqual(actual.value, op.value) : op.value === null;
      if (!pass) throw failed(`testing value ${op.path} failed: test failed`);
      return doc;
    }
  }
}

/** Applies an RFC 6902 operations document to `target`; the inputs are not modified. */
export function applyJsonPatch(target: unknown, operations: unknown): unknown {
  const ops = parseOperations(operations);
  let doc = deepClone(target);
  for (const op of ops) doc = applyOne(doc, op);
  return doc;
}
