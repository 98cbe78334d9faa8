// RBAC for a logical cluster: the authorizer (rbac.authorization.k8s.io semantics over the cluster's
// stored Roles and bindings), the default policy, and the in-server ClusterRole aggregation controller.

import type { Logger } from 'pino';
import type { ClusterContext } from '../../rest/cluster-context.js';
import { ClusterRoleAggregator } from './aggregation.js';
import { RbacAuthorizer } from './authorizer.js';
import type { RbacIndex } from './rbac-index.js';
import { ensureBootstrapPolicy } from './reconcile.js';

export { RbacAuthorizer, SYSTEM_MASTERS, isRuleResolver, type RuleResolver } from './authorizer.js';
export { bootstrapPolicy, CONTROLLER_MANAGER_USER, AUTOUPDATE_ANNOTATION } from './bootstrap.js';
export { ensureBootstrapPolicy } from './reconcile.js';
export { ruleAllows, rulesAllow } from './rule-match.js';
export { covers } from './covers.js';
export type { PolicyRule } from './policy.js';

/** The RBAC authorizer of a cluster, reading the cluster's index of its RBAC objects. */
export function createRbacAuthorizer(cluster: ClusterContext): RbacAuthorizer {
  if (!cluster.rbacIndex) throw new Error(`cluster ${JSON.stringify(cluster.name)} has no RBAC index: RBAC authorizes only clusters created with authorization`);
  return new RbacAuthorizer(cluster.rbacIndex);
}

/** What a cluster with authorization runs besides its authorizer: default policy and aggregation. */
export class RbacControllers {
  private readonly aggregator: ClusterRoleAggregator;

  constructor(
    private readonly cluster: ClusterContext,
    index: RbacIndex,
    private readonly log: Logger,
  ) {
    this.aggregator = new ClusterRoleAggregator(cluster, index, log);
  }

  /** Starts aggregation and ensures the default roles; resolves once the defaults are aggregated. */
  async start(): Promise<void> {
    this.aggregator.start();
    await ensureBootstrapPolicy(this.cluster, this.log);
    await this.aggregator.idle();
  }

  idle(): Promise<void> {
    return this.aggregator.idle();
  }

  stop(): void {
    this.aggregator.stop();
  }
}
