// Name hashes of workload controllers.
//
// - Deployment ReplicaSets (pod-template-hash) and DaemonSet revisions use upstream's ComputeHash:
//   FNV-32a over the template, then the collision count as 8 little-endian bytes, printed in decimal and
//   mapped through rand.SafeEncodeString. Upstream feeds the hasher a go-spew dump of the Go struct,
//   which cannot be reproduced outside Go; here the hasher is fed the template's canonical JSON (sorted
//   keys) instead. Names are therefore deterministic and stable, with upstream's alphabet and length,
//   but not byte-identical to a real cluster's.
// - StatefulSet ControllerRevisions use upstream's HashControllerRevision exactly: FNV-1 (not 1a) over
//   the revision's JSON patch bytes plus the decimal collision count, SafeEncodeString'd.

import { fnv32a } from '../../machinery/fnv.js';
import { goJson } from '../../machinery/go-json.js';

const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export { fnv32a };

export function fnv32(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h ^= b;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each byte mapped onto a vowel-free alphabet (no bad words, no digits 0/1/3). */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) out += SAFE_ALPHANUMS[b % SAFE_ALPHANUMS.length];
  return out;
}

/** The pod-template-hash / DaemonSet revision hash of a pod template (see the file comment). */
export function computeTemplateHash(template: unknown, collisionCount?: number): string {
  const bytes = new TextEncoder().encode(goJson(template));
  let h = fnv32a(bytes);
  if (collisionCount !== undefined) {
    const buf = new Uint8Array(8);
    new DataView(buf.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(buf, h);
  }
  return safeEncodeString(String(h));
}

/** history.HashControllerRevision over the revision's raw data and the collision count probe. */
export function controllerRevisionHash(rawData: string, probe?: number): string {
  const enc = new TextEncoder();
  let h = fnv32(enc.encode(rawData));
  if (probe !== undefined) h = fnv32(enc.encode(String(probe)), h);
  return safeEncodeString(String(h));
}
