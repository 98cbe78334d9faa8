// One page of a prefix listing, in key order, either of the current state or of an older revision. An
// older revision is the current state with a small rollback applied: for every key changed since, its
// version back then (undefined = it did not exist). The two are merged while walking, so a page costs
// O(log n + page size + keys changed since the revision).

import type { KeyRange } from './key-range.js';
import type { SortedKeys } from './sorted-keys.js';
import type { StoreEntry } from './store.js';

export interface OrderedState {
  readonly keys: SortedKeys;
  readonly entries: ReadonlyMap<string, StoreEntry>;
}

/** key → its version at the listed revision, for the keys in range changed since then. */
export type Rollback = ReadonlyMap<string, StoreEntry | undefined>;

export interface Page {
  items: StoreEntry[];
  /** Keys in range after the last item. */
  remaining: number;
}

const NO_ROLLBACK: Rollback = new Map();

export function listRange(
  state: OrderedState,
  range: KeyRange,
  startAfter: string | undefined,
  limit: number | undefined,
  rollback: Rollback = NO_ROLLBACK,
): Page {
  const max = limit !== undefined && limit > 0 ? limit : Infinity;
  const items: StoreEntry[] = [];

  // The exact key ("/a/b" for prefix "/a/b") sorts before everything under "/a/b/".
  if (range.exact !== undefined && (startAfter === undefined || startAfter < range.exact)) {
    const version = rollback.has(range.exact) ? rollback.get(range.exact) : state.entries.get(range.exact);
    if (version) items.push(version);
  }

  const { keys, entries } = state;
  const hi = range.end === undefined ? keys.size : keys.rank(range.end);
  let p = startAfter !== undefined && startAfter >= range.start ? keys.rank(startAfter, true) : keys.rank(range.start);
  const cursor = keys.cursor(p);

  const changed: string[] = [];
  for (const key of rollback.keys()) {
    if (key.startsWith(range.dir) && (startAfter === undefined || key > startAfter)) changed.push(key);
  }
  changed.sort();

  let q = 0;
  while (items.length < max) {
    const current = p < hi ? cursor.key : undefined;
    const old = q < changed.length ? changed[q] : undefined;
    if (current === undefined && old === undefined) break;
    if (old !== undefined && (current === undefined || old <= current)) {
      if (old === current) {
        p++;
        cursor.next();
      }
      q++;
      const version = rollback.get(old);
      if (version) items.push(version);
    } else {
      p++;
      cursor.next();
      items.push(entries.get(current!)!);
    }
  }

  let remaining = Math.max(0, hi - p);
  for (let i = q; i < changed.length; i++) {
    const key = changed[i]!;
    if (entries.has(key)) remaining--;
    if (rollback.get(key)) remaining++;
  }
  return { items, remaining };
}

export function countRange(state: OrderedState, range: KeyRange): number {
  const exact = range.exact !== undefined && state.entries.has(range.exact) ? 1 : 0;
  const hi = range.end === undefined ? state.keys.size : state.keys.rank(range.end);
  return exact + hi - state.keys.rank(range.start);
}
