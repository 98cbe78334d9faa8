// Annotations that drive simulated mesh traffic. Parsers never throw: an invalid value is ignored (the
// default applies) and comes back as an issue the caller records as an Event.
//
// On a Service:
//   sim.kurator.dev/request-rate  requests per second, a non-negative decimal ("50", "12.5", "0").
//                                 Default: the cluster profile's requestRate.
//   sim.kurator.dev/header-mix    JSON list of request classes that carry headers, e.g.
//                                 [{"headers":{"x-user":"beta"},"fraction":0.1}]. Each entry: "headers"
//                                 (map of header name to value; names are case-insensitive), optional
//                                 "uri" (default "/"), optional "method" (default "GET"), and "fraction"
//                                 in [0,1]. Fractions must sum to at most 1; the remainder is plain
//                                 GET / with no extra headers.
// On a pod template (and so on its pods):
//   sim.kurator.dev/error-ratio   fraction of requests answered 500: "0.2", or a percentage "20%".
//                                 Default 0.
//   sim.kurator.dev/latency-ms    "120": mean 120 ms, log-normal with shape σ = 0.5 (median = mean·e^(−σ²/2));
//                                 "p50=80,p90=150,p99=400": the latency is log-normal between consecutive
//                                 given quantiles and matches each exactly (two quantiles give one
//                                 log-normal; one quantile gets σ = 0.5 around it). Keys are p<percent>
//                                 with 0 < percent < 100, values positive milliseconds increasing with
//                                 the percent. Default "50".
//   sim.kurator.dev/workload      destination_workload for the pod's metrics, overriding the owning
//                                 workload's name.

import { latencyFromMean, latencyFromQuantiles, type LatencyModel, type QuantilePoint } from './latency.js';

export const ANNOTATION_REQUEST_RATE = 'sim.kurator.dev/request-rate';
export const ANNOTATION_HEADER_MIX = 'sim.kurator.dev/header-mix';
export const ANNOTATION_ERROR_RATIO = 'sim.kurator.dev/error-ratio';
export const ANNOTATION_LATENCY = 'sim.kurator.dev/latency-ms';
export const ANNOTATION_WORKLOAD = 'sim.kurator.dev/workload';

export const DEFAULT_LATENCY_TEXT = '50';

/** The annotation reference, as it appears in the README. */
export const ANNOTATIONS_DOC = `### Simulated traffic annotations

| annotation | on | value | default |
|---|---|---|---|
| \`sim.kurator.dev/request-rate\` | Service | requests per second, a non-negative decimal: \`"50"\`, \`"12.5"\`, \`"0"\` (no traffic) | the cluster profile's \`requestRate\` |
| \`sim.kurator.dev/header-mix\` | Service | JSON list of request classes: \`[{"headers":{"x-user":"beta"},"fraction":0.1}]\`; each entry has \`headers\` (name → value, names case-insensitive), optional \`uri\` (default \`/\`) and \`method\` (default \`GET\`), and \`fraction\` in [0,1]; fractions sum to at most 1, the rest is plain \`GET /\` | no headers |
| \`sim.kurator.dev/error-ratio\` | pod template | fraction of requests answered \`500\`: \`"0.2"\` or \`"20%"\` | \`0\` |
| \`sim.kurator.dev/latency-ms\` | pod template | \`"120"\`: mean 120 ms, log-normal with σ = 0.5 (median ≈ 106 ms, p99 ≈ 339 ms); or quantiles \`"p50=80,p90=150,p99=400"\`: every given quantile is matched exactly, log-normal in between (two quantiles = one log-normal; a single quantile gets σ = 0.5) | \`"50"\` |
| \`sim.kurator.dev/workload\` | pod template | the \`destination_workload\` label of the pod's metrics | the owning Deployment/StatefulSet, else the \`app\` label, else the pod name |

Requests are routed the way Istio would route them: VirtualService \`http\` rules in order (header, uri and
method matches against the header mix), route weights (normalised when they do not sum to 100), and
DestinationRule subsets; each subset's share is spread evenly over its ready pods. Counters grow by the
expected number of requests every tick (they may be fractional): a pod with error ratio 0.2 shows exactly 20%
\`response_code="500"\` in \`rate(istio_requests_total[1m])\`. Latency histograms use Istio's buckets
(0.5 ms … 3600000 ms) filled with the expected fraction of requests below each bound.
Invalid values are ignored (the default applies) and reported as a Warning Event on the object.`;

export type Annotations = Readonly<Record<string, string>> | undefined;

export interface AnnotationIssue {
  readonly annotation: string;
  readonly value: string;
  readonly reason: string;
}

export interface Parsed<T> {
  readonly value: T;
  readonly issue?: AnnotationIssue;
}

export interface HeaderMixEntry {
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly uri: string;
  readonly method: string;
  readonly fraction: number;
}

export interface PodBehaviour {
  readonly errorRatio: number;
  readonly latency: LatencyModel;
  readonly issues: readonly AnnotationIssue[];
}

const DECIMAL = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;

function issue(annotation: string, value: string, reason: string): AnnotationIssue {
  return { annotation, value, reason };
}

/** Requests per second of a Service. */
export function parseRequestRate(annotations: Annotations, defaultRate: number): Parsed<number> {
  const text = annotations?.[ANNOTATION_REQUEST_RATE];
  if (text === undefined) return { value: defaultRate };
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return { value: defaultRate, issue: issue(ANNOTATION_REQUEST_RATE, text, 'must be a non-negative decimal number of requests per second, like "50" or "12.5"') };
  return { value: Number(trimmed) };
}

