// Reading Istio rules for one host: which VirtualService applies, how a rule divides traffic, and which
// labels a DestinationRule subset selects. Problems are reported, never thrown.

import type { KubeObject } from '../../machinery/object.js';
import { isPlainObject } from '../../machinery/object.js';
import { hostMatches } from './istio-hosts.js';

export interface MeshIssue {
  readonly kind: 'Service' | 'Pod' | 'VirtualService';
  readonly namespace: string;
  readonly name: string;
  /** Event reason. */
  readonly reason: string;
  readonly message: string;
}

export type ReportIssue = (issue: MeshIssue) => void;

export interface RouteShare {
  readonly host: string;
  readonly subset?: string;
  readonly share: number;
}

/** The destinations of a rule and their fractions, or why the rule does not route. */
export function routeShares(rule: Record<string, unknown>, index: number, vsIssue: (reason: string, message: string) => void): RouteShare[] | string {
  const routes = Array.isArray(rule.route) ? rule.route : [];
  const valid: { host: string; subset?: string; weight: number | undefined }[] = [];
  for (const [j, r] of routes.entries()) {
    const dest = isPlainObject(r) ? r.destination : undefined;
    if (!isPlainObject(r) || !isPlainObject(dest) || typeof dest.host !== 'string' || dest.host === '') {
      vsIssue('InvalidRoute', `http[${index}].route[${j}] has no destination.host; it is skipped`);
      continue;
    }
    let weight: number | undefined;
    if (r.weight !== undefined) {
      if (typeof r.weight === 'number' && Number.isFinite(r.weight) && r.weight >= 0) weight = r.weight;
      else vsIssue('InvalidWeight', `http[${index}].route[${j}].weight ${JSON.stringify(r.weight)} is not a non-negative number; 0 is used`);
    }
    valid.push({ host: dest.host.trim().toLowerCase(), ...(typeof dest.subset === 'string' && dest.subset !== '' ? { subset: dest.subset } : {}), weight });
  }
  if (valid.length === 0) {
    const action = ['redirect', 'directResponse', 'delegate'].find((k) => rule[k] !== undefined);
    if (!action) vsIssue('InvalidRoute', `http[${index}] has no route; matching requests are not delivered`);
    return action ?? 'no route';
  }
  if (valid.length === 1) return [{ host: valid[0]!.host, ...(valid[0]!.subset ? { subset: valid[0]!.subset } : {}), share: 1 }];
  let total = valid.reduce((sum, v) => sum + (v.weight ?? 0), 0);
  let weights = valid.map((v) => v.weight ?? 0);
  if (total === 0) {
    vsIssue('InvalidWeights', `http[${index}] route weights are all 0; traffic is split evenly`);
    weights = valid.map(() => 1);
    total = valid.length;
  } else if (Math.abs(total - 100) > 1e-9) {
    vsIssue('WeightsNormalized', `http[${index}] route weights sum to ${total}, not 100; each destination gets weight/${total}`);
  }
  return valid.map((v, j) => ({ host: v.host, ...(v.subset ? { subset: v.subset } : {}), share: weights[j]! / total }));
}

function creation(o: KubeObject): string {
  return typeof o.metadata.creationTimestamp === 'string' ? o.metadata.creationTimestamp : '';
}

function byAge(a: KubeObject, b: KubeObject): number {
  return compare(creation(a), creation(b)) || compare(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compare(a.metadata.name ?? '', b.metadata.name ?? '');
}

/** The oldest mesh-bound VirtualService naming the host; the others are reported and ignored. */
export function pickVirtualService(all: readonly KubeObject[], fqdn: string, domain: string, report: ReportIssue): KubeObject | undefined {
  const candidates = all.filter((vs) => {
    const spec = vs.spec;
    if (!isPlainObject(spec) || !Array.isArray(spec.hosts)) return false;
    const ns = vs.metadata.namespace ?? '';
    if (!spec.hosts.some((h) => typeof h === 'string' && hostMatches(h, ns, fqdn, domain))) return false;
    const gateways = spec.gateways;
    return !Array.isArray(gateways) || gateways.length === 0 || gateways.includes('mesh');
  });
  if (candidates.length === 0) return undefined;
  candidates.sort(byAge);
  const [winner, ...ignored] = candidates;
  for (const vs of ignored) {
    report({
      kind: 'VirtualService',
      namespace: vs.metadata.namespace ?? '',
      name: vs.metadata.name ?? '',
      reason: 'VirtualServiceConflict',
      message: `host ${fqdn} is already routed by ${winner!.metadata.namespace}/${winner!.metadata.name}, which is older; this VirtualService is ignored for it`,
    });
  }
  return winner;
}

/**
 * Labels of a subset: the DestinationRule for the host in the Service's namespace wins, then exact host
 * names over wildcards, then the oldest.
 */
export function findSubset(rules: readonly KubeObject[], fqdn: string, serviceNamespace: string, subset: string, domain: string): Readonly<Record<string, string>> | undefined {
  const candidates = rules.filter((dr) => isPlainObject(dr.spec) && typeof dr.spec.host === 'string' && hostMatches(dr.spec.host, dr.metadata.namespace ?? '', fqdn, domain));
  const rank = (dr: KubeObject): number => (dr.metadata.namespace === serviceNamespace ? 0 : 2) + (String((dr.spec as Record<string, unknown>).host).includes('*') ? 1 : 0);
  candidates.sort((a, b) => rank(a) - rank(b) || byAge(a, b));
  const dr = candidates[0];
  if (!dr) return undefined;
  const subsets = (dr.spec as Record<string, unknown>).subsets;
  if (!Array.isArray(subsets)) return undefined;
  const found = subsets.find((s) => isPlainObject(s) && s.name === subset);
  if (!isPlainObject(found)) return undefined;
  const labels: Record<string, string> = {};
  if (isPlainObject(found.labels)) for (const [k, v] of Object.entries(found.labels)) labels[k] = String(v);
  return labels;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
