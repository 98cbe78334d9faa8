// Drives one simulated cluster's mesh traffic: on every tick, each Service's request rate is routed
// through its VirtualServices and DestinationRules to ready pods and added to the cluster's Istio
// counters. Routing is recomputed only after a watched object changed.

import type { Informer } from '../../client/controller-types.js';
import type { KubeObject } from '../../machinery/object.js';
import { isPlainObject } from '../../machinery/object.js';
import { routeService, TrafficAccumulator, type MeshIssue, type MeshPod, type MeshService, type RoutedFlow } from '../mesh/index.js';
import type { EventRecorder } from '../../client/event-recorder.js';

export interface MeshInformers {
  pods: Informer;
  services: Informer;
  virtualServices: Informer;
  destinationRules: Informer;
}

function isReady(pod: KubeObject): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const status = isPlainObject(pod.status) ? pod.status : {};
  const conditions = Array.isArray(status.conditions) ? (status.conditions as { type?: string; status?: string }[]) : [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The workload a pod belongs to: a Deployment (through its ReplicaSet's name), else its owner. */
export function workloadOf(pod: KubeObject): string | undefined {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0];
  if (!owner) return undefined;
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) return owner.name.slice(0, -hash.length - 1);
  return owner.name;
}

function meshPod(pod: KubeObject): MeshPod {
  const spec = isPlainObject(pod.spec) ? pod.spec : {};
  const out: { -readonly [K in keyof MeshPod]: MeshPod[K] } = {
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name ?? '',
    labels: pod.metadata.labels ?? {},
    annotations: pod.metadata.annotations ?? {},
    ready: isReady(pod),
  };
  const workload = workloadOf(pod);
  if (workload) out.workload = workload;
  if (typeof spec.serviceAccountName === 'string') out.serviceAccountName = spec.serviceAccountName;
  return out;
}

function meshService(service: KubeObject): MeshService {
  const spec = isPlainObject(service.spec) ? service.spec : {};
  const out: { -readonly [K in keyof MeshService]: MeshService[K] } = { namespace: service.metadata.namespace ?? 'default', name: service.metadata.name ?? '' };
  if (isPlainObject(spec.selector)) out.selector = spec.selector as Record<string, string>;
  if (Array.isArray(spec.ports)) out.ports = (spec.ports as { name?: string; port: number }[]).map((p) => (p.name ? { name: p.name, port: p.port } : { port: p.port }));
  if (service.metadata.annotations) out.annotations = service.metadata.annotations;
  return out;
}

export class MeshDriver {
  readonly traffic: TrafficAccumulator;
  private flows: RoutedFlow[] = [];
  private dirty = true;

  /** Issues already reported, so each becomes one Warning Event. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly cluster: string,
    private readonly informers: MeshInformers,
    private readonly defaultRequestRate: number,
    private readonly events?: EventRecorder,
  ) {
    this.traffic = new TrafficAccumulator({ cluster });
    const markDirty = { add: () => (this.dirty = true), update: () => (this.dirty = true), delete: () => (this.dirty = true) };
    for (const informer of Object.values(informers)) informer.addHandlers(markDirty);
  }

  /** Adds dtSeconds of traffic to the counters. */
  tick(dtSeconds: number): void {
    if (this.dirty) this.reroute();
    this.traffic.tick(this.flows, dtSeconds);
  }

  private reroute(): void {
    this.dirty = false;
    const services = this.informers.services.list().map(meshService);
    const pods = this.informers.pods.list().map(meshPod);
    const virtualServices = this.informers.virtualServices.list();
    const destinationRules = this.informers.destinationRules.list();
    const flows: RoutedFlow[] = [];
    for (const service of services) {
      const result = routeService({ cluster: this.cluster, service, pods, services, virtualServices, destinationRules, defaultRequestRate: this.defaultRequestRate });
      flows.push(...result.flows);
      for (const issue of result.issues) this.report(issue);
    }
    this.flows = flows;
  }

  private report(issue: MeshIssue): void {
    const key = `${issue.kind}/${issue.namespace}/${issue.name}|${issue.reason}|${issue.message}`;
    if (!this.events || this.reported.has(key)) return;
    this.reported.add(key);
    const informer = issue.kind === 'Pod' ? this.informers.pods : issue.kind === 'Service' ? this.informers.services : this.informers.virtualServices;
    const object = informer.get(issue.namespace, issue.name);
    if (object) this.events.record(object, { type: 'Warning', reason: issue.reason, message: issue.message }, 'kurator-sim-mesh');
  }
}
