// FNV-1a, 32 bits: the stable short hash used for tie-breaks, label keys and pod-template hashes.

export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** FNV-1a over the UTF-8 bytes of `text`. */
export function fnv32aOfText(text: string): number {
  return fnv32a(new TextEncoder().encode(text));
}