/** Fraction of requests that fail with 500. */
export function parseErrorRatio(annotations: Annotations): Parsed<number> {
  const text = annotations?.[ANNOTATION_ERROR_RATIO];
  if (text === undefined) return { value: 0 };
  const trimmed = text.trim();
  const percent = trimmed.endsWith('%');
  const number = percent ? trimmed.slice(0, -1).trim() : trimmed;
  const value = DECIMAL.test(number) ? Number(number) / (percent ? 100 : 1) : NaN;
  if (!(value >= 0 && value <= 1)) {
    return { value: 0, issue: issue(ANNOTATION_ERROR_RATIO, text, 'must be a fraction between 0 and 1 like "0.2", or a percentage between 0% and 100% like "20%"') };
  }
  return { value };
}

const latencyCache = new Map<string, Parsed<LatencyModel>>();
const LATENCY_CACHE_LIMIT = 1024;

/** Latency model of a pod; identical texts share one (immutable) model. */
export function parseLatency(annotations: Annotations): Parsed<LatencyModel> {
  const text = annotations?.[ANNOTATION_LATENCY];
  if (text === undefined) return { value: defaultLatency() };
  let parsed = latencyCache.get(text);
  if (!parsed) {
    const result = latencyFromText(text);
    parsed = typeof result === 'string' ? { value: defaultLatency(), issue: issue(ANNOTATION_LATENCY, text, result) } : { value: result };
    if (latencyCache.size >= LATENCY_CACHE_LIMIT) latencyCache.clear();
    latencyCache.set(text, parsed);
  }
  return parsed;
}

let defaultModel: LatencyModel | undefined;
function defaultLatency(): LatencyModel {
  return (defaultModel ??= latencyFromMean(Number(DEFAULT_LATENCY_TEXT)));
}

const LATENCY_FORMAT = 'must be a mean in milliseconds like "120", or quantiles like "p50=80,p90=150,p99=400"';

/** A model, or the reason the text is not one. */
export function latencyFromText(text: string): LatencyModel | string {
  const trimmed = text.trim();
  if (DECIMAL.test(trimmed)) {
    const mean = Number(trimmed);
    return mean > 0 ? latencyFromMean(mean) : `${LATENCY_FORMAT}; the mean must be above 0`;
  }
  const points: QuantilePoint[] = [];
  const seen = new Set<number>();
  for (const part of trimmed.split(',')) {
    const m = /^p([0-9]+(?:\.[0-9]+)?)\s*=\s*(\S+)$/.exec(part.trim());
    if (!m || !DECIMAL.test(m[2]!)) return LATENCY_FORMAT;
    const percent = Number(m[1]);
    const ms = Number(m[2]);
    if (!(percent > 0 && percent < 100)) return `${LATENCY_FORMAT}; p${m[1]} is not a percentile between 0 and 100`;
    if (!(ms > 0)) return `${LATENCY_FORMAT}; p${m[1]} must be above 0 ms`;
    if (seen.has(percent)) return `${LATENCY_FORMAT}; p${m[1]} is given twice`;
    seen.add(percent);
    points.push({ quantile: percent / 100, ms });
  }
  const sorted = [...points].sort((a, b) => a.quantile - b.quantile);
  for (let i = 1; i < sorted.length; i++) {
    if (!(sorted[i]!.ms > sorted[i - 1]!.ms)) return `${LATENCY_FORMAT}; latencies must increase with the percentile`;
  }
  return latencyFromQuantiles(points);
}

/** Error ratio and latency of a pod, from its (template's) annotations. */
export function parsePodBehaviour(annotations: Annotations): PodBehaviour {
  const errorRatio = parseErrorRatio(annotations);
  const latency = parseLatency(annotations);
  const issues: AnnotationIssue[] = [];
  if (errorRatio.issue) issues.push(errorRatio.issue);
  if (latency.issue) issues.push(latency.issue);
  return { errorRatio: errorRatio.value, latency: latency.value, issues };
}

const HEADER_MIX_FORMAT = 'must be a JSON list like [{"headers":{"x-user":"beta"},"fraction":0.1}]';

/** Request classes of a Service's simulated traffic (empty: every request is plain GET /). */
export function parseHeaderMix(annotations: Annotations): Parsed<readonly HeaderMixEntry[]> {
  const text = annotations?.[ANNOTATION_HEADER_MIX];
  if (text === undefined) return { value: [] };
  const fail = (why: string): Parsed<readonly HeaderMixEntry[]> => ({ value: [], issue: issue(ANNOTATION_HEADER_MIX, text, `${HEADER_MIX_FORMAT}; ${why}`) });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail('it is not valid JSON');
  }
  if (!Array.isArray(doc)) return fail('it is not a list');
  const entries: HeaderMixEntry[] = [];
  let total = 0;
  for (const [i, item] of doc.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return fail(`entry ${i} is not an object`);
    const { headers = {}, uri = '/', method = 'GET', fraction } = item as Record<string, unknown>;
    if (typeof fraction !== 'number' || !(fraction >= 0 && fraction <= 1)) return fail(`entry ${i} needs a "fraction" between 0 and 1`);
    if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return fail(`entry ${i} "headers" must be a map of strings`);
    const lower: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value !== 'string') return fail(`entry ${i} header ${name} must be a string`);
      lower[name.toLowerCase()] = value;
    }
    if (typeof uri !== 'string' || !uri.startsWith('/')) return fail(`entry ${i} "uri" must be a path starting with /`);
    if (typeof method !== 'string' || method === '') return fail(`entry ${i} "method" must be a string`);
    total += fraction;
    entries.push({ headers: lower, uri, method: method.toUpperCase(), fraction });
  }
  if (total > 1 + 1e-9) return fail(`the fractions add up to ${total}, more than 1`);
  return { value: entries };
}
