// Kubernetes timestamps: RFC 3339 with second precision (metav1.Time).

export function nowTimestamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}
