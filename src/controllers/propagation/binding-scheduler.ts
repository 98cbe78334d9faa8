// The binding scheduler: places each binding's replicas on clusters (filter → spread → divide) and writes
// spec.clusters and the Scheduled condition. Clusters out of play are left out: in maintenance, NotReady
// past the placement's toleration (cluster failover — the lost placement becomes a graceful eviction
// task, so its Work stays until the replacement is healthy), or already being evicted by a task.

import { defineController } from '../../client/controller.js';
import type { Informer, ObjectKey } from '../../client/controller-types.js';
import { keyString } from '../../client/keys.js';
import type { ResourceType } from '../../client/types.js';
import { deepEqual } from '../../machinery/deep.js';
import type { KubeObject } from '../../machinery/object.js';
import { changedBeyondStatus } from '../common/changes.js';
import { CLUSTER_KINDS } from '../common/cluster-kinds.js';
import { setCondition } from '../common/conditions.js';
import type { ControllerEnv } from '../env.js';
import { BINDING_TYPES, bindingSpecOf, bindingStatusOf, displayName, keyOf, purgeModeOf, type BindingSpec, type GracefulEvictionTask } from './binding-spec.js';
import { clusterInfoOf, failoverState, maintenanceState } from './cluster-facts.js';
import { PIPELINE_WORKERS } from './concurrency.js';
import { POLICY_NAME_LABEL } from './kinds.js';
import { scheduleBinding, type TargetCluster } from './scheduling/index.js';
import { SchedulingMemo } from './scheduling-memo.js';
import { templateOfBinding } from './template-ref.js';

export function setupBindingScheduler(env: ControllerEnv): void {
  const clusterInformers: Informer[] = CLUSTER_KINDS.map((t) => env.manager.informer(t));
  const memo = new SchedulingMemo();
  const clustersChanged = (): void => memo.clustersChanged();
  for (const informer of clusterInformers) informer.addHandlers({ add: clustersChanged, update: clustersChanged, delete: clustersChanged });
  for (const bindingType of BINDING_TYPES) {
    const bindings = env.manager.informer(bindingType);
    const everyBinding = (): ObjectKey[] => bindings.list().map(keyOf);
    env.manager.add(
      defineController(
        {
          name: `scheduler/${bindingType.kind}`,
          for: bindings,
          // Like Karmada's scheduler, a binding is looked at again when what it asks for changes; the
          // status others write (aggregated Work status) is not an input. Its own status fields are its output.
          forUpdated: changedBeyondStatus,
          workers: PIPELINE_WORKERS,
          watches: clusterInformers.map((informer) => ({ informer, map: everyBinding })),
          reconcile: async (key) => {
            const binding = bindings.get(key.namespace, key.name);
            const id = `${bindingType.kind}/${keyString(key)}`;
            // Bindings without a policy only carry dependencies; their clusters come from spec.requiredBy.
            if (!binding || binding.metadata.deletionTimestamp || !binding.metadata.labels?.[POLICY_NAME_LABEL]) {
              memo.forget(id);
              return;
            }
            if (memo.unchanged(id, binding)) return;
            // Forgotten first: a pass that fails half way leaves nothing to skip the retry with.
            memo.forget(id);
            const epoch = memo.epoch();
            const pass = await scheduleOne(env, bindingType, binding, clusterInformers.flatMap((i) => i.list()));
            if (pass.scheduled && !pass.later) memo.remember(id, pass.scheduled, epoch);
            return pass.later;
          },
        },
        { log: env.log },
      ),
    );
  }
}

interface SchedulingPass {
  /** When to look again (time-bound inputs: maintenance windows, failover tolerations). */
  later?: { requeueAfterMs: number };
  /** The binding as the pass left it, once it found clusters and wrote them. */
  scheduled?: KubeObject;
}

