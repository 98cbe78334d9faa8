// ClusterRole aggregation (kube-controller-manager's clusterrole-aggregation controller, run inside the
// server here): a ClusterRole with an aggregationRule gets, as its rules, the union of the rules of every
// other ClusterRole its selectors match, in name order, without duplicates.

import type { Logger } from 'pino';
import { isPlainObject, type KubeObject } from '../../../machinery/object.js';
import { deepEqual } from '../../../machinery/deep.js';
import { labelSelectorFromSpec, matchesLabels, type LabelSelectorSpec } from '../../../machinery/labels.js';
import { SerialQueue } from '../../controllers/serial-queue.js';
import { mutateStored } from '../../controllers/object-writer.js';
import type { ClusterContext } from '../../rest/cluster-context.js';
import { aggregationSelectorsOf, RBAC_GROUP, rulesOf, type PolicyRule } from './policy.js';
import type { RbacIndex } from './rbac-index.js';

const MANAGER = 'clusterrole-aggregation-controller';

/** The rules an aggregated ClusterRole should have, given every ClusterRole. */
export function aggregatedRules(role: KubeObject, all: readonly KubeObject[]): PolicyRule[] {
  const rules: PolicyRule[] = [];
  const sorted = [...all].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0));
  for (const selector of aggregationSelectorsOf(role) ?? []) {
    const requirements = labelSelectorFromSpec(isPlainObject(selector) ? (selector as LabelSelectorSpec) : {});
    for (const other of sorted) {
      if (other.metadata.name === role.metadata.name || !matchesLabels(requirements, other.metadata.labels)) continue;
      for (const rule of rulesOf(other)) if (!rules.some((r) => deepEqual(r, rule))) rules.push(rule);
    }
  }
  return rules;
}

export class ClusterRoleAggregator {
  private readonly queue: SerialQueue;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly cluster: ClusterContext,
    private readonly index: RbacIndex,
    private readonly log: Logger,
  ) {
    this.queue = new SerialQueue((key, error) => log.warn({ clusterRole: key, err: error }, 'ClusterRole aggregation failed; retrying'));
  }

  start(): void {
    this.unsubscribe = this.index.onClusterRoleChange(() => this.enqueueAll());
    this.enqueueAll();
  }

  stop(): void {
    this.unsubscribe?.();
    this.queue.stop();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** As upstream: the dependency graph is unknown and small, so every aggregated role is rechecked. */
  private enqueueAll(): void {
    for (const role of this.index.allClusterRoles()) {
      const name = role.metadata.name;
      if (name && aggregationSelectorsOf(role) !== undefined) this.queue.add(name, () => this.sync(name));
    }
  }

  private async sync(name: string): Promise<void> {
    const role = this.index.clusterRole(name);
    if (!role || aggregationSelectorsOf(role) === undefined) return;
    let wanted: PolicyRule[];
    try {
      wanted = aggregatedRules(role, this.index.allClusterRoles());
    } catch (error) {
      this.log.warn({ clusterRole: name, err: error }, 'ClusterRole has an invalid aggregationRule selector');
      return;
    }
    if (deepEqual(wanted, rulesOf(role))) return;
    await mutateStored(this.cluster, `/${RBAC_GROUP}/clusterroles/${name}`, MANAGER, (current) => {
      if (aggregationSelectorsOf(current) === undefined) return undefined;
      return { ...current, rules: wanted.map((r) => ({ ...r })) };
    });
  }
}
