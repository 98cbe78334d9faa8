// A bounded ring of the most recent events, oldest first, in revision order. It serves watch resume and
// list-at-revision; whatever falls out of it is history the store can no longer answer for.

import type { StoreEvent } from './store.js';

export class HistoryRing {
  private readonly buffer: (StoreEvent | undefined)[] = [];
  private head = 0;
  private length = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`history capacity must be a non-negative integer, got ${capacity}`);
  }

  get size(): number {
    return this.length;
  }

  /** Appends an event; returns the event pushed out to make room, if any. */
  push(event: StoreEvent): StoreEvent | undefined {
    if (this.capacity === 0) return event;
    let evicted: StoreEvent | undefined;
    if (this.length === this.capacity) {
      evicted = this.buffer[this.head];
      this.head = (this.head + 1) % this.capacity;
      this.length--;
    }
    const index = (this.head + this.length) % this.capacity;
    if (index === this.buffer.length) this.buffer.push(event);
    else this.buffer[index] = event;
    this.length++;
    return evicted;
  }

  /** The event at logical position i (0 = oldest). */
  at(i: number): StoreEvent {
    return this.buffer[(this.head + i) % this.capacity]!;
  }

  /** Logical position of the first event with revision > revision (size when none). */
  indexAfter(revision: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid).revision <= revision) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The events with revision > revision, oldest first. */
  since(revision: number): StoreEvent[] {
    const out: StoreEvent[] = [];
    for (let i = this.indexAfter(revision); i < this.length; i++) out.push(this.at(i));
    return out;
  }

  /** Forgets every event with revision <= revision. */
  dropThrough(revision: number): void {
    const drop = this.indexAfter(revision);
    for (let i = 0; i < drop; i++) this.buffer[(this.head + i) % this.capacity] = undefined;
    if (drop === this.length) {
      this.head = 0;
      this.length = 0;
      this.buffer.length = 0;
      return;
    }
    this.head = (this.head + drop) % this.capacity;
    this.length -= drop;
  }
}
