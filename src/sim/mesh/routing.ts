// Splits a Service's simulated request rate over its pods the way an Istio sidecar would: the oldest
// VirtualService for the host (bound to the mesh) picks the first http rule whose match fits each request
// class of the header mix, route weights divide that class over destinations, DestinationRule subsets
// narrow a destination to labelled pods, and each destination's share is spread evenly over its ready pods.
// Without a VirtualService the Service's ready pods share all traffic evenly.

import type { KubeObject } from '../../machinery/object.js';
import { isPlainObject } from '../../machinery/object.js';
import { parseHeaderMix, parsePodBehaviour, parseRequestRate, type AnnotationIssue } from './annotations.js';
import { anyMatch, type MatchContext, type SimulatedRequest } from './http-match.js';
import { qualifyHost, serviceFqdn } from './istio-hosts.js';
import { findSubset, pickVirtualService, routeShares, type MeshIssue, type RouteShare } from './istio-rules.js';
import { DEFAULT_CLUSTER_DOMAIN, DEFAULT_TRAFFIC_SOURCE, flowLabels, type DestinationPod, type FlowLabels, type TrafficSource } from './istio-labels.js';
import type { TrafficFlow } from './traffic-flow.js';

export type { MeshIssue } from './istio-rules.js';

export interface MeshService {
  readonly namespace: string;
  readonly name: string;
  readonly selector?: Readonly<Record<string, string>>;
  readonly ports?: readonly { readonly name?: string; readonly port: number }[];
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface MeshPod extends DestinationPod {
  /** Ready condition True and not terminating. */
  readonly ready: boolean;
}

export interface RouteServiceInput {
  /** Cluster id: source_cluster and destination_cluster. */
  readonly cluster: string;
  readonly service: MeshService;
  /** Pods of the cluster (any namespace; the Service's namespace and selector pick its own). */
  readonly pods: readonly MeshPod[];
  /** Other Services of the cluster, for routes whose destination is another host. */
  readonly services?: readonly MeshService[];
  /** networking.istio.io v1beta1 or v1 VirtualServices of the cluster (the schema is the same). */
  readonly virtualServices: readonly KubeObject[];
  readonly destinationRules: readonly KubeObject[];
  /** Used when the Service has no sim.kurator.dev/request-rate annotation. */
  readonly defaultRequestRate: number;
  readonly source?: TrafficSource;
  readonly clusterDomain?: string;
}


export type UnroutedReason =
  /** A VirtualService exists but no http rule matches (Envoy answers 404 NR). */
  | 'NoMatchingRoute'
  /** The matching rule redirects, answers directly or delegates. */
  | 'NonRouteAction'
  /** The destination host is not a Service of the cluster. */
  | 'UnknownHost'
  /** The destination subset is not defined by a DestinationRule for the host. */
  | 'UnknownSubset'
  /** No ready pod behind the destination (Envoy answers 503 UH). */
  | 'NoReadyEndpoints';

export interface UnroutedTraffic {
  readonly reason: UnroutedReason;
  readonly host: string;
  readonly subset?: string;
  /** Requests per second. */
  readonly rate: number;
}

export interface RoutedFlow extends TrafficFlow {
  readonly pod: MeshPod;
  readonly service: MeshService;
  readonly subset?: string;
}

export interface RoutingResult {
  readonly requestRate: number;
  readonly virtualService?: { readonly namespace: string; readonly name: string };
  /** One per (destination, pod), ordered by host, subset, pod. */
  readonly flows: readonly RoutedFlow[];
  readonly unrouted: readonly UnroutedTraffic[];
  /** Problems to record as Warning Events; recomputed on every call. */
  readonly issues: readonly MeshIssue[];
}

interface Target {
  host: string;
  subset?: string;
  rate: number;
}

interface RequestClass extends SimulatedRequest {
  readonly fraction: number;
}

const EPSILON = 1e-12;

export function routeService(input: RouteServiceInput): RoutingResult {
  const domain = input.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
  const source = input.source ?? DEFAULT_TRAFFIC_SOURCE;
  const svc = input.service;
  const fqdn = serviceFqdn(svc.namespace, svc.name, domain);
  const issues = new IssueList();
  const annotationIssue = (kind: 'Service' | 'Pod', ns: string, name: string, i: AnnotationIssue): void =>
    issues.add({ kind, namespace: ns, name, reason: 'InvalidAnnotation', message: `${i.annotation}=${JSON.stringify(i.value)} is ignored: it ${i.reason}` });

  const rate = parseRequestRate(svc.annotations, input.defaultRequestRate);
  if (rate.issue) annotationIssue('Service', svc.namespace, svc.name, rate.issue);
  const mix = parseHeaderMix(svc.annotations);
  if (mix.issue) annotationIssue('Service', svc.namespace, svc.name, mix.issue);

  const classes: RequestClass[] = [...mix.value];
  const rest = 1 - mix.value.reduce((sum, e) => sum + e.fraction, 0);
  if (rest > EPSILON) classes.push({ headers: {}, uri: '/', method: 'GET', fraction: rest });

  const targets = new Map<string, Target>();
  const unrouted = new Map<string, UnroutedTraffic>();
  const addTarget = (host: string, subset: string | undefined, r: number): void => {
    const key = `${host}\u0000${subset ?? ''}`;
    const t = targets.get(key);
    if (t) t.rate += r;
    else targets.set(key, { host, subset, rate: r });
  };
  const addUnrouted = (reason: UnroutedReason, host: string, subset: string | undefined, r: number): void => {
    const key = `${reason}\u0000${host}\u0000${subset ?? ''}`;
    const prev = unrouted.get(key);
    unrouted.set(key, { reason, host, ...(subset !== undefined ? { subset } : {}), rate: (prev?.rate ?? 0) + r });
  };

  const vs = pickVirtualService(input.virtualServices, fqdn, domain, (i) => issues.add(i));
  if (!vs) {
    addTarget(fqdn, undefined, rate.value);
  } else {
    const vsNs = vs.metadata.namespace ?? svc.namespace;
    const vsName = vs.metadata.name ?? '';
    const vsIssue = (reason: string, message: string): void => issues.add({ kind: 'VirtualService', namespace: vsNs, name: vsName, reason, message });
    const spec = vs.spec as Record<string, unknown>;
    const rules = Array.isArray(spec.http) ? spec.http : [];
    const ctx: MatchContext = {
      port: svc.ports?.[0]?.port,
      sourceLabels: { app: source.app, version: source.version },
      sourceNamespace: source.namespace,
    };
    const shares = new Map<number, RouteShare[] | string>();
    for (const cls of classes) {
      const classRate = rate.value * cls.fraction;
      const index = rules.findIndex((rule, i) =>
        isPlainObject(rule) ? anyMatch(rule.match, cls, ctx, (reason, message) => vsIssue(reason, `http[${i}].${message}`)) : false,
      );
      if (index < 0) {
        addUnrouted('NoMatchingRoute', fqdn, undefined, classRate);
        continue;
      }
      let split = shares.get(index);
      if (split === undefined) {
        split = routeShares(rules[index] as Record<string, unknown>, index, vsIssue);
        shares.set(index, split);
      }
      if (typeof split === 'string') {
        addUnrouted('NonRouteAction', fqdn, undefined, classRate);
        continue;
      }
      for (const s of split) addTarget(qualifyHost(s.host, vsNs, domain), s.subset, classRate * s.share);
    }
  }

  const known = [svc, ...(input.services ?? [])];
  const flows: RoutedFlow[] = [];
  const sortedTargets = [...targets.values()].sort((a, b) => compare(a.host, b.host) || compare(a.subset ?? '', b.subset ?? ''));
  for (const t of sortedTargets) {
    if (t.rate <= 0) continue;
    const dest = known.find((s) => serviceFqdn(s.namespace, s.name, domain) === t.host);
    if (!dest) {
      addUnrouted('UnknownHost', t.host, t.subset, t.rate);
      if (vs) issues.add({ kind: 'VirtualService', namespace: vs.metadata.namespace ?? '', name: vs.metadata.name ?? '', reason: 'UnknownHost', message: `destination host ${t.host} is not a Service of this cluster` });
      continue;
    }
    let subsetLabels: Readonly<Record<string, string>> = {};
    if (t.subset !== undefined) {
      const found = findSubset(input.destinationRules, t.host, dest.namespace, t.subset, domain);
      if (!found) {
        addUnrouted('UnknownSubset', t.host, t.subset, t.rate);
        if (vs) issues.add({ kind: 'VirtualService', namespace: vs.metadata.namespace ?? '', name: vs.metadata.name ?? '', reason: 'UnknownSubset', message: `subset ${t.subset} of ${t.host} is not defined by any DestinationRule` });
        continue;
      }
      subsetLabels = found;
    }
    const selector = dest.selector ?? {};
    const ready = Object.keys(selector).length === 0 ? [] : input.pods.filter((p) => p.ready && p.namespace === dest.namespace && subsetOf(selector, p.labels) && subsetOf(subsetLabels, p.labels));
    if (ready.length === 0) {
      addUnrouted('NoReadyEndpoints', t.host, t.subset, t.rate);
      continue;
    }
    ready.sort((a, b) => compare(a.name, b.name));
    const perPod = t.rate / ready.length;
    for (const pod of ready) {
      const behaviour = parsePodBehaviour(pod.annotations);
      for (const i of behaviour.issues) annotationIssue('Pod', pod.namespace, pod.name, i);
      const labels: FlowLabels = flowLabels(source, pod, dest, input.cluster, domain);
      flows.push({ pod, service: dest, ...(t.subset !== undefined ? { subset: t.subset } : {}), labels, rate: perPod, errorRatio: behaviour.errorRatio, latency: behaviour.latency });
    }
  }

  return {
    requestRate: rate.value,
    ...(vs ? { virtualService: { namespace: vs.metadata.namespace ?? '', name: vs.metadata.name ?? '' } } : {}),
    flows,
    unrouted: [...unrouted.values()].sort((a, b) => compare(a.reason, b.reason) || compare(a.host, b.host) || compare(a.subset ?? '', b.subset ?? '')),
    issues: issues.list(),
  };
}

function subsetOf(required: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  for (const k in required) if (labels[k] !== required[k]) return false;
  return true;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

class IssueList {
  private readonly seen = new Map<string, MeshIssue>();
  add(issue: MeshIssue): void {
    const key = `${issue.kind}/${issue.namespace}/${issue.name}/${issue.reason}/${issue.message}`;
    if (!this.seen.has(key)) this.seen.set(key, issue);
  }
  list(): MeshIssue[] {
    return [...this.seen.values()];
  }
}
