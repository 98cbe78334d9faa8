// Repeated keys in JSON objects, found in one pass over the text (JSON.parse keeps the last value
// silently), and how deep the document nests. Paths are rendered as strict decoding reports them:
// `duplicate field "spec.template.spec.containers[0].image"`; each path is reported once, at most 100 in
// all, and only built when a duplicate is found. Malformed text is left for JSON.parse to report.

const MAX_REPORTED = 100;
const SMALL_OBJECT = 12;

interface FrameBase {
  /** The container this one is in, and its key or index there (undefined for the document). */
  parent: Frame | undefined;
  via: string | number;
  /** Its path, once asked for. */
  path: string | undefined;
}

interface ObjectFrame extends FrameBase {
  array: false;
  /** Keys seen so far: a short list, switched to a Set for wide objects. */
  keys: string[] | Set<string>;
  key: string;
}

interface ArrayFrame extends FrameBase {
  array: true;
  index: number;
}

type Frame = ObjectFrame | ArrayFrame;

class Malformed extends Error {}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export interface JsonTextScan {
  duplicates: string[];
  /** Containers inside one another at the deepest point (the document's own object or array counts). */
  depth: number;
}

/** Duplicate fields and depth of a JSON text; undefined when the text is not JSON. */
export function scanJsonText(jsonText: string): JsonTextScan | undefined {
  try {
    return scan(jsonText);
  } catch (err) {
    if (err instanceof Malformed) return undefined;
    throw err;
  }
}

/**
 * Duplicate fields and depth of `text`, which JSON.parse turned into `value`. Most documents repeat no key,
 * and that is shown without scanning the text: when it has no escapes, every colon in it either follows a
 * key or stands in a string, and the parsed value keeps those strings as written — so the value holds as
 * many keys and colons as the text has colons unless a repeated key dropped one of them (and everything
 * after it). Otherwise, or on a mismatch, the text is scanned.
 */
export function scanParsedJsonText(text: string, value: unknown): JsonTextScan | undefined {
  if (text.indexOf('\\') < 0) {
    const parsed = colonsAndDepth(value);
    if (parsed.colons === countColons(text)) return { duplicates: [], depth: parsed.depth };
  }
  return scanJsonText(text);
}

function countColons(s: string): number {
  let n = 0;
  for (let i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) n++;
  return n;
}

/** Keys (one colon each), colons inside keys and strings, and container depth of a parsed JSON value. */
function colonsAndDepth(value: unknown): { colons: number; depth: number } {
  let colons = 0;
  let depth = 0;
  const nodes: unknown[] = [value];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const d = depths.pop()! + 1;
    if (typeof node === 'string') {
      colons += countColons(node);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if (d > depth) depth = d;
    if (Array.isArray(node)) {
      for (const item of node) {
        nodes.push(item);
        depths.push(d);
      }
      continue;
    }
    for (const key in node) {
      colons += 1 + countColons(key);
      nodes.push((node as Record<string, unknown>)[key]);
      depths.push(d);
    }
  }
  return { colons, depth };
}

/** The path of a frame, built from the document down (iteratively: documents may nest deeply). */
function pathOf(frame: Frame): string {
  if (frame.path !== undefined) return frame.path;
  const chain: Frame[] = [];
  for (let f: Frame | undefined = frame; f && f.path === undefined; f = f.parent) chain.push(f);
  for (let i = chain.length - 1; i >= 0; i--) {
    const f = chain[i]!;
    const parent = f.parent;
    if (!parent) f.path = '';
    else if (parent.array) f.path = `${parent.path!}[${f.via as number}]`;
    else f.path = parent.path ? `${parent.path}.${f.via as string}` : (f.via as string);
  }
  return frame.path!;
}

