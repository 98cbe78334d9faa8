// RFC 6901 pointers: building them from keys and reading through them.

import { isPlainObject } from '../../../machinery/object.js';
import { OverrideError } from './types.js';

export const escapeToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');

export const pointerOf = (tokens: readonly (string | number)[]): string => tokens.map((t) => `/${escapeToken(String(t))}`).join('');

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new OverrideError(`JSON pointer must be empty or start with a "/": ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at `pointer`, or `found: false` when any step is missing. */
export function valueAt(document: unknown, pointer: string): { found: boolean; value?: unknown } {
  let node = document;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token) || Number(token) >= node.length) return { found: false };
      node = node[Number(token)];
    } else if (isPlainObject(node) && Object.prototype.hasOwnProperty.call(node, token)) {
      node = node[token];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: node };
}
