// The hub's HTTP front: non-resource endpoints (version, health, metrics, discovery, openapi) and
// resource requests, for the root logical cluster at / and any others at /clusters/<name>/.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { KindDefinition } from '../api/types.js';
import { ApiError, errors } from '../machinery/errors.js';
import type { Store } from '../storage/store.js';
import { AGGREGATED_CONTENT_TYPE, aggregatedDiscovery, compareVersions, legacyApiVersions, legacyGroupList, resourceList, wantsAggregated, type DiscoveryOptions } from './http/discovery.js';
import { DEFAULT_MAX_BODY_BYTES } from './http/body.js';
import { createApiMetrics, type ApiMetrics } from './http/metrics.js';
import { parseRequestUrl, routePath, splitClusterPath, type ResourceRequest } from './http/request-info.js';
import { ResourceHandler } from './http/resource-handler.js';
import { sendError, sendJson, sendText } from './http/respond.js';
import { LogicalCluster } from './logical-cluster.js';
import type { KubeObject } from '../machinery/object.js';
import { requestAttributes } from './auth/attributes.js';
import type { Auditor } from './auth/audit.js';
import { impersonate, wantsImpersonation } from './auth/impersonation.js';
import { authenticateRequest, authorizeRequest } from './auth/request-auth.js';
import { setRequestUser } from './auth/request-user.js';
import { isTokenRequest, serveTokenRequest } from './auth/token-request.js';
import type { Authenticator, Authorizer, TokenReviewer } from './auth/types.js';
import type { ClusterContext } from './rest/cluster-context.js';
import type { ServiceAccountTokens } from '../security/service-account-tokens.js';

export interface ApiServerOptions {
  log: Logger;
  builtins: readonly KindDefinition[];
  maxBodyBytes?: number;
  /** Watches without timeoutSeconds end after a random time in [min, 2*min) as in kube-apiserver. */
  minWatchTimeoutSeconds?: number;
  bookmarkIntervalMs?: number;
  maxWatchBufferBytes?: number;
  namespaceRecheckMs?: number;
  /**
   * Sees each request first, with the logical cluster it addresses; returns true when it answered the
   * request itself (the simulator injects API faults this way).
   */
  intercept?: (cluster: string, req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** Who each request is; without one, requests have no user and authorization is skipped. */
  authenticator?: Authenticator;
  /** Builds the authorizer of each logical cluster once, when it is added (which also gives it the default RBAC policy); without it every request is allowed. */
  authorization?: (cluster: ClusterContext) => Authorizer;
  /** Records requests in the audit log. */
  auditor?: Auditor;
  /** Serves the ServiceAccount TokenRequest subresource of the root cluster with these tokens. */
  serviceAccountTokens?: ServiceAccountTokens;
  /** Answers TokenReviews in the root cluster (a hub that authenticates bearer tokens). */
  tokenReviewer?: TokenReviewer;
}

/** Serving certificate and key (PEM), and the CAs whose client certificates the TLS layer verifies. */
export interface TlsServing {
  cert: string;
  key: string;
  clientCa?: string;
}

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: `node${process.versions.node}`,
  compiler: 'node',
  platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
};

/** Subresources whose requests are counted under their own name (a fixed set, like the resources). */
const COUNTED_SUBRESOURCES = new Set(['status', 'scale', 'finalize', 'token']);

/**
 * The group and resource a request is counted under in the request metrics: those it names when the
 * cluster knows the resource, '' otherwise. Paths name resources freely, and a series for every name
 * asked for would let any client grow the metrics without bound.
 */
function requestLabels(cluster: LogicalCluster, target: ResourceRequest): { group: string; resource: string } {
  if (!cluster.kinds.definition(target.group, target.resource)) return { group: '', resource: '' };
  const sub = target.subresource;
  return { group: target.group, resource: sub !== undefined && COUNTED_SUBRESOURCES.has(sub) ? `${target.resource}/${sub}` : target.resource };
}

export class ApiServer {
  readonly clusters = new Map<string, LogicalCluster>();
  readonly metrics: ApiMetrics;
  private readonly handler: ResourceHandler;
  private server: Server | undefined;
  private ready = false;
  private serverAddress = '127.0.0.1:0';

