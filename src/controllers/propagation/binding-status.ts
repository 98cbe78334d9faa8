// Status flowing back: the Works' Applied conditions and member statuses become the binding's
// aggregatedStatus and FullyApplied condition, and the template's own status is aggregated from the
// members' as Karmada's interpreter does for its kind. Each cluster's first successful apply (or a
// failure) is an event on the template, so `kubectl describe` tells the story.

import type { ResourceType } from '../../client/types.js';
import { deepEqual } from '../../machinery/deep.js';
import { isPlainObject, shallowCopy, withStatus, type KubeObject } from '../../machinery/object.js';
import { conditionTrue, hasCondition, setCondition } from '../common/conditions.js';
import type { ControllerEnv } from '../env.js';
import type { WritePacer } from '../common/write-pacer.js';
import { bindingSpecOf, bindingStatusOf, dispatchTargets, displayName } from './binding-spec.js';
import { aggregateStatus } from './interpreter/index.js';
import { executionNamespace } from './kinds.js';
import type { TargetCluster } from './scheduling/index.js';

interface WorkStatus {
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
  manifestStatuses?: { status?: Record<string, unknown>; health?: string }[];
}

export interface AggregatedItem {
  clusterName: string;
  applied: boolean;
  appliedMessage?: string;
  status?: Record<string, unknown>;
  health?: string;
}

export interface BindingStatusInput {
  binding: KubeObject;
  bindingType: ResourceType;
  template: KubeObject;
  templateType: ResourceType;
  works: KubeObject[];
  overrideErrors: string[];
  /** Spaces this binding's (and its template's) status writes; see WritePacer. */
  pacer: WritePacer;
  /** How long the pacer holds the next write back after one happens. */
  paceMs: number;
  /** Written now whatever the pacer says (see completesApply). */
  urgent?: boolean;
}

/** A binding version's dispatch targets and their execution namespaces, in the same order. */
export interface TargetView {
  readonly targets: readonly TargetCluster[];
  readonly namespaces: readonly string[];
  readonly wanted: ReadonlySet<string>;
}

// Every status change of any of a binding's Works (a hundred in a rollout to a hundred clusters) looks at
// the binding again: its targets and their namespaces are worked out once per version of it.
const targetViews = new WeakMap<KubeObject, TargetView>();

export function targetView(binding: KubeObject): TargetView {
  let view = targetViews.get(binding);
  if (!view) {
    const targets = dispatchTargets(bindingSpecOf(binding));
    const namespaces = targets.map((t) => executionNamespace(t.name));
    view = { targets, namespaces, wanted: new Set(namespaces) };
    targetViews.set(binding, view);
  }
  return view;
}

/**
 * The Works now report Applied on every target cluster and the binding does not say FullyApplied yet:
 * the moment a rollout is done is written at once rather than at the binding's next paced look (at most
 * one write more per rollout, and what `kubectl wait --for=condition=FullyApplied` waits for).
 */
export function completesApply(binding: KubeObject, works: readonly KubeObject[], view: TargetView): boolean {
  const { wanted } = view;
  if (wanted.size === 0 || works.length < wanted.size || conditionTrue(binding, 'FullyApplied')) return false;
  // Asked on every Work status change while a rollout is under way: one pass, which a target's Work not
  // (yet) Applied ends early; done when every target namespace has shown an Applied Work.
  const applied = new Set<string>();
  for (const work of works) {
    const namespace = work.metadata.namespace ?? '';
    if (!wanted.has(namespace)) continue;
    if (!conditionTrue(work, 'Applied')) return false;
    applied.add(namespace);
  }
  return applied.size === wanted.size;
}

