// Kubernetes timestamps: RFC 3339 with second precision (metav1.Time).

let cachedSecond = Number.NaN;
let cachedText = '';

/** Now, formatted once per second (writes ask for it several times each). */
export function nowTimestamp(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedText = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  }
  return cachedText;
}
