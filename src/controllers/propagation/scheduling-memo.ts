// What the scheduler last decided from, per binding, so that a pass which can only decide the same again
// is skipped — above all the one its own write of spec.clusters wakes it for (Karmada's scheduler skips
// it the same way: placement and replicas unchanged, nothing to do). A pass decides from the binding's
// spec and uid, the affinity term in use, and the clusters; every cluster event moves an epoch, so any
// change to any cluster makes every binding be scheduled again. Passes that asked to be looked at again
// later are not remembered: time is one of their inputs.

import { deepEqual } from '../../machinery/deep.js';
import type { KubeObject } from '../../machinery/object.js';
import { bindingStatusOf } from './binding-spec.js';

interface Pass {
  uid: string | undefined;
  spec: unknown;
  affinityName: unknown;
  clusterEpoch: number;
}

export class SchedulingMemo {
  private clusterEpoch = 0;
  private readonly passes = new Map<string, Pass>();

  clustersChanged(): void {
    this.clusterEpoch++;
  }

  /** The epoch a pass starting now decides from (read before reading the clusters). */
  epoch(): number {
    return this.clusterEpoch;
  }

  /** Whether the last pass for `key` decided from exactly what `binding` and the clusters say now. */
  unchanged(key: string, binding: KubeObject): boolean {
    const pass = this.passes.get(key);
    return (
      pass !== undefined &&
      pass.clusterEpoch === this.clusterEpoch &&
      pass.uid === binding.metadata.uid &&
      pass.affinityName === bindingStatusOf(binding).schedulerObservingAffinityName &&
      deepEqual(pass.spec, binding.spec)
    );
  }

  /** A pass from `epoch` that left the binding as `binding` (after its own writes). */
  remember(key: string, binding: KubeObject, epoch: number): void {
    this.passes.set(key, { uid: binding.metadata.uid, spec: binding.spec, affinityName: bindingStatusOf(binding).schedulerObservingAffinityName, clusterEpoch: epoch });
  }

  forget(key: string): void {
    this.passes.delete(key);
  }
}
