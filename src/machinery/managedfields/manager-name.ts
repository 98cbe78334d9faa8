// The field manager of a write that names none: the User-Agent up to its first '/', keeping only
// printable characters and at most 128 bytes ("kubectl/v1.32.0 (linux/amd64) ..." -> "kubectl").

const MAX_LENGTH = 128;
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

const remembered = new Map<string, string>();
/** Distinct user agents remembered; a client sends the same one on every request. */
const REMEMBERED_AGENTS = 256;

export function defaultManagerName(userAgent: string | undefined): string {
  const agent = userAgent ?? '';
  let name = remembered.get(agent);
  if (name === undefined) {
    if (remembered.size >= REMEMBERED_AGENTS) remembered.clear();
    name = managerNameOf(agent);
    remembered.set(agent, name);
  }
  return name;
}

function managerNameOf(userAgent: string): string {
  const prefix = userAgent.split('/')[0] ?? '';
  let out = '';
  let bytes = 0;
  for (const ch of prefix) {
    if (!printable.test(ch)) continue;
    const n = Buffer.byteLength(ch);
    if (bytes + n > MAX_LENGTH) break;
    out += ch;
    bytes += n;
  }
  return out || 'unknown';
}
