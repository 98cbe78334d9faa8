// One logical cluster: its own store, kinds (built-ins + its CRDs) and the server-side controllers that
// make it behave like a Kubernetes cluster (CRD serving, garbage collection, namespace deletion).
// The hub is the root logical cluster; simulated member clusters are more of them.

import type { Logger } from 'pino';
import type { KindDefinition } from '../api/types.js';
import type { KubeObject } from '../machinery/object.js';
import type { Store } from '../storage/store.js';
import { CrdController } from './controllers/crd-controller.js';
import { GarbageCollector } from './controllers/garbage-collector.js';
import { NamespaceController } from './controllers/namespace-controller.js';
import { KindRegistry } from './registry/kind-registry.js';
import { builtinStrategies } from './registry/strategies.js';
import type { StrategyTable } from './registry/strategy.js';
import type { ClusterContext } from './rest/cluster-context.js';
import type { Authorizer, TokenReviewer } from './auth/types.js';
import { RbacControllers } from './auth/rbac/index.js';
import { RbacIndex } from './auth/rbac/rbac-index.js';
import { createObject, updateObject } from './rest/write.js';
import { objectKey } from './rest/keys.js';
import { deepEqual } from '../machinery/deep.js';
import { ApiError } from '../machinery/errors.js';
import { buildOpenApi, type OpenApiDocuments } from './http/openapi.js';

export interface LogicalClusterOptions {
  name: string;
  store: Store;
  builtins: readonly KindDefinition[];
  log: Logger;
  /** Path prefix the cluster is served under ("" for the root cluster, "/clusters/<name>" otherwise). */
  pathPrefix: string;
  namespaceRecheckMs?: number;
  /** Makes the cluster authorize requests; it then also gets the default RBAC policy and ClusterRole aggregation. */
  authorization?: (cluster: ClusterContext) => Authorizer;
  /** Answers TokenReviews (the root cluster of a hub that authenticates tokens). */
  tokenReviewer?: TokenReviewer;
}

const DEFAULT_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export class LogicalCluster implements ClusterContext {
  readonly name: string;
  readonly store: Store;
  readonly kinds: KindRegistry;
  readonly strategies: StrategyTable;
  readonly pathPrefix: string;
  readonly log: Logger;
  /** Set (from options.authorization) when the cluster authorizes requests. */
  authorizer?: Authorizer;
  /** Set when the cluster authorizes requests: its RBAC objects, indexed from a store watch it owns. */
  readonly rbacIndex?: RbacIndex;
  readonly tokenReviewer?: TokenReviewer;
  private readonly rbac: RbacControllers | undefined;
  private readonly crds: CrdController;
  private readonly gc: GarbageCollector;
  private readonly namespaces: NamespaceController;
  private openapi: { change: number; docs: OpenApiDocuments } | undefined;

  constructor(options: LogicalClusterOptions) {
    this.name = options.name;
    this.store = options.store;
    this.pathPrefix = options.pathPrefix;
    this.log = options.log;
    this.kinds = new KindRegistry(options.builtins);
    this.strategies = builtinStrategies(this.store);
    this.crds = new CrdController(this, options.log);
    this.gc = new GarbageCollector(this, options.log);
    this.namespaces = new NamespaceController(this, options.log, options.namespaceRecheckMs);
    if (options.authorization) {
      // Indexed from the start: the authorizer and RBAC's write checks read it before start() ends.
      this.rbacIndex = new RbacIndex(this.store);
      this.rbacIndex.start();
      this.authorizer = options.authorization(this);
      this.rbac = new RbacControllers(this, this.rbacIndex, options.log);
    }
    if (options.tokenReviewer) this.tokenReviewer = options.tokenReviewer;
  }

  async start(): Promise<void> {
    this.crds.start();
    this.gc.start();
    this.namespaces.start();
    for (const name of DEFAULT_NAMESPACES) await this.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    await this.rbac?.start();
  }

  /** Creates an object unless it exists (used to seed namespaces and install CRDs). */
  async ensure(object: KubeObject): Promise<void> {
    const served = this.kinds.resolveKind(object.apiVersion ?? '', object.kind ?? '');
    if (!served) throw new Error(`cannot install ${object.kind}: ${object.apiVersion} is not served`);
    try {
      await createObject(this, { served, namespace: object.metadata.namespace, object: structuredClone(object), options: { fieldManager: 'kurator-hub', fieldValidation: 'Strict' } });
    } catch (error) {
      if (error instanceof ApiError && error.reason === 'AlreadyExists') return;
      throw error;
    }
  }

  /** Creates or replaces an object with what the server ships (installed CRDs follow upgrades). */
  async install(object: KubeObject): Promise<void> {
    const served = this.kinds.resolveKind(object.apiVersion ?? '', object.kind ?? '');
    if (!served) throw new Error(`cannot install ${object.kind}: ${object.apiVersion} is not served`);
    const key = objectKey(served.definition, object.metadata.namespace, object.metadata.name ?? '');
    const entry = this.store.get(key);
    if (!entry) return this.ensure(object);
    if (deepEqual(entry.object.spec, object.spec)) return;
    const next = structuredClone(object);
    next.metadata = { ...entry.object.metadata };
    await updateObject(this, { served, namespace: object.metadata.namespace, name: object.metadata.name ?? '', object: next, old: entry.object, oldRevision: entry.revision, options: { fieldManager: 'kurator-hub', fieldValidation: 'Ignore' } });
  }

  openApi(): OpenApiDocuments {
    if (!this.openapi || this.openapi.change !== this.kinds.changeCount) {
      this.openapi = { change: this.kinds.changeCount, docs: buildOpenApi(this.kinds, this.pathPrefix) };
    }
    return this.openapi.docs;
  }

  /** Resolves when the in-server controllers have nothing queued (tests). */
  async settle(): Promise<void> {
    await Promise.all([this.crds.idle(), this.gc.idle(), this.namespaces.idle(), this.rbac?.idle()]);
  }

  async stop(): Promise<void> {
    this.crds.stop();
    this.gc.stop();
    this.namespaces.stop();
    this.rbac?.stop();
    this.rbacIndex?.stop();
    await this.store.close();
  }
}
