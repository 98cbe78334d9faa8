// What the REST operations of one logical cluster share.

import type { Store } from '../../storage/store.js';
import type { KindRegistry } from '../registry/kind-registry.js';
import type { StrategyTable } from '../registry/strategy.js';
import type { Authorizer, TokenReviewer } from '../auth/types.js';
import type { RbacIndex } from '../auth/rbac/rbac-index.js';

export interface ClusterContext {
  readonly name: string;
  readonly store: Store;
  readonly kinds: KindRegistry;
  readonly strategies: StrategyTable;
  /** Set when the cluster authorizes requests (RBAC); absent, everything is allowed. */
  readonly authorizer?: Authorizer;
  /** The cluster's RBAC objects, indexed: set, and kept fresh, when the cluster authorizes requests. */
  readonly rbacIndex?: RbacIndex;
  /** Set on the cluster whose tokens the server authenticates (the root cluster of a secure hub). */
  readonly tokenReviewer?: TokenReviewer;
}
