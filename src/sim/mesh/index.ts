// Simulated service-mesh traffic and the metrics it produces.

export * from './annotations.js';
export * from './latency.js';
export * from './istio-labels.js';
export { hostMatches, qualifyHost, serviceFqdn } from './istio-hosts.js';
export type { SimulatedRequest, MatchContext } from './http-match.js';
export * from './routing.js';
export * from './traffic-flow.js';
export * from './random.js';
export * from './traffic.js';
export * from './exposition.js';
export * from './kube-state-text.js';
export * from './metrics-text.js';
export * from './exposition-parser.js';
