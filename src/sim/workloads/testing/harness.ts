// An in-memory stand-in for the API server and the wiring layer, for tests of the workload logic:
// it assigns names, UIDs, generations and timestamps the way the API server does, applies controller
// results, and runs the kubelet stages. Pure (no I/O); time only moves when a test calls tick().

import { deepClone, deepEqual } from '../../../machinery/deep.js';
import type { KubeObject } from '../../../machinery/object.js';
import { isControlledBy } from '../controller-ref.js';
import { reconcileDeployment, type DeploymentReconcile } from '../deployment.js';
import { runningPodStatus } from '../kubelet.js';
import { reconcileReplicaSet } from '../replicaset.js';
import type { Deployment, ReplicaSet } from '../types-apps.js';
import type { Pod, SimEvent } from '../types-core.js';
import { kubeTime, toMillis } from '../time.js';

export class FakeCluster {
  nowMs: number;
  private seq = 0;
  readonly objects = new Map<string, KubeObject>();
  readonly events: { object: string; event: SimEvent }[] = [];

  constructor(start = '2025-01-01T00:00:00Z') {
    this.nowMs = toMillis(start);
  }

  get now(): string {
    return kubeTime(this.nowMs);
  }

  tick(seconds = 1): void {
    this.nowMs += seconds * 1000;
  }

  private key(kind: string, name: string): string {
    return `${kind}/${name}`;
  }

  create<T extends KubeObject>(object: T): T {
    const o = deepClone(object);
    this.seq++;
    if (!o.metadata.name) o.metadata.name = `${o.metadata.generateName ?? 'x-'}${String(this.seq).padStart(5, 'a')}`;
    o.metadata.namespace = o.metadata.namespace ?? 'default';
    o.metadata.uid = `uid-${o.kind}-${this.seq}`;
    o.metadata.creationTimestamp = this.now;
    o.metadata.generation = 1;
    o.metadata.resourceVersion = String(this.seq);
    if (o.kind === 'Pod' && !o['status']) (o as KubeObject)['status'] = { phase: 'Pending', qosClass: 'BestEffort' };
    this.objects.set(this.key(o.kind ?? '', o.metadata.name), o);
    return o;
  }

  /** Spec writes bump generation; status and metadata writes do not. */
  update<T extends KubeObject>(object: T): T {
    const k = this.key(object.kind ?? '', object.metadata.name ?? '');
    const old = this.objects.get(k);
    if (!old) throw new Error(`update of missing ${k}`);
    const o = deepClone(object);
    o.metadata = { ...o.metadata, generation: old.metadata.generation, resourceVersion: String(++this.seq) };
    if (!deepEqual(o.spec, old.spec)) o.metadata.generation = (old.metadata.generation ?? 1) + 1;
    this.objects.set(k, o);
    return o;
  }

  delete(kind: string, name: string): void {
    this.objects.delete(this.key(kind, name));
  }

  get<T extends KubeObject>(kind: string, name: string): T {
    const o = this.objects.get(this.key(kind, name));
    if (!o) throw new Error(`no ${kind}/${name}`);
    return o as T;
  }

  list<T extends KubeObject>(kind: string): T[] {
    return [...this.objects.values()].filter((o) => o.kind === kind) as T[];
  }

  // ---- controllers ----

  syncDeployment(name: string): DeploymentReconcile {
    const d = this.get<Deployment>('Deployment', name);
    const rss = this.list<ReplicaSet>('ReplicaSet').filter((rs) => isControlledBy(rs, d));
    const pods = this.list<Pod>('Pod').filter((p) => rss.some((rs) => isControlledBy(p, rs)));
    const r = reconcileDeployment(d, rss, pods, this.now);
    for (const a of r.actions) {
      if (a.type === 'create') this.create(a.replicaSet);
      else if (a.type === 'update') this.update(a.replicaSet);
      else this.delete('ReplicaSet', a.name);
    }
    let next = this.get<Deployment>('Deployment', name);
    if (r.annotations) next = { ...next, metadata: { ...next.metadata, annotations: r.annotations } };
    if (r.statusChanged || r.annotations) this.objects.set(this.key('Deployment', name), { ...next, status: r.status });
    for (const event of r.events) this.events.push({ object: `Deployment/${name}`, event });
    return r;
  }

  syncReplicaSets(): void {
    for (const rs of this.list<ReplicaSet>('ReplicaSet')) {
      const owned = this.list<Pod>('Pod').filter((p) => isControlledBy(p, rs));
      const r = reconcileReplicaSet(rs, owned, this.now);
      for (const p of r.create) this.create(p);
      for (const n of r.delete) this.delete('Pod', n);
      if (r.statusChanged) {
        const current = this.get<ReplicaSet>('ReplicaSet', rs.metadata.name ?? '');
        this.objects.set(this.key('ReplicaSet', rs.metadata.name ?? ''), { ...current, status: r.status });
      }
    }
  }

  /** Binds every unbound pod to node-1 and brings every pod to the ready stage. */
  runKubelet(): void {
    let ip = 10;
    for (const p of this.list<Pod>('Pod')) {
      ip++;
      if (p.status?.phase === 'Running') continue;
      const bound: Pod = { ...p, spec: { ...p.spec, nodeName: p.spec.nodeName ?? 'node-1' } };
      bound.status = runningPodStatus(bound, 'ready', { podIP: `10.244.0.${ip}`, hostIP: '192.168.0.10' }, this.now);
      this.objects.set(this.key('Pod', p.metadata.name ?? ''), bound);
    }
  }

  eventMessages(reason?: string): string[] {
    return this.events.filter((e) => !reason || e.event.reason === reason).map((e) => e.event.message);
  }
}

/** kubectl rollout status for a Deployment (DeploymentStatusViewer), one line. */
export function rolloutStatus(d: Deployment): string {
  const s = d.status ?? {};
  const name = d.metadata.name;
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return 'Waiting for deployment spec update to be observed...';
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return `error: deployment "${name}" exceeded its progress deadline`;
  const want = d.spec.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  if (updated < want) return `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`;
  if ((s.replicas ?? 0) > updated) return `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...`;
  if ((s.availableReplicas ?? 0) < updated) return `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...`;
  return `deployment "${name}" successfully rolled out`;
}
