// Sorting the few entries of an object node, done for every node that managed fields and Go-style JSON
// touch. Array.prototype.sort copies its elements into a work array and back on every call, which
// for a handful of keys costs several times the comparisons (300 against 80–140 ns for five keys in a
// microbenchmark); short arrays are sorted here by insertion instead, in the same order (both stable).

/** Largest array sorted by insertion; longer ones go to Array.prototype.sort (O(n log n)). */
const INSERTION_LIMIT = 16;

/**
 * Sorts `keys` in place in the default sort's order (UTF-16 code units) and returns it. Not sortSmall with a
 * string comparator: comparing inline is about a third cheaper, and this runs for every object node.
 */
export function sortStrings(keys: string[]): string[] {
  if (keys.length > INSERTION_LIMIT) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** Sorts `items` in place by `compare`, as `items.sort(compare)` would, and returns it. */
export function sortSmall<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > INSERTION_LIMIT) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i - 1;
    while (j >= 0 && compare(items[j]!, item) > 0) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = item;
  }
  return items;
}
