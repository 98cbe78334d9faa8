// Items waiting for a time, earliest first; an item waits once, at its earliest requested time.

interface Waiting {
  item: string;
  at: number;
}

export class DelayHeap {
  private readonly heap: Waiting[] = [];
  /** item → the time it is due; heap entries that disagree are stale and skipped. */
  private readonly due = new Map<string, number>();

  get size(): number {
    return this.due.size;
  }

  /** Returns true when this made the item due earlier than before. */
  push(item: string, at: number): boolean {
    const current = this.due.get(item);
    if (current !== undefined && current <= at) return false;
    this.due.set(item, at);
    this.heap.push({ item, at });
    this.up(this.heap.length - 1);
    return true;
  }

  /** The time the earliest item is due, or undefined. */
  peekTime(): number | undefined {
    this.dropStale();
    return this.heap[0]?.at;
  }

  /** Removes and returns the items due at or before now. */
  popDue(now: number): string[] {
    const out: string[] = [];
    for (;;) {
      this.dropStale();
      const top = this.heap[0];
      if (!top || top.at > now) return out;
      this.pop();
      this.due.delete(top.item);
      out.push(top.item);
    }
  }

  clear(): void {
    this.heap.length = 0;
    this.due.clear();
  }

  private dropStale(): void {
    while (this.heap.length > 0 && this.due.get(this.heap[0]!.item) !== this.heap[0]!.at) this.pop();
  }

  private pop(): void {
    const last = this.heap.pop()!;
    if (this.heap.length === 0) return;
    this.heap[0] = last;
    this.down(0);
  }

  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.at <= heap[i]!.at) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && heap[left]!.at < heap[smallest]!.at) smallest = left;
      if (right < heap.length && heap[right]!.at < heap[smallest]!.at) smallest = right;
      if (smallest === i) return;
      [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
      i = smallest;
    }
  }
}
