// The in-process Client: calls go straight into a logical cluster's REST lifecycle (the same defaulting,
// validation, admission, managedFields and storage as the HTTP API) without HTTP or serialization.
//
// Objects it returns are the stored versions themselves: shared and immutable. Never mutate one; clone it
// (structuredClone) before changing it. Objects passed in are copied, never modified.

import type { ServedResource } from '../apiserver/registry/kind-registry.js';
import type { ClusterContext } from '../apiserver/rest/cluster-context.js';
import type { UserInfo } from '../apiserver/auth/types.js';
import { forbidden } from '../apiserver/auth/denials.js';
import type { WriteOptions as RestWriteOptions } from '../apiserver/rest/context.js';
import { renderEntry } from '../apiserver/rest/convert.js';
import { deleteObject } from '../apiserver/rest/delete.js';
import { objectKey } from '../apiserver/rest/keys.js';
import { patchObject, type PatchInput } from '../apiserver/rest/patch.js';
import { getEntry, listObjects, type ListRequest } from '../apiserver/rest/read.js';
import { fromScale, toScale } from '../apiserver/rest/scale.js';
import { compileSelection } from '../apiserver/rest/selection.js';
import { checkBodyKind, createObject, updateObject, type UpdateInput } from '../apiserver/rest/write.js';
import { ApiError, errors } from '../machinery/errors.js';
import { applyJsonPatch, PatchError } from '../machinery/jsonpatch.js';
import { applyMergePatch } from '../machinery/mergepatch.js';
import type { KubeObject } from '../machinery/object.js';
import { partialObjectMetadata } from '../machinery/partial-metadata.js';
import { cloneJsonValue } from './clone.js';
import { toClientError } from './errors.js';
import { InProcessWatch, type OpenWatches } from './inprocess-watch.js';
import {
  ClientError,
  type Client,
  type DeleteOptions,
  type ListOptions,
  type ObjectList,
  type PatchOptions,
  type PatchType,
  type ResourceType,
  type WatchEvent,
  type WatchHandle,
  type WatchOptions,
  type WriteOptions,
} from './types.js';

export interface InProcessClientOptions {
  /** Field manager for writes that do not name one (default: "kurator", from the client's user agent). */
  fieldManager?: string;
  /**
   * Who the client acts as. When set and the cluster authorizes requests, every call is checked as an HTTP
   * request from this user would be (403 otherwise), and writes are admitted as theirs (RBAC escalation).
   */
  user?: UserInfo;
}

export interface InProcessClient extends Client {
  /**
   * Ends every watch this client has open, as a server does when a watch times out: cleanly, or with the
   * given error (for example a ClientError(410, 'Expired')). Lets tests drive informers through resumes.
   */
  endWatches(error?: ClientError): void;
}

/** The user agent the lifecycle derives a default field manager from, as for HTTP requests. */
const USER_AGENT = 'kurator';

/** A Client on a logical cluster. What it returns is stored data: clone before modifying (see above). */
export function createInProcessClient(cluster: ClusterContext, options: InProcessClientOptions = {}): InProcessClient {
  return new InProcessTransport(cluster, options.fieldManager, options.user);
}

class InProcessTransport implements InProcessClient {
  private readonly openWatches: OpenWatches = new Set();

  constructor(
    private readonly cluster: ClusterContext,
    private readonly fieldManager: string | undefined,
    private readonly user: UserInfo | undefined,
  ) {}

  async get(type: ResourceType, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    return this.run(() => {
      const served = this.served(type);
      this.authorize(served, 'get', namespace, name);
      const entry = this.cluster.store.get(objectKey(served.definition, this.scope(served, namespace), name));
      return entry ? renderEntry(entry, served).object : undefined;
    });
  }

  async list(type: ResourceType, namespace: string | undefined, options: ListOptions = {}): Promise<ObjectList> {
    return this.run(() => {
      const served = this.served(type);
      this.authorize(served, 'list', namespace);
      const request: ListRequest = { selection: compileSelection(served.definition, options.labelSelector, options.fieldSelector) };
      if (options.limit !== undefined) request.limit = options.limit;
      if (options.continueToken) request.continueToken = options.continueToken;
      if (options.resourceVersion !== undefined) request.resourceVersion = options.resourceVersion;
      const page = listObjects(this.cluster.store, served, served.definition.namespaced ? namespace : undefined, request);
      const items = page.items.map((item) => (options.metadataOnly ? partialObjectMetadata(item.object) : item.object));
      const list: ObjectList = { items, resourceVersion: String(page.revision) };
      if (page.continueToken) list.continueToken = page.continueToken;
      return list;
    });
  }