  constructor(private readonly options: ApiServerOptions) {
    this.metrics = createApiMetrics({
      revision: () => [...this.clusters.values()].map((c) => ({ cluster: c.name || 'root', revision: c.store.revision, objects: c.store.count('/') })),
    });
    const minWatch = options.minWatchTimeoutSeconds ?? 1800;
    this.handler = new ResourceHandler({
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      watchTimeoutMs: () => Math.floor(minWatch * (1 + Math.random()) * 1000),
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
      maxWatchBufferBytes: options.maxWatchBufferBytes ?? 16 * 1024 * 1024,
      onWatchOpen: (served) => {
        const labels = { group: served.group, resource: served.definition.plural };
        this.metrics.watchers.inc(labels);
        return () => this.metrics.watchers.dec(labels);
      },
    });
  }

  /** Adds a logical cluster ("" = the root cluster) and installs the given CRDs into it. */
  async addCluster(name: string, store: Store, crds: readonly KubeObject[] = []): Promise<LogicalCluster> {
    if (this.clusters.has(name)) throw new Error(`logical cluster ${name} already exists`);
    const cluster = new LogicalCluster({
      name,
      store,
      builtins: this.options.builtins,
      log: this.options.log.child({ cluster: name || 'root' }),
      pathPrefix: name ? `/clusters/${name}` : '',
      ...(this.options.namespaceRecheckMs !== undefined ? { namespaceRecheckMs: this.options.namespaceRecheckMs } : {}),
      ...(this.options.authorization ? { authorization: this.options.authorization } : {}),
      ...(name === '' && this.options.tokenReviewer ? { tokenReviewer: this.options.tokenReviewer } : {}),
    });
    await cluster.start();
    for (const crd of crds) await cluster.install(crd);
    this.clusters.set(name, cluster);
    return cluster;
  }

  async removeCluster(name: string): Promise<void> {
    const cluster = this.clusters.get(name);
    if (!cluster) return;
    this.clusters.delete(name);
    await cluster.stop();
  }

  markReady(): void {
    this.ready = true;
  }

