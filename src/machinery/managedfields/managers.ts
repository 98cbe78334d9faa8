// managedFields in memory: one FieldSet per manager identifier, plus the entry times. The identifier
// is upstream's (BuildManagerIdentifier): the entry without time and fields, and without apiVersion
// for Apply entries, as JSON. It decides which entries are distinct (an Update manager writing two
// API versions has two entries; an applier has one) and orders managers in conflict messages.

import type { ManagedFieldsEntry } from '../object.js';
import { isPlainObject } from '../object.js';
import type { FieldSet } from './fieldset.js';
import { fieldSetFromFieldsV1, fieldSetFromStoredFieldsV1, fieldSetToFieldsV1, FieldsV1Error, storedFieldsV1Size, storedFieldsV1Within } from './fieldsv1.js';
import { remembered } from '../remembered.js';

export interface VersionedSet {
  readonly set: FieldSet;
  readonly apiVersion: string;
  readonly applied: boolean;
}

export interface Managed {
  readonly fields: Map<string, VersionedSet>;
  readonly times: Map<string, string | undefined>;
}

export const emptyManaged = (): Managed => ({ fields: new Map(), times: new Map() });

export interface ManagerInfo {
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  readonly apiVersion?: string | undefined;
  readonly subresource?: string | undefined;
}

/** Identifiers built and parsed are remembered: a few managers write almost everything. */
const REMEMBERED_IDENTIFIERS = 1024;

export function managerIdentifier(info: ManagerInfo): string {
  return builtIdentifier(`${info.manager}\u0000${info.operation}\u0000${info.apiVersion ?? ''}\u0000${info.subresource ?? ''}`, info);
}

const builtIdentifier = remembered(REMEMBERED_IDENTIFIERS, (_parts: string, info: ManagerInfo) => buildIdentifier(info));

function buildIdentifier(info: ManagerInfo): string {
  const id: Record<string, string> = {};
  if (info.manager) id['manager'] = info.manager;
  id['operation'] = info.operation;
  if (info.operation === 'Update' && info.apiVersion) id['apiVersion'] = info.apiVersion;
  if (info.subresource) id['subresource'] = info.subresource;
  return JSON.stringify(id);
}

export const parseIdentifier = remembered(REMEMBERED_IDENTIFIERS, (id): ManagerInfo => {
  const o = JSON.parse(id) as Record<string, string | undefined>;
  return {
    manager: o['manager'] ?? '',
    operation: o['operation'] === 'Apply' ? 'Apply' : 'Update',
    apiVersion: o['apiVersion'],
    subresource: o['subresource'],
  };
});

/** How a manager is named in conflict messages: `"m"`, `"m" with subresource "status"`, `"m" using v1`. */
export function describeManager(id: string): string {
  const info = parseIdentifier(id);
  let s = JSON.stringify(info.manager);
  if (info.subresource) s += ` with subresource ${JSON.stringify(info.subresource)}`;
  if (info.operation === 'Update') s += ` using ${info.apiVersion ?? ''}`;
  return s;
}

export class ManagedFieldsError extends Error {}

/**
 * The stored FieldsV1 each set decoded from a stored object was read from: a set a write leaves as it
 * was (set operations keep it) is written back as those same bytes instead of being encoded again.
 * Weak: an entry lives only as long as its set, normally one write.
 */
const storedEncodings = new WeakMap<FieldSet, Record<string, unknown>>();

/** A set given by its FieldsV1 (canonical: as fieldSetToFieldsV1 writes it), written back as those very bytes. */
export function setOfEncoding(fieldsV1: Record<string, unknown>): FieldSet {
  const set = fieldSetFromStoredFieldsV1(fieldsV1);
  storedEncodings.set(set, fieldsV1);
  return set;
}

/** Whether every path of `inner` is in `outer`; a set decoded from a stored object is not read to answer. */
export function includesSet(outer: FieldSet, inner: FieldSet): boolean {
  const stored = storedEncodings.get(inner);
  return stored ? storedFieldsV1Within(stored, outer) : outer.includes(inner);
}

/** The number of paths in `set`; a set decoded from a stored object is not read to answer. */
export function setSize(set: FieldSet): number {
  const stored = storedEncodings.get(set);
  return stored ? storedFieldsV1Size(stored) : set.size();
}

/**
 * Decodes stored or client-supplied managedFields; throws ManagedFieldsError on an invalid entry.
 * `stored`: the entries are a stored object's (written by encodeManagedFields, so canonical); their
 * sets are read as they are used, so a FieldsV1Error may come later, from the set operations.
 */
