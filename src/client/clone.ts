// Copies a caller's object the way a JSON round trip would (undefined members dropped, undefined array
// items become null) without serializing, so the write path can default and prune its own copy.

import { setOwnProperty } from '../machinery/object.js';

export function cloneJsonValue<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = value[i] === undefined ? null : copy(value[i]);
    return out;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(value)) as unknown;
  const out: Record<string, unknown> = {};
  for (const k in value) {
    if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined && typeof v !== 'function') setOwnProperty(out, k, copy(v));
  }
  return out;
}