  async create(type: ResourceType, object: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    return this.run(async () => {
      const served = this.served(type);
      if (options.subresource) throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
      const namespace = this.scope(served, object.metadata?.namespace);
      this.authorize(served, 'create', namespace);
      const body = checkBodyKind(cloneJsonValue(object), served);
      const result = await createObject(this.cluster, { served, namespace, object: body, options: this.writeOptions(options) });
      return result.object;
    });
  }

  async update(type: ResourceType, object: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    return this.run(async () => {
      const served = this.served(type);
      const name = requireName(object.metadata?.name);
      const namespace = this.scope(served, object.metadata?.namespace);
      const subresource = checkSubresource(served, options.subresource);
      this.authorize(served, 'update', namespace, name, subresource);
      const entry = getEntry(this.cluster.store, served, namespace, name);
      const input = (next: KubeObject): UpdateInput => ({ served, namespace, name, object: next, old: entry.object, oldRevision: entry.revision, options: this.writeOptions(options) });
      if (subresource === 'scale') {
        const next = fromScale({ ...entry.object, apiVersion: served.apiVersion } as KubeObject, cloneJsonValue(object), served);
        return toScale((await updateObject(this.cluster, input(next))).object, served);
      }
      // A status write reads only the body's status and the identity in its metadata (the rest of the
      // metadata is the stored one's): nothing else, often the bulk, is copied.
      const body = subresource === 'status' ? { apiVersion: object.apiVersion, kind: object.kind, metadata: identityOf(object.metadata), status: object.status } : object;
      const update = input(checkBodyKind(cloneJsonValue(body), served));
      if (subresource) update.subresource = subresource;
      return (await updateObject(this.cluster, update)).object;
    });
  }

  async patch(type: ResourceType, namespace: string | undefined, name: string, patchType: PatchType, patch: unknown, options: PatchOptions = {}): Promise<KubeObject> {
    return this.run(async () => {
      const served = this.served(type);
      const scoped = this.scope(served, namespace);
      const subresource = checkSubresource(served, options.subresource);
      this.authorize(served, 'patch', scoped, name, subresource);
      const writeOptions = this.writeOptions(options);
      if (patchType === 'apply' && !writeOptions.fieldManager) throw errors.badRequest('PATCH with application/apply-patch+yaml requires the fieldManager parameter');
      if (subresource === 'scale') return this.patchScale(served, scoped, name, patchType, patch, writeOptions);
      const input: PatchInput = { served, namespace: scoped, name, patchType, patch: cloneJsonValue(patch), options: writeOptions };
      if (subresource) input.subresource = subresource;
      if (patchType === 'apply' && options.force !== undefined) input.force = options.force;
      return (await patchObject(this.cluster, input)).object;
    });
  }

  async delete(type: ResourceType, namespace: string | undefined, name: string, options: DeleteOptions = {}): Promise<void> {
    await this.run(async () => {
      const served = this.served(type);
      this.authorize(served, 'delete', namespace, name);
      const rest: Parameters<typeof deleteObject>[4] = {};
      if (options.propagationPolicy) rest.propagationPolicy = options.propagationPolicy;
      if (options.preconditions) rest.preconditions = { ...options.preconditions };
      await deleteObject(this.cluster, served, this.scope(served, namespace), name, rest);
    });
  }

  watch(type: ResourceType, namespace: string | undefined, options: WatchOptions, onEvent: (event: WatchEvent) => void): WatchHandle {
    let served: ServedResource;
    let selection: ReturnType<typeof compileSelection>;
    try {
      served = this.served(type);
      this.authorize(served, 'watch', namespace);
      selection = compileSelection(served.definition, options.labelSelector, options.fieldSelector);
    } catch (error) {
      const done = Promise.reject(toClientError(error));
      done.catch(() => undefined);
      return { stop: () => undefined, done };
    }
    return new InProcessWatch(onEvent, this.openWatches).start(this.cluster, served, served.definition.namespaced ? namespace : undefined, selection, options);
  }

  endWatches(error?: ClientError): void {
    for (const watch of [...this.openWatches]) watch.end(error);
  }