export function decodeManagedFields(entries: unknown, stored = false): Managed {
  const managed = emptyManaged();
  if (entries === undefined || entries === null) return managed;
  if (!Array.isArray(entries)) throw new ManagedFieldsError('managedFields must be a list');
  entries.forEach((raw, i) => {
    if (!isPlainObject(raw)) throw new ManagedFieldsError(`managed fields entry ${i} is not an object`);
    const operation = raw['operation'];
    if (operation !== 'Apply' && operation !== 'Update') throw new ManagedFieldsError('operation must be `Apply` or `Update`');
    const apiVersion = raw['apiVersion'];
    if (typeof apiVersion !== 'string' || apiVersion === '') throw new ManagedFieldsError('apiVersion must not be empty');
    const fieldsType = raw['fieldsType'];
    if (fieldsType === undefined || fieldsType === '') throw new ManagedFieldsError(`missing fieldsType in managed fields entry ${i}`);
    if (fieldsType !== 'FieldsV1') throw new ManagedFieldsError(`invalid fieldsType ${JSON.stringify(fieldsType)} in managed fields entry ${i}`);
    const manager = typeof raw['manager'] === 'string' ? raw['manager'] : '';
    const subresource = typeof raw['subresource'] === 'string' ? raw['subresource'] : undefined;
    let set: FieldSet;
    try {
      set = stored ? fieldSetFromStoredFieldsV1(raw['fieldsV1']) : fieldSetFromFieldsV1(raw['fieldsV1']);
    } catch (err) {
      if (err instanceof FieldsV1Error) throw new ManagedFieldsError(`error decoding versioned set from entry ${i}: ${err.message}`);
      throw err;
    }
    if (stored && isPlainObject(raw['fieldsV1'])) storedEncodings.set(set, raw['fieldsV1']);
    const id = managerIdentifier({ manager, operation, apiVersion, subresource });
    managed.fields.set(id, { set, apiVersion, applied: operation === 'Apply' });
    managed.times.set(id, typeof raw['time'] === 'string' ? raw['time'] : undefined);
  });
  return managed;
}

export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] {
  const out: ManagedFieldsEntry[] = [];
  for (const [id, vs] of managed.fields) {
    const info = parseIdentifier(id);
    const entry: ManagedFieldsEntry = {
      manager: info.manager,
      operation: vs.applied ? 'Apply' : info.operation,
      apiVersion: vs.apiVersion,
      fieldsType: 'FieldsV1',
      fieldsV1: storedEncodings.get(vs.set) ?? fieldSetToFieldsV1(vs.set),
    };
    const time = managed.times.get(id);
    if (time !== undefined) entry.time = time;
    if (info.subresource) entry.subresource = info.subresource;
    out.push(orderKeys(entry));
  }
  return out.sort(compareEntries);
}

/** Field order of the API's JSON encoding. */
function orderKeys(e: ManagedFieldsEntry): ManagedFieldsEntry {
  const o: ManagedFieldsEntry = { manager: e.manager, operation: e.operation, apiVersion: e.apiVersion } as ManagedFieldsEntry;
  if (e.time !== undefined) o.time = e.time;
  o.fieldsType = e.fieldsType;
  o.fieldsV1 = e.fieldsV1;
  if (e.subresource !== undefined) o.subresource = e.subresource;
  return o;
}

/** Whole seconds since the epoch, 0 when absent or unparsable (what upstream sorts by). */
export function unixSeconds(time: string | undefined): number {
  return time ? secondsOf(time) : 0;
}

// Entries' times are whole seconds, so the writes of a busy second share a handful of them; Date.parse
// costs about 200 ns a call, and sorting entries calls it for both sides of every comparison.
const secondsOf = remembered(256, (time): number => {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
});

const strCmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Apply entries first, then oldest first, then by manager, apiVersion and subresource. */
function compareEntries(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  if (p.operation !== q.operation) return strCmp(p.operation, q.operation);
  const ps = unixSeconds(p.time);
  const qs = unixSeconds(q.time);
  if (ps !== qs) return ps < qs ? -1 : 1;
  return strCmp(p.manager, q.manager) || strCmp(p.apiVersion, q.apiVersion) || strCmp(p.subresource ?? '', q.subresource ?? '');
}

export function cloneManaged(m: Managed): Managed {
  return { fields: new Map(m.fields), times: new Map(m.times) };
}
