// The field manager of a write that names none: the User-Agent up to its first '/', keeping only
// printable characters and at most 128 bytes ("kubectl/v1.32.0 (linux/amd64) ..." -> "kubectl").

import { remembered } from '../remembered.js';

const MAX_LENGTH = 128;
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Remembered per user agent: a client sends the same one on every request. */
const managerNameFor = remembered(256, managerNameOf);

export function defaultManagerName(userAgent: string | undefined): string {
  return managerNameFor(userAgent ?? '');
}

function managerNameOf(userAgent: string): string {
  const prefix = userAgent.split('/')[0] ?? '';
  let out = '';
  let bytes = 0;
  for (const ch of prefix) {
    if (!printable.test(ch)) continue;
    const n = Buffer.byteLength(ch);
    if (bytes + n > MAX_LENGTH) break;
    out += ch;
    bytes += n;
  }
  return out || 'unknown';
}
