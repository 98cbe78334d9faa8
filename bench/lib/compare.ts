// Comparisons: a figure of ours against a reference measured in the same run (ratio = ours / reference)
// or against a fixed limit (ratio = ours / limit), and whether the target is met. A figure that could
// not be measured (NaN) never meets its target.

export interface Comparison {
  name: string;
  ours: number | null;
  reference: number | null;
  /** ours / reference; null when either is missing or the reference is 0. */
  ratio: number | null;
  /** The target in words, e.g. "ratio >= 0.7" or "<= 100 ms". */
  target: string;
  met: boolean;
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function ratioOf(ours: number, reference: number): number | null {
  if (!Number.isFinite(ours) || !Number.isFinite(reference) || reference === 0) return null;
  return ours / reference;
}

/** Higher is better (rates): ours must reach minRatio × reference. */
export function atLeastRatio(name: string, ours: number, reference: number, minRatio: number): Comparison {
  const ratio = ratioOf(ours, reference);
  return { name, ours: finite(ours), reference: finite(reference), ratio, target: `ratio >= ${minRatio}`, met: ratio !== null && ratio >= minRatio };
}

/** Lower is better (latency, duration, memory, misses): ours must not exceed limit. */
export function atMost(name: string, ours: number, limit: number, unit: string): Comparison {
  return { name, ours: finite(ours), reference: finite(limit), ratio: ratioOf(ours, limit), target: `<= ${limit} ${unit}`.trimEnd(), met: Number.isFinite(ours) && ours <= limit };
}