function scan(text: string): JsonTextScan {
  const n = text.length;
  const stack: Frame[] = [];
  const found: string[] = [];
  let depth = 0;
  const reported = new Set<string>();
  let i = 0;
  // Next backslash at or after the last string read; advancing it only forward keeps the scan linear.
  let nextBackslash = text.indexOf('\\');

  const skipSpace = (): void => {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
  };

  /** Moves past the string whose opening quote is at i; returns the index of its closing quote. */
  const skipString = (): number => {
    const start = i + 1;
    let from = start;
    for (;;) {
      const q = text.indexOf('"', from);
      if (q < 0) throw new Malformed();
      let backslashes = 0;
      for (let b = q - 1; b >= start && text.charCodeAt(b) === 92; b--) backslashes++;
      if (backslashes % 2 === 0) {
        i = q + 1;
        return q;
      }
      from = q + 1;
    }
  };

  /** Reads the string whose opening quote is at i; returns its value. */
  const readString = (): string => {
    const start = i + 1;
    const end = skipString();
    if (nextBackslash >= 0 && nextBackslash < start) nextBackslash = text.indexOf('\\', start);
    if (nextBackslash < 0 || nextBackslash > end) return text.slice(start, end);
    try {
      return JSON.parse(text.slice(start - 1, end + 1)) as string;
    } catch {
      throw new Malformed();
    }
  };

  const skipLiteral = (literal: string): void => {
    if (!text.startsWith(literal, i)) throw new Malformed();
    i += literal.length;
  };

  const skipScalar = (): void => {
    const c = text.charCodeAt(i);
    if (c === 34) skipString();
    else if (c === 116) skipLiteral('true');
    else if (c === 102) skipLiteral('false');
    else if (c === 110) skipLiteral('null');
    else {
      const start = i;
      while (i < n) {
        const d = text.charCodeAt(i);
        if ((d >= 48 && d <= 57) || d === 45 || d === 43 || d === 46 || d === 101 || d === 69) i++;
        else break;
      }
      if (i === start) throw new Malformed();
    }
  };

  const noteKey = (frame: ObjectFrame, key: string): void => {
    frame.key = key;
    const keys = frame.keys;
    if (Array.isArray(keys)) {
      if (!keys.includes(key)) {
        if (keys.length < SMALL_OBJECT) keys.push(key);
        else frame.keys = new Set(keys).add(key);
        return;
      }
    } else if (!keys.has(key)) {
      keys.add(key);
      return;
    }
    const at = pathOf(frame);
    const path = at ? `${at}.${key}` : key;
    if (!reported.has(path) && found.length < MAX_REPORTED) {
      reported.add(path);
      found.push(path);
    }
  };

  /** Reads a key and its colon inside the object on top of the stack. */
  const readKey = (frame: ObjectFrame): void => {
    skipSpace();
    if (text.charCodeAt(i) !== 34) throw new Malformed();
    noteKey(frame, readString());
    skipSpace();
    if (text.charCodeAt(i) !== 58) throw new Malformed();
    i++;
  };

  // Each iteration reads one value at position i (after skipping space), then the separators after it.
  for (;;) {
    skipSpace();
    if (i >= n) throw new Malformed();
    const c = text.charCodeAt(i);
    let closedOrScalar = true;
    if (c === 123 || c === 91) {
      const parent = stack[stack.length - 1];
      const via = parent === undefined ? '' : parent.array ? parent.index : parent.key;
      if (stack.length + 1 > depth) depth = stack.length + 1;
      i++;
      skipSpace();
      if (c === 123) {
        if (text.charCodeAt(i) === 125) i++;
        else {
          const frame: ObjectFrame = { array: false, parent, via, path: undefined, keys: [], key: '' };
          stack.push(frame);
          readKey(frame);
          closedOrScalar = false;
        }
      } else if (text.charCodeAt(i) === 93) i++;
      else {
        stack.push({ array: true, parent, via, path: undefined, index: 0 });
        closedOrScalar = false;
      }
    } else skipScalar();
    if (!closedOrScalar) continue;

    // A value finished: consume ',' (next member) or closing brackets.
    for (;;) {
      const top = stack[stack.length - 1];
      skipSpace();
      if (!top) {
        if (i !== n) throw new Malformed();
        return { duplicates: found, depth };
      }
      const d = text.charCodeAt(i);
      if (d === 44) {
        i++;
        if (top.array) top.index++;
        else readKey(top);
        break;
      }
      if ((top.array && d === 93) || (!top.array && d === 125)) {
        i++;
        stack.pop();
        continue;
      }
      throw new Malformed();
    }
  }
}