  /**
   * Serves HTTP, or HTTPS with `tls`: client certificates are requested but not required, so requests
   * with a token or no credentials reach the authenticators too.
   */
  async listen(port: number, host: string, tls?: TlsServing): Promise<AddressInfo> {
    const listener = (req: IncomingMessage, res: ServerResponse): void => void this.handle(req, res);
    const options = { keepAliveTimeout: 65_000, requestTimeout: 0 };
    const server: Server = tls
      ? createTlsServer({ ...options, cert: tls.cert, key: tls.key, ...(tls.clientCa ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: false } : {}) }, listener)
      : createServer(options, listener);
    server.headersTimeout = 60_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    this.serverAddress = `${address.address}:${address.port}`;
    return address;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    for (const name of [...this.clusters.keys()]) await this.removeCluster(name);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    let verb = (req.method ?? 'GET').toLowerCase();
    let group = '';
    let resource = '';
    const audit = this.options.auditor?.begin(req, res);
    try {
      const url = parseRequestUrl(req.url);
      const { cluster: clusterName, target } = routePath(url.pathname);
      if (this.options.intercept && (await this.options.intercept(clusterName, req, res))) return;
      const attributes = requestAttributes(req.method ?? 'GET', target, url.searchParams, splitClusterPath(url.pathname).rest);
      audit?.describe(attributes);
      let user = this.options.authenticator ? authenticateRequest(this.options.authenticator, req) : undefined;
      const cluster = this.clusters.get(clusterName);
      if (user && cluster?.authorizer && wantsImpersonation(req)) user = impersonate(req, user, cluster.authorizer);
      audit?.identify(user);
      if (user) setRequestUser(req, user);
      if (!cluster) throw new ApiError(404, 'NotFound', `logical cluster ${JSON.stringify(clusterName)} not found`);
      if (user && cluster.authorizer) authorizeRequest(cluster.authorizer, user, attributes, (decision) => audit?.authorized(decision.allowed, decision.reason));
      audit?.captureBody();
      if (target.kind === 'resource') {
        ({ group, resource } = requestLabels(cluster, target));
        const tokens = this.tokensOf(clusterName);
        if (tokens && isTokenRequest(target.group, target.resource, target.subresource) && req.method === 'POST' && target.namespace !== undefined && target.name !== undefined) {
          verb = 'create';
          await serveTokenRequest(cluster, tokens, req, res, target.namespace, target.name, this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
        } else {
          const done = await this.handler.handle(cluster, req, res, target, url.searchParams);
          verb = done.verb;
        }
      } else if (target.kind === 'group-version') {
        verb = 'get';
        const body = resourceList(cluster.kinds, target.group, target.version, this.discoveryOptions(clusterName));
        if (!body) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
        sendJson(res, 200, body);
      } else {
        this.handleNonResource(cluster, req, res, url);
      }
    } catch (error) {
      if (error instanceof ApiError) audit?.failed(error);
      this.fail(res, error);
    } finally {
      const code = String(res.statusCode);
      this.metrics.recordRequest(verb, group, resource, code, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  private fail(res: ServerResponse, error: unknown): void {
    if (error instanceof ApiError) {
      sendError(res, error);
      return;
    }
    this.options.log.error({ err: error }, 'request failed');
    sendError(res, errors.internal(error instanceof Error ? error.message : String(error)));
  }

  /** Only the hub's own (root) cluster issues ServiceAccount tokens, and only with a signing key. */
  private tokensOf(clusterName: string): ServiceAccountTokens | undefined {
    return clusterName === '' ? this.options.serviceAccountTokens : undefined;
  }

  private discoveryOptions(clusterName: string): DiscoveryOptions {
    return { tokenRequests: this.tokensOf(clusterName) !== undefined };
  }

  private handleNonResource(cluster: LogicalCluster, req: IncomingMessage, res: ServerResponse, url: { pathname: string }): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw errors.methodNotAllowed(`the server does not allow this method on the requested resource`);
    const rest = cluster.pathPrefix ? url.pathname.slice(cluster.pathPrefix.length) || '/' : url.pathname;
    const path = rest.length > 1 && rest.endsWith('/') ? rest.slice(0, -1) : rest;
    const accept = req.headers.accept;
    switch (path) {
      case '/version':
        return sendJson(res, 200, JSON.stringify(SERVER_VERSION));
      case '/healthz':
      case '/livez':
        return sendText(res, 200, 'ok');
      case '/readyz':
        return this.ready ? sendText(res, 200, 'ok') : sendText(res, 500, '[-]started failed: reason withheld\nreadyz check failed');
      case '/metrics':
        void this.metrics.registry.metrics().then((text) => sendText(res, 200, text, this.metrics.registry.contentType));
        return;
      case '/api':
        if (wantsAggregated(accept)) return sendJson(res, 200, aggregatedDiscovery(cluster.kinds, true, this.discoveryOptions(cluster.name)), AGGREGATED_CONTENT_TYPE);
        return sendJson(res, 200, legacyApiVersions(this.serverAddress));
      case '/apis':
        if (wantsAggregated(accept)) return sendJson(res, 200, aggregatedDiscovery(cluster.kinds, false, this.discoveryOptions(cluster.name)), AGGREGATED_CONTENT_TYPE);
        return sendJson(res, 200, legacyGroupList(cluster.kinds));
      case '/openapi/v3':
        return sendJson(res, 200, cluster.openApi().root);
    }
    if (path.startsWith('/openapi/v3/')) {
      const doc = cluster.openApi().documents.get(path.slice('/openapi/v3/'.length));
      if (!doc) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      return sendJson(res, 200, doc.body);
    }
    const groupMatch = /^\/apis\/([^/]+)$/.exec(path);
    if (groupMatch) {
      const name = groupMatch[1]!;
      const versions = [...new Set(cluster.kinds.all().filter((d) => d.group === name).flatMap((d) => d.versions.filter((v) => v.served).map((v) => v.name)))].sort(compareVersions);
      if (versions.length === 0) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      const list = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
      return sendJson(res, 200, JSON.stringify({ kind: 'APIGroup', apiVersion: 'v1', name, versions: list, preferredVersion: list[0] }));
    }
    throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  }
}