async function scheduleOne(env: ControllerEnv, bindingType: ResourceType, binding: KubeObject, clusterObjects: KubeObject[]): Promise<SchedulingPass> {
  const spec = bindingSpecOf(binding);
  if (spec.suspension?.scheduling === true) return {};
  const previous = spec.clusters ?? [];
  const evicting = new Set((spec.gracefulEvictionTasks ?? []).map((t) => t.fromCluster));
  const failedOver: string[] = [];
  let nextLookMs: number | undefined;
  const lookAgainIn = (ms: number): void => {
    nextLookMs = Math.min(nextLookMs ?? Infinity, ms);
  };
  const eligible = clusterObjects.filter((c) => {
    const name = c.metadata.name ?? '';
    const maintenance = maintenanceState(c);
    if (maintenance.startsInMs !== undefined) lookAgainIn(maintenance.startsInMs);
    const failover = failoverState(c, spec.placement?.clusterTolerations, env.options.defaultFailoverTolerationSeconds);
    if (failover.inMs !== undefined && Number.isFinite(failover.inMs)) lookAgainIn(failover.inMs);
    if (failover.evict && previous.some((p) => p.name === name) && !evicting.has(name)) failedOver.push(name);
    return !maintenance.active && !failover.evict && !evicting.has(name);
  });
  const later = nextLookMs === undefined ? undefined : { requeueAfterMs: nextLookMs + 100 };
  const pass: SchedulingPass = later ? { later } : {};
  const input: Parameters<typeof scheduleBinding>[0] = { placement: spec.placement, replicas: spec.replicas ?? 0, clusters: eligible.map(clusterInfoOf), tieBreakKey: binding.metadata.uid ?? binding.metadata.name ?? '' };
  if (previous.length) input.previous = previous.filter((p) => !evicting.has(p.name) && !failedOver.includes(p.name));
  if (spec.resource) input.resource = spec.resource;
  const status = bindingStatusOf(binding);
  // Ordered clusterAffinities: the search resumes at the term in use, moving on only when it cannot fit.
  if (typeof status.schedulerObservingAffinityName === 'string') input.observedAffinityName = status.schedulerObservingAffinityName;
  const requests = (spec as BindingSpec & { replicaRequirements?: { resourceRequest?: Record<string, string> } }).replicaRequirements?.resourceRequest;
  if (requests) input.podRequests = requests;
  const result = scheduleBinding(input);
  const template = templateOfBinding(spec);

  if ('error' in result) {
    const next = { ...status, conditions: setCondition(status.conditions, { type: 'Scheduled', status: 'False', reason: 'NoClusterFit', message: result.error, observedGeneration: binding.metadata.generation }) };
    if (!deepEqual(next, status)) {
      await applySchedulerStatus(env, bindingType, binding, next);
      const event = { type: 'Warning' as const, reason: 'ScheduleBindingFailed', message: result.error };
      env.events.record(binding, event, 'scheduler');
      if (template) env.events.record(template, event, 'scheduler');
    }
    return pass;
  }

  let current = binding;
  const tasks = [...(spec.gracefulEvictionTasks ?? []), ...failedOver.map((name) => clusterFailoverTask(spec, name, previous))];
  const changed = !deepEqual(result.clusters, previous) || failedOver.length > 0;
  if (changed) {
    const patch: Record<string, unknown> = { clusters: result.clusters };
    if (failedOver.length) patch.gracefulEvictionTasks = tasks;
    // The resourceVersion makes this a compare-and-swap: eviction tasks are also written by failover.
    current = await env.client.patch(bindingType, binding.metadata.namespace, binding.metadata.name ?? '', 'merge', { metadata: { resourceVersion: binding.metadata.resourceVersion }, spec: patch });
  }
  const currentStatus = bindingStatusOf(current);
  const message = `Binding has been scheduled successfully. Result: {${result.clusters.map((c) => `${c.name}:${c.replicas}`).join(', ')}}`;
  const next: Record<string, unknown> = {
    ...currentStatus,
    schedulerObservedGeneration: current.metadata.generation,
    lastScheduledTime: changed || !currentStatus.lastScheduledTime ? new Date().toISOString() : currentStatus.lastScheduledTime,
    conditions: setCondition(currentStatus.conditions, { type: 'Scheduled', status: 'True', reason: 'Success', message, observedGeneration: current.metadata.generation }),
  };
  if (result.affinityName !== undefined) next.schedulerObservingAffinityName = result.affinityName;
  if (!deepEqual(next, currentStatus)) {
    current = await applySchedulerStatus(env, bindingType, current, next);
    if (changed || previousScheduledFailed(currentStatus)) {
      const event = { type: 'Normal' as const, reason: 'ScheduleBindingSucceed', message };
      env.events.record(current, event, 'scheduler');
      if (template) env.events.record(template, event, 'scheduler');
    }
  }
  for (const name of failedOver) {
    const event = { type: 'Warning' as const, reason: 'EvictWorkloadFromClusterSucceed', message: `Evict from cluster ${name} succeed: the cluster has been NotReady longer than tolerated` };
    if (template) env.events.record(template, event, 'taint-manager');
    env.log.info({ binding: displayName(binding.metadata), cluster: name }, 'cluster failover: placement evicted');
  }
  pass.scheduled = current;
  return pass;
}

const SCHEDULER_MANAGER = 'kurator-scheduler';
const SCHEDULER_STATUS_FIELDS = ['schedulerObservedGeneration', 'lastScheduledTime', 'schedulerObservingAffinityName'] as const;

/**
 * Writes the scheduler's part of `status` — its fields and the Scheduled condition — by server-side apply
 * as its own field manager: the binding-status controller writes the rest of the status (aggregated Work
 * status) at the same moments, right after a placement, and a whole-status update raced it into a
 * Conflict and another full scheduling pass for most new bindings.
 */
function applySchedulerStatus(env: ControllerEnv, bindingType: ResourceType, binding: KubeObject, status: Record<string, unknown>): Promise<KubeObject> {
  const owned: Record<string, unknown> = {};
  for (const field of SCHEDULER_STATUS_FIELDS) if (status[field] !== undefined) owned[field] = status[field];
  owned.conditions = (Array.isArray(status.conditions) ? (status.conditions as { type?: unknown }[]) : []).filter((c) => c?.type === 'Scheduled');
  const { name, namespace } = binding.metadata;
  const applied = { apiVersion: binding.apiVersion, kind: binding.kind, metadata: namespace ? { name, namespace } : { name }, status: owned };
  return env.client.patch(bindingType, namespace, name ?? '', 'apply', applied, { subresource: 'status', fieldManager: SCHEDULER_MANAGER, force: true });
}

function previousScheduledFailed(status: Record<string, unknown>): boolean {
  const conditions = Array.isArray(status.conditions) ? (status.conditions as { type?: string; status?: string }[]) : [];
  return !conditions.some((c) => c.type === 'Scheduled' && c.status === 'True');
}

function clusterFailoverTask(spec: BindingSpec, cluster: string, previous: TargetCluster[]): GracefulEvictionTask {
  const task: GracefulEvictionTask = {
    fromCluster: cluster,
    purgeMode: purgeModeOf(spec.failover?.cluster?.purgeMode, 'Graciously'),
    reason: 'TaintUntolerated',
    message: `cluster ${cluster} has been NotReady longer than the placement tolerates`,
    producer: 'TaintManager',
    creationTimestamp: new Date().toISOString(),
  };
  const replicas = previous.find((p) => p.name === cluster)?.replicas;
  if (replicas) task.replicas = replicas;
  return task;
}