  private async patchScale(served: ServedResource, namespace: string | undefined, name: string, patchType: PatchType, patch: unknown, options: RestWriteOptions): Promise<KubeObject> {
    if (patchType !== 'json' && patchType !== 'merge') throw errors.unsupportedMediaType(`${patchType} patches are not supported on the scale subresource`);
    const entry = getEntry(this.cluster.store, served, namespace, name);
    let patched: unknown;
    try {
      const scale = toScale(entry.object, served);
      patched = patchType === 'json' ? applyJsonPatch(scale, patch) : applyMergePatch(scale, patch);
    } catch (error) {
      if (error instanceof PatchError) throw new ApiError(error.kind === 'invalid' ? 400 : 422, error.kind === 'invalid' ? 'BadRequest' : 'Invalid', error.message);
      throw error;
    }
    const object = fromScale({ ...entry.object, apiVersion: served.apiVersion } as KubeObject, patched, served);
    const result = await updateObject(this.cluster, { served, namespace, name, object, old: entry.object, oldRevision: entry.revision, options });
    return toScale(result.object, served);
  }

  private served(type: ResourceType): ServedResource {
    const served = this.cluster.kinds.resolve(type.group, type.version, type.resource);
    if (!served) throw new ClientError(404, 'NotFound', `the server could not find the requested resource (${describeType(type)})`);
    return served;
  }

  /** The namespace a request on this resource uses: required when namespaced, dropped otherwise. */
  private scope(served: ServedResource, namespace: string | undefined): string | undefined {
    if (!served.definition.namespaced) return undefined;
    if (!namespace) throw new ClientError(400, 'BadRequest', `a namespace is required for ${describeServed(served)}`);
    return namespace;
  }

  private writeOptions(options: WriteOptions): RestWriteOptions {
    // fieldValidation as an HTTP request that does not set it: unknown fields are dropped with a warning.
    const out: RestWriteOptions = { fieldValidation: 'Warn', userAgent: USER_AGENT };
    const manager = options.fieldManager ?? this.fieldManager;
    if (manager) out.fieldManager = manager;
    if (options.dryRun) out.dryRun = true;
    if (this.user) out.user = this.user;
    return out;
  }

  /** Checks the call as the cluster's authorizer would check the same HTTP request from this client's user. */
  private authorize(served: ServedResource, verb: string, namespace: string | undefined, name?: string, subresource?: string): void {
    const authorizer = this.cluster.authorizer;
    if (!this.user || !authorizer) return;
    const attributes: Parameters<typeof forbidden>[0] = { user: this.user, verb, resourceRequest: true, apiGroup: served.group, apiVersion: served.apiVersion.slice(served.apiVersion.indexOf('/') + 1), resource: served.definition.plural };
    const scoped = served.definition.namespaced ? namespace : served.group === '' && served.definition.plural === 'namespaces' ? name : undefined;
    if (scoped) attributes.namespace = scoped;
    if (name) attributes.name = name;
    if (subresource) attributes.subresource = subresource;
    const decision = authorizer.authorize(attributes);
    if (!decision.allowed) throw forbidden(attributes, decision.reason);
  }

  private async run<T>(operation: () => T | Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw toClientError(error);
    }
  }
}

function checkSubresource(served: ServedResource, subresource: string | undefined): string | undefined {
  if (!subresource) return undefined;
  const ok = subresource === 'status' ? served.version.subresources?.status === true : subresource === 'scale' ? served.version.subresources?.scale !== undefined : false;
  if (!ok) throw new ClientError(404, 'NotFound', `the server could not find the requested resource (${describeServed(served)}/${subresource})`);
  return subresource;
}

function requireName(name: string | undefined): string {
  if (!name) throw new ClientError(400, 'BadRequest', 'metadata.name is required to update an object');
  return name;
}

function describeType(type: ResourceType): string {
  return `${type.group ? `${type.resource}.${type.group}` : type.resource}/${type.version}`;
}

function describeServed(served: ServedResource): string {
  return served.group ? `${served.definition.plural}.${served.group}` : served.definition.plural;
}

/** What a status write checks in the body's metadata: which object, and which version of it. */
function identityOf(metadata: KubeObject['metadata']): KubeObject['metadata'] {
  const identity: KubeObject['metadata'] = {};
  for (const field of ['name', 'namespace', 'uid', 'resourceVersion'] as const) if (metadata[field] !== undefined) identity[field] = metadata[field];
  return identity;
}
