// Webster (Sainte-Laguë) apportionment: seats go one at a time to the party with the largest
// votes / (2·seats + 1). Ties go to the party with fewer seats, then by name in an order fixed per binding.

import { fnv32aOfText } from '../../../machinery/fnv.js';

export interface Party {
  name: string;
  votes: number;
  seats: number;
}

export type NameOrder = 'ascending' | 'descending';

export { fnv32aOfText as fnv32a };

/**
 * The name order that breaks exact ties for one binding: ascending when FNV-32a(key) is even, descending
 * when odd. Stable for a binding (key = its UID), different across bindings, so remainders do not always
 * land on the same cluster.
 */
export function tieBreakOrder(tieBreakKey: string): NameOrder {
  return fnv32aOfText(tieBreakKey) % 2 === 0 ? 'ascending' : 'descending';
}

/** True when `a` should take the next seat before `b`. */
function before(a: Party, b: Party, order: NameOrder): boolean {
  // Cross-multiplied so equal ratios compare equal exactly.
  const left = a.votes * (2 * b.seats + 1);
  const right = b.votes * (2 * a.seats + 1);
  if (left !== right) return left > right;
  if (a.seats !== b.seats) return a.seats < b.seats;
  return order === 'ascending' ? a.name < b.name : a.name > b.name;
}

class PartyHeap {
  private readonly items: Party[] = [];
  constructor(private readonly order: NameOrder) {}

  get size(): number {
    return this.items.length;
  }

  push(party: Party): void {
    const items = this.items;
    items.push(party);
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(items[i], items[parent], this.order)) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): Party {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < items.length && before(items[l], items[best], this.order)) best = l;
        if (r < items.length && before(items[r], items[best], this.order)) best = r;
        if (best === i) break;
        [items[i], items[best]] = [items[best], items[i]];
        i = best;
      }
    }
    return top;
  }

  drain(): Party[] {
    return [...this.items];
  }
}

/**
 * Hands out `newSeats` more seats. `initial` seats count towards each party's priority (so earlier seats are
 * respected); a party only in `initial` has no votes and gets a new seat only if nobody else can. Returns
 * every party, sorted by name.
 */
export function allocateWebsterSeats(
  newSeats: number,
  votes: Record<string, number>,
  initial: Record<string, number> = {},
  order: NameOrder = 'ascending',
): Party[] {
  const parties = new Map<string, Party>();
  for (const [name, seats] of Object.entries(initial)) parties.set(name, { name, votes: 0, seats });
  for (const [name, count] of Object.entries(votes)) {
    const party = parties.get(name);
    if (party) party.votes = count;
    else parties.set(name, { name, votes: count, seats: 0 });
  }
  const heap = new PartyHeap(order);
  for (const party of parties.values()) heap.push(party);
  if (heap.size === 0) return [];
  for (let left = newSeats; left > 0; left--) {
    const next = heap.pop();
    heap.push({ ...next, seats: next.seats + 1 });
  }
  return heap.drain().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