/** Returns how long to wait before looking again when a status write was held back by the pacer. */
export async function aggregateBindingStatus(env: ControllerEnv, input: BindingStatusInput): Promise<number | undefined> {
  const { binding, template, works } = input;
  const { targets, namespaces } = targetView(binding);
  // Nothing to report before any cluster is targeted (the scheduler has yet to place the binding; Karmada
  // too summarizes a binding once it is scheduled), and a write then would only race the scheduler's and
  // hold the next summary back. A binding that had a summary keeps it current.
  if (targets.length === 0 && !hasCondition(binding, 'FullyApplied')) return undefined;
  const byNamespace = new Map(works.map((w) => [w.metadata.namespace ?? '', w]));
  const aggregated: AggregatedItem[] = targets.map((target, i) => {
    const work = byNamespace.get(namespaces[i]!);
    const status = (work?.status ?? {}) as WorkStatus;
    const applied = status.conditions?.find((c) => c.type === 'Applied');
    const item: AggregatedItem = { clusterName: target.name, applied: applied?.status === 'True' };
    if (applied?.message && applied.status !== 'True') item.appliedMessage = applied.message;
    const manifest = status.manifestStatuses?.[0];
    if (manifest?.status) item.status = manifest.status;
    if (manifest?.health) item.health = manifest.health;
    return item;
  });
  const fully = targets.length > 0 && aggregated.every((a) => a.applied);
  const status = bindingStatusOf(binding);
  const message = fully ? 'All works have been successfully applied' : input.overrideErrors.length ? `overrides failed: ${input.overrideErrors.join('; ')}` : notAppliedMessage(aggregated);
  const conditions = setCondition(status.conditions, { type: 'FullyApplied', status: fully ? 'True' : 'False', reason: fully ? 'FullyAppliedSuccess' : 'FullyAppliedFailed', message });
  const next = shallowCopy(status);
  next.aggregatedStatus = aggregated;
  next.conditions = conditions;
  const templateStatus = aggregateStatus(template, aggregated.map((a) => (a.status ? { clusterName: a.clusterName, status: a.status } : { clusterName: a.clusterName })));
  const current = isPlainObject(template.status) ? template.status : {};
  const bindingChanged = !deepEqual(next, status);
  const templateChanged = templateStatus !== undefined && !deepEqual(templateStatus, current);
  if (!bindingChanged && !templateChanged) return undefined;
  if (input.urgent) input.pacer.mark(pacerKey(binding), Date.now(), input.paceMs);
  else {
    const wait = input.pacer.take(pacerKey(binding), Date.now(), input.paceMs);
    if (wait > 0) return wait;
  }
  // A write that fails (most often another writer of the binding or template got there first) throws and
  // the controller retries it, still spaced by the pacer: a binding other writers contend for is not
  // looked at more often than a quiet one (retrying at once was measured to slow a busy hub's first
  // seconds). Apply events follow only a written status, so a retry does not record them twice.
  if (bindingChanged) {
    await env.client.update(input.bindingType, withStatus(binding, next), { subresource: 'status' });
    recordApplyEvents(env, template, (status.aggregatedStatus ?? []) as AggregatedItem[], aggregated);
  }
  if (templateChanged) await env.client.update(input.templateType, withStatus(template, templateStatus), { subresource: 'status' });
  return undefined;
}

export function pacerKey(binding: { kind?: string; metadata: { namespace?: string; name?: string } }): string {
  return `${binding.kind}/${binding.metadata.namespace ?? ''}/${binding.metadata.name ?? ''}`;
}

function notAppliedMessage(items: AggregatedItem[]): string {
  const failed = items.filter((a) => !a.applied && a.appliedMessage);
  if (failed.length) return failed.map((a) => `${a.clusterName}: ${a.appliedMessage}`).join('; ');
  return 'Works are not yet applied on every target cluster';
}

function recordApplyEvents(env: ControllerEnv, template: KubeObject, before: AggregatedItem[], after: AggregatedItem[]): void {
  for (const item of after) {
    const previous = before.find((b) => b.clusterName === item.clusterName);
    const what = `resource(${displayName(template.metadata)})`;
    if (item.applied && !previous?.applied) {
      env.events.record(template, { type: 'Normal', reason: 'SyncSucceed', message: `Successfully applied ${what} to cluster ${item.clusterName}` }, 'execution-controller');
    } else if (!item.applied && item.appliedMessage && item.appliedMessage !== previous?.appliedMessage) {
      env.events.record(template, { type: 'Warning', reason: 'SyncFailed', message: `Failed to apply ${what} to cluster ${item.clusterName}: ${item.appliedMessage}` }, 'execution-controller');
    }
  }
}
