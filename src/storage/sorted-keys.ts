// An ordered set of keys kept as a list of sorted chunks (a flat B-tree): insert/remove cost
// O(log n + chunk size), rank and seek O(log n) once the chunk offsets are known. Prefix listing and
// pagination walk it in key order without ever sorting.

const MAX_CHUNK = 1024;
const MIN_CHUNK = MAX_CHUNK / 4;

/** Index of the first element of a sorted array that is >= key (or > key when after is set). */
function searchChunk(chunk: readonly string[], key: string, after: boolean): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = chunk[mid]!;
    if (k < key || (after && k === key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SortedKeys {
  private chunks: string[][] = [];
  /** offsets[i] = number of keys in chunks before i; undefined when stale. */
  private offsets: number[] | undefined = [];
  private count = 0;

  /** Builds from keys already in ascending order without duplicates. */
  static fromSorted(keys: readonly string[]): SortedKeys {
    const set = new SortedKeys();
    const half = MAX_CHUNK / 2;
    for (let i = 0; i < keys.length; i += half) set.chunks.push(keys.slice(i, i + half));
    set.count = keys.length;
    set.offsets = undefined;
    return set;
  }

  get size(): number {
    return this.count;
  }

  /** Returns false when the key was already present. */
  insert(key: string): boolean {
    if (this.chunks.length === 0) {
      this.chunks.push([key]);
      this.count = 1;
      this.offsets = undefined;
      return true;
    }
    const ci = Math.min(this.chunkFor(key), this.chunks.length - 1);
    const chunk = this.chunks[ci]!;
    const pos = searchChunk(chunk, key, false);
    if (chunk[pos] === key) return false;
    chunk.splice(pos, 0, key);
    this.count++;
    if (chunk.length > MAX_CHUNK) this.chunks.splice(ci, 1, chunk.slice(0, MAX_CHUNK / 2), chunk.slice(MAX_CHUNK / 2));
    this.offsets = undefined;
    return true;
  }

  /** Returns false when the key was absent. */
  remove(key: string): boolean {
    const ci = this.chunkFor(key);
    const chunk = this.chunks[ci];
    if (!chunk) return false;
    const pos = searchChunk(chunk, key, false);
    if (chunk[pos] !== key) return false;
    chunk.splice(pos, 1);
    this.count--;
    if (chunk.length === 0) this.chunks.splice(ci, 1);
    else if (chunk.length < MIN_CHUNK) this.mergeSmall(ci);
    this.offsets = undefined;
    return true;
  }

  /** Number of keys < key (or <= key when after is set): the position where a seek lands. */
  rank(key: string, after = false): number {
    const ci = this.chunkFor(key, after);
    if (ci === this.chunks.length) return this.count;
    return this.chunkOffsets()[ci]! + searchChunk(this.chunks[ci]!, key, after);
  }

  /** A cursor at the given position (0 = the smallest key). */
  cursor(position: number): KeyCursor {
    if (position >= this.count) return new KeyCursor(this.chunks, this.chunks.length, 0);
    const offsets = this.chunkOffsets();
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (offsets[mid]! <= position) lo = mid;
      else hi = mid - 1;
    }
    return new KeyCursor(this.chunks, lo, position - offsets[lo]!);
  }

  /** Index of the first chunk whose last key is >= key (> key when after); chunks.length if none. */
  private chunkFor(key: string, after = false): number {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = chunks[mid]!;
      const last = chunk[chunk.length - 1]!;
      if (last < key || (after && last === key)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private chunkOffsets(): number[] {
    if (this.offsets) return this.offsets;
    const offsets = new Array<number>(this.chunks.length);
    let sum = 0;
    for (let i = 0; i < this.chunks.length; i++) {
      offsets[i] = sum;
      sum += this.chunks[i]!.length;
    }
    this.offsets = offsets;
    return offsets;
  }

  private mergeSmall(ci: number): void {
    const chunk = this.chunks[ci]!;
    const next = this.chunks[ci + 1];
    if (next && chunk.length + next.length <= MAX_CHUNK) {
      this.chunks.splice(ci, 2, chunk.concat(next));
      return;
    }
    const prev = this.chunks[ci - 1];
    if (prev && prev.length + chunk.length <= MAX_CHUNK) this.chunks.splice(ci - 1, 2, prev.concat(chunk));
  }
}

/** Walks keys in ascending order. Valid only while the set is not modified. */
export class KeyCursor {
  constructor(
    private readonly chunks: readonly (readonly string[])[],
    private ci: number,
    private offset: number,
  ) {}

  /** The key under the cursor, undefined past the end. */
  get key(): string | undefined {
    return this.chunks[this.ci]?.[this.offset];
  }

  next(): void {
    const chunk = this.chunks[this.ci];
    if (!chunk) return;
    if (++this.offset >= chunk.length) {
      this.ci++;
      this.offset = 0;
    }
  }
}
