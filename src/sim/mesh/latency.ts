// The latency model of a simulated pod.
//
// A model is a quantile function Q(p) = exp(L(Φ⁻¹(p))) where Φ is the standard normal CDF and L is
// piecewise linear through "knots" (z, ln ms). With two knots it is exactly a log-normal distribution
// (median e^μ, shape σ = slope of L); with more knots every configured quantile is hit exactly and the
// shape between them is log-normal. Beyond the first and last knot L continues the nearest segment.
//
// Histogram buckets are filled with expected values: of n requests, n·F(le) fall at or below each
// bucket bound le, where F = Q⁻¹ is the model's CDF; _sum grows by n·mean.

import { normalCdf, normalQuantile } from './normal.js';

/** Istio's default buckets for istio_request_duration_milliseconds. */
export const ISTIO_DURATION_BUCKETS_MS: readonly number[] = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
];

/** Log-normal shape used when only a mean or a single quantile is configured. */
export const DEFAULT_LATENCY_SIGMA = 0.5;

export interface LatencyKnot {
  readonly z: number;
  readonly lnMs: number;
}

export interface LatencyModel {
  /** The configuration it was built from, e.g. "mean=120" or "p50=80,p99=400". */
  readonly description: string;
  /** At least two knots; z and lnMs strictly increasing. */
  readonly knots: readonly LatencyKnot[];
  readonly meanMs: number;
  /** F(le) for each bound of ISTIO_DURATION_BUCKETS_MS, in order. */
  readonly bucketFractions: Float64Array;
}

export interface QuantilePoint {
  /** In (0, 1): 0.5 for p50. */
  readonly quantile: number;
  readonly ms: number;
}

/** Log-normal with the given mean and shape: μ = ln(mean) − σ²/2. */
export function latencyFromMean(meanMs: number, sigma: number = DEFAULT_LATENCY_SIGMA): LatencyModel {
  if (!(meanMs > 0) || !Number.isFinite(meanMs)) throw new RangeError(`mean latency must be a positive number, got ${meanMs}`);
  const mu = Math.log(meanMs) - (sigma * sigma) / 2;
  return build(`mean=${meanMs}`, [
    { z: 0, lnMs: mu },
    { z: 1, lnMs: mu + sigma },
  ]);
}

/**
 * Piecewise log-normal through the given quantiles (quantiles and values both strictly increasing once
 * sorted by quantile). A single quantile gets the default shape σ around it.
 */
export function latencyFromQuantiles(points: readonly QuantilePoint[], sigma: number = DEFAULT_LATENCY_SIGMA): LatencyModel {
  if (points.length === 0) throw new RangeError('at least one quantile is needed');
  const sorted = [...points].sort((a, b) => a.quantile - b.quantile);
  const knots: LatencyKnot[] = [];
  for (const p of sorted) {
    if (!(p.quantile > 0 && p.quantile < 1)) throw new RangeError(`quantile ${p.quantile} is outside (0, 1)`);
    if (!(p.ms > 0) || !Number.isFinite(p.ms)) throw new RangeError(`latency ${p.ms} must be a positive number`);
    const knot = { z: normalQuantile(p.quantile), lnMs: Math.log(p.ms) };
    const last = knots[knots.length - 1];
    if (last && !(knot.z > last.z && knot.lnMs > last.lnMs)) throw new RangeError('latencies must increase with the quantile');
    knots.push(knot);
  }
  if (knots.length === 1) knots.push({ z: knots[0]!.z + 1, lnMs: knots[0]!.lnMs + sigma });
  const description = sorted.map((p) => `p${formatPercent(p.quantile)}=${p.ms}`).join(',');
  return build(description, knots);
}

/** The latency (ms) below which a fraction q of requests complete. */
export function latencyQuantile(model: LatencyModel, q: number): number {
  if (q <= 0) return 0;
  if (q >= 1) return Infinity;
  const z = normalQuantile(q);
  const [a, b] = segmentByZ(model.knots, z);
  return Math.exp(a.lnMs + ((z - a.z) * (b.lnMs - a.lnMs)) / (b.z - a.z));
}

/** The fraction of requests that complete within ms. */
export function latencyCdf(model: LatencyModel, ms: number): number {
  if (ms <= 0) return 0;
  if (ms === Infinity) return 1;
  const y = Math.log(ms);
  const [a, b] = segmentByLn(model.knots, y);
  return normalCdf(a.z + ((y - a.lnMs) * (b.z - a.z)) / (b.lnMs - a.lnMs));
}

function build(description: string, knots: LatencyKnot[]): LatencyModel {
  const partial = { description, knots, meanMs: meanOf(knots), bucketFractions: new Float64Array(0) };
  const bucketFractions = new Float64Array(ISTIO_DURATION_BUCKETS_MS.length);
  ISTIO_DURATION_BUCKETS_MS.forEach((le, i) => (bucketFractions[i] = latencyCdf(partial, le)));
  return Object.freeze({ ...partial, bucketFractions });
}

/** E[exp(L(Z))]: on a segment where L(z) = a + s·z, ∫ e^(a+s·z) φ(z) dz = e^(a+s²/2)·[Φ(hi−s) − Φ(lo−s)]. */
function meanOf(knots: readonly LatencyKnot[]): number {
  let mean = 0;
  for (let i = 0; i + 1 < knots.length; i++) {
    const k0 = knots[i]!;
    const k1 = knots[i + 1]!;
    const s = (k1.lnMs - k0.lnMs) / (k1.z - k0.z);
    const a = k0.lnMs - s * k0.z;
    const lo = i === 0 ? -Infinity : k0.z;
    const hi = i + 2 === knots.length ? Infinity : k1.z;
    mean += Math.exp(a + (s * s) / 2) * (normalCdf(hi - s) - normalCdf(lo - s));
  }
  return mean;
}

function segmentByZ(knots: readonly LatencyKnot[], z: number): [LatencyKnot, LatencyKnot] {
  let i = 0;
  while (i + 2 < knots.length && z > knots[i + 1]!.z) i++;
  return [knots[i]!, knots[i + 1]!];
}

function segmentByLn(knots: readonly LatencyKnot[], y: number): [LatencyKnot, LatencyKnot] {
  let i = 0;
  while (i + 2 < knots.length && y > knots[i + 1]!.lnMs) i++;
  return [knots[i]!, knots[i + 1]!];
}

function formatPercent(q: number): string {
  return String(Math.round(q * 100 * 1e6) / 1e6);
}
