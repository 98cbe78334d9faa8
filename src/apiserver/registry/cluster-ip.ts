// Hands out Service cluster IPs from 10.96.0.0/12, as a real cluster's default service CIDR does.
// Random picks keep addresses distinct across restarts without persisting an allocation map.

import { randomInt } from 'node:crypto';

export interface ClusterIpAllocator {
  next(): string;
}

export function createClusterIpAllocator(): ClusterIpAllocator {
  const used = new Set<number>();
  return {
    next() {
      let offset = randomInt(16, 1 << 20);
      while (used.has(offset)) offset = randomInt(16, 1 << 20);
      used.add(offset);
      const value = (10 << 24) + (96 << 16) + offset;
      return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
    },
  };
}
