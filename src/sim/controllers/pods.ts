// The pod side of a simulated cluster: the scheduler binds pending pods to nodes (or reports why it
// cannot), and the kubelets move bound pods through ContainerCreating → Running → Ready, and Job pods
// on to Succeeded or Failed, after the configured delays.

import { defineController } from '../../client/controller.js';
import type { Informer, ObjectKey } from '../../client/controller-types.js';
import { resources } from '../../client/resources.js';
import { withStatus, type KubeObject } from '../../machinery/object.js';
import {
  finishedPodStatus,
  podScheduledFalseCondition,
  podScheduledTrueCondition,
  runningPodStatus,
  runsToCompletion,
  schedulePod,
  schedulingEvent,
  withPodCondition,
  isNodeReady,
  type RunningStage,
} from '../workloads/index.js';
import type { Node, Pod } from '../workloads/types-core.js';
import type { SimContext } from './context.js';
import { indexPodsByNode, podsByNode, unscheduledPods } from './indexes.js';
import { tolerant } from './owned.js';

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** How soon an unschedulable pod is tried again (capacity may have been freed meanwhile). */
const SCHEDULE_RETRY_MS = 5000;

export function setupScheduler(ctx: SimContext, pods: Informer, nodes: Informer): void {
  // The last failed attempt per pod: the scheduler's own status write re-triggers a reconcile, which must
  // not count as a new attempt (one FailedScheduling event per attempt, as kube-scheduler records them).
  const lastFailure = new Map<string, { uid: string; message: string; at: number }>();
  indexPodsByNode(pods);
  const pendingKeys = (): ObjectKey[] => unscheduledPods(pods).map((p) => ({ namespace: p.metadata.namespace, name: p.metadata.name ?? '' }));
  ctx.manager.add(
    defineController(
      {
        name: `${ctx.cluster}/scheduler`,
        for: pods,
        watches: [{ informer: nodes, map: pendingKeys }],
        reconcile: async (key) => {
          const object = pods.get(key.namespace, key.name);
          const podKey = `${key.namespace ?? ''}/${key.name}`;
          const pod = object as unknown as Pod | undefined;
          if (!object || !pod || pod.spec.nodeName || pod.metadata.deletionTimestamp || isTerminal(pod)) {
            lastFailure.delete(podKey);
            return;
          }
          const now = ctx.now();
          const nodeList = nodes.list() as unknown as Node[];
          const result = schedulePod(pod, nodeList, podsByNode(pods, nodeList.map((n) => n.metadata.name ?? '')));
          const event = schedulingEvent(pod, result);
          const uid = object.metadata.uid ?? '';
          const last = lastFailure.get(podKey);
          const sinceLast = Date.now() - (last?.at ?? 0);
          // The same failure again before the retry is due: re-triggered by our own status write, not a new attempt.
          if (!('nodeName' in result) && last?.uid === uid && last.message === event.message && sinceLast < SCHEDULE_RETRY_MS) {
            return { requeueAfterMs: SCHEDULE_RETRY_MS - sinceLast };
          }
          ctx.events.record(object, event, 'default-scheduler');
          if ('nodeName' in result) {
            lastFailure.delete(podKey);
            const bound = await ctx.client.update(resources.pods, { ...object, spec: { ...(object.spec as object), nodeName: result.nodeName } } as KubeObject);
            const status = { ...((bound as unknown as Pod).status ?? {}), conditions: withPodCondition((bound as unknown as Pod).status?.conditions, podScheduledTrueCondition(now)) };
            await ctx.client.update(resources.pods, withStatus(bound, status), { subresource: 'status' });
            return;
          }
          lastFailure.set(podKey, { uid, message: event.message, at: Date.now() });
          const previous = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
          const condition = podScheduledFalseCondition(result.reason, result.message, now, previous);
          if (previous?.status !== 'False' || previous.message !== condition.message) {
            await tolerant(ctx.client.update(resources.pods, withStatus(object, { ...(pod.status ?? {}), phase: 'Pending', conditions: withPodCondition(pod.status?.conditions, condition) }), { subresource: 'status' }));
          }
          return { requeueAfterMs: SCHEDULE_RETRY_MS };
        },
      },
      { log: ctx.log },
    ),
  );
}

/** Pod IPs from 10.244.0.0/16, one cluster at a time (simulated clusters have separate networks). */
class PodIpAllocator {
  private next = 2;
  allocate(): string {
    const n = this.next++;
    return `10.244.${(n >> 8) & 255}.${n & 255}`;
  }
}

export function setupKubelet(ctx: SimContext, pods: Informer, nodes: Informer): void {
  const ips = new PodIpAllocator();
  /** When each pod reached its current stage (this process's clock: statuses only have seconds). */
  const stageSince = new Map<string, { stage: string; at: number }>();
  const since = (uid: string, stage: string): number => {
    const entry = stageSince.get(uid);
    if (entry?.stage === stage) return entry.at;
    const at = Date.now();
    stageSince.set(uid, { stage, at });
    return at;
  };
  ctx.manager.add(
    defineController(
      {
        name: `${ctx.cluster}/kubelet`,
        for: pods,
        reconcile: async (key) => {
          const object = pods.get(key.namespace, key.name);
          if (!object) return;
          const pod = object as unknown as Pod;
          const uid = object.metadata.uid ?? '';
          if (!pod.spec.nodeName || object.metadata.deletionTimestamp || isTerminal(pod)) {
            // A pod that is finished or going away needs no stage clock any more.
            if (object.metadata.deletionTimestamp || isTerminal(pod)) stageSince.delete(uid);
            return;
          }
          const node = nodes.get(undefined, pod.spec.nodeName) as unknown as Node | undefined;
          if (!node || !isNodeReady(node)) return { requeueAfterMs: 2000 };
          const { podStartMs, podReadyMs, jobRunMs } = ctx.timing;
          const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
          const started = pod.status?.phase === 'Running';
          let next: RunningStage | 'finished' | undefined;
          let waitMs = 0;
          if (!started) {
            waitMs = since(uid, 'bound') + podStartMs - Date.now();
            next = podReadyMs <= 0 ? 'ready' : 'started';
          } else if (!ready) {
            waitMs = since(uid, 'started') + podReadyMs - Date.now();
            next = 'ready';
          } else if (runsToCompletion(pod)) {
            waitMs = since(uid, 'ready') + jobRunMs - Date.now();
            next = 'finished';
          }
          if (!next) return;
          if (waitMs > 0) return { requeueAfterMs: waitMs };
          const now = ctx.now();
          const hostIP = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
          const status = next === 'finished' ? finishedPodStatus(pod, now) : runningPodStatus(pod, next, { podIP: pod.status?.podIP ?? ips.allocate(), hostIP }, now);
          await tolerant(ctx.client.update(resources.pods, withStatus(object, status), { subresource: 'status' }));
          return;
        },
      },
      { log: ctx.log },
    ),
  );
}
