// RBAC for a logical cluster: the authorizer (rbac.authorization.k8s.io semantics over the cluster's
// stored Roles and bindings), the default policy, and the in-server ClusterRole aggregation controller.

import type { Logger } from 'pino';
import type { ClusterContext } from '../../rest/cluster-context.js';
import { ClusterRoleAggregator } from './aggregation.js';
import { RbacAuthorizer } from './authorizer.js';
import { rbacIndexFor } from './rbac-index.js';
import { ensureBootstrapPolicy } from './reconcile.js';

export { RbacAuthorizer, SYSTEM_MASTERS, isRuleResolver, type RuleResolver } from './authorizer.js';
export { bootstrapPolicy, CONTROLLER_MANAGER_USER, AUTOUPDATE_ANNOTATION } from './bootstrap.js';
export { ensureBootstrapPolicy } from './reconcile.js';
export { ruleAllows, rulesAllow } from './rule-match.js';
export { covers } from './covers.js';
export type { PolicyRule } from './policy.js';

/** The RBAC authorizer of a cluster, reading an in-memory index of its RBAC objects kept fresh by a store watch. */
export function createRbacAuthorizer(cluster: ClusterContext): RbacAuthorizer {
  return new RbacAuthorizer(rbacIndexFor(cluster.store));
}

/** The RbacControllers running for each store: one per cluster, however many times they are started. */
const running = new WeakMap<object, RbacControllers>();

/** What a cluster with authorization runs besides its authorizer: default policy and aggregation. */
export class RbacControllers {
  private readonly aggregator: ClusterRoleAggregator;

  constructor(
    private readonly cluster: ClusterContext,
    private readonly log: Logger,
  ) {
    this.aggregator = new ClusterRoleAggregator(cluster, rbacIndexFor(cluster.store), log);
  }

  /**
   * Starts aggregation and ensures the default roles; resolves once the defaults are aggregated. A second
   * RbacControllers started on the same cluster only waits for the first.
   */
  async start(): Promise<void> {
    const other = running.get(this.cluster.store);
    if (other && other !== this) return other.idle();
    running.set(this.cluster.store, this);
    this.aggregator.start();
    await ensureBootstrapPolicy(this.cluster, this.log);
    await this.aggregator.idle();
  }

  idle(): Promise<void> {
    const owner = running.get(this.cluster.store);
    return owner && owner !== this ? owner.idle() : this.aggregator.idle();
  }

  stop(): void {
    if (running.get(this.cluster.store) !== this) return;
    running.delete(this.cluster.store);
    this.aggregator.stop();
    rbacIndexFor(this.cluster.store).stop();
  }
}
