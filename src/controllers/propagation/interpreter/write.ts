// Writes that give status the JSON shape the typed API produces: `omitempty` fields vanish at their zero
// value, required ones are always written.

import type { Status } from './types.js';

export interface IntField {
  name: string;
  /** Written even when zero (no `omitempty` on the API field). */
  required?: boolean;
}

export function setInt(status: Status, field: IntField, value: number): void {
  if (value === 0 && !field.required) delete status[field.name];
  else status[field.name] = value;
}

/** Sets the field, or removes it when there is nothing to say. */
export function setOptional(status: Status, name: string, value: unknown): void {
  const empty = value === undefined || value === '' || (Array.isArray(value) ? value.length === 0 : typeof value === 'object' && value !== null && Object.keys(value).length === 0);
  if (empty) delete status[name];
  else status[name] = value;
}

export { nowTimestamp } from '../../../machinery/timestamp.js';

/** The later of two timestamps; an unset one loses. */
export function laterTime(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b || undefined;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** The earlier of two timestamps; an unset one loses. */
export function earlierTime(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b || undefined;
  if (!b) return a;
  return Date.parse(b) < Date.parse(a) ? b : a;
}
