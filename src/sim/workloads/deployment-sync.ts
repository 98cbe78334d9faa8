// The working state of one Deployment sync: the deployment (annotations and status mutated in memory
// as upstream mutates its copy), the latest version of each ReplicaSet, and the writes collected so
// far. Several writes to one ReplicaSet collapse into a single update carrying the final object.

import { deepClone } from '../../machinery/deep.js';
import { desiredReplicas, maxSurge, setReplicasAnnotations, specReplicas } from './deployment-util.js';
import type { Deployment, ReplicaSet } from './types-apps.js';
import type { SimEvent } from './types-core.js';

export type DeploymentAction =
  | { type: 'create'; replicaSet: ReplicaSet }
  | { type: 'update'; replicaSet: ReplicaSet }
  | { type: 'delete'; name: string };

export class DeploymentSync {
  readonly d: Deployment;
  readonly actions: DeploymentAction[] = [];
  readonly events: SimEvent[] = [];
  /** Stop the pass after this (upstream returned an error and requeues). */
  aborted = false;
  requeueAfterSeconds?: number;

  constructor(
    deployment: Deployment,
    readonly now: string,
  ) {
    this.d = deepClone(deployment);
    this.d.status = this.d.status ?? {};
  }

  record(action: DeploymentAction): void {
    if (action.type === 'update') {
      const name = action.replicaSet.metadata.name;
      const i = this.actions.findIndex((a) => a.type !== 'delete' && a.replicaSet.metadata.name === name);
      if (i >= 0) {
        const prev = this.actions[i]!;
        this.actions[i] = prev.type === 'create' ? { type: 'create', replicaSet: action.replicaSet } : action;
        return;
      }
    }
    this.actions.push(action);
  }

  /**
   * scaleReplicaSet: write spec.replicas and the replica annotations when either differs; an event
   * only when the size changed. Returns the ReplicaSet as written (or the input when untouched).
   */
  scale(rs: ReplicaSet, newScale: number, operation: 'up' | 'down'): { scaled: boolean; rs: ReplicaSet } {
    const desired = desiredReplicas(this.d);
    const max = desired + maxSurge(this.d);
    const sizeChanged = specReplicas(rs) !== newScale;
    const copy = deepClone(rs);
    const annotationsChanged = setReplicasAnnotations(copy, desired, max);
    if (!sizeChanged && !annotationsChanged) return { scaled: false, rs };
    const oldScale = specReplicas(rs);
    copy.spec = { ...copy.spec, replicas: newScale };
    this.record({ type: 'update', replicaSet: copy });
    if (sizeChanged) {
      const verb = operation === 'up' ? 'Scaled up' : 'Scaled down';
      this.events.push({ type: 'Normal', reason: 'ScalingReplicaSet', message: `${verb} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}` });
    }
    return { scaled: sizeChanged, rs: copy };
  }

  /** scaleReplicaSetAndRecordEvent: nothing to do at the same size; direction from the sizes. */
  scaleTo(rs: ReplicaSet, newScale: number): { scaled: boolean; rs: ReplicaSet } {
    if (specReplicas(rs) === newScale) return { scaled: false, rs };
    return this.scale(rs, newScale, specReplicas(rs) < newScale ? 'up' : 'down');
  }
}
