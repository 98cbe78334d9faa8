// What routing produces and the accumulator consumes: a steady stream of requests to one pod.

import type { LatencyModel } from './latency.js';
import type { FlowLabels } from './istio-labels.js';

export interface TrafficFlow {
  /**
   * Series labels. Flows whose labels are the same object, or have equal values, add to the same series;
   * reusing the object across ticks lets the accumulator skip building the series key.
   */
  readonly labels: FlowLabels;
  /** Requests per second. */
  readonly rate: number;
  /** Fraction answered 500, in [0, 1]. */
  readonly errorRatio: number;
  readonly latency: LatencyModel;
}
