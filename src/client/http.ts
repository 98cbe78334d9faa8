// The HTTP Client: the Kubernetes REST API over Node http/https with keep-alive pools, JSON bodies, the
// content type of each patch type, Status errors as ClientError, and watches as streamed NDJSON.

import { isPlainObject, type KubeObject } from '../machinery/object.js';
import { clientErrorFromBody } from './errors.js';
import { resourcePath, withQuery } from './http-paths.js';
import { HttpTransport, type HttpResponse, type HttpTransportOptions } from './http-transport.js';
import { httpWatch } from './http-watch.js';
import type { RestConfig } from './kubeconfig.js';
import { apiVersionOf } from './resources.js';
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

export interface HttpClientOptions extends Pick<HttpTransportOptions, 'maxSockets' | 'timeoutMs' | 'userAgent'> {
  /** Field manager for writes that do not name one (server default: from the user agent, "kurator"). */
  fieldManager?: string;
}

export interface HttpClient extends Client {
  /** Closes pooled connections (open watches end). */
  close(): void;
}

// Metadata-only answers, else whole objects (a server that cannot leave the rest out sends those).
const METADATA_LIST_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
export const METADATA_ACCEPT = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export function createHttpClient(config: RestConfig, options: HttpClientOptions = {}): HttpClient {
  return new HttpRestClient(new HttpTransport(config, options), options.fieldManager);
}

/** A client over a transport someone else also sends through (its pools are shared; close() closes it). */
export function createHttpClientOver(transport: HttpTransport, fieldManager?: string): HttpClient {
  return new HttpRestClient(transport, fieldManager);
}

class HttpRestClient implements HttpClient {
  constructor(
    private readonly transport: HttpTransport,
    private readonly fieldManager: string | undefined,
  ) {}

  async get(type: ResourceType, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    const path = resourcePath(type, requireNamespace(type, namespace), name);
    const res = await this.transport.request('GET', path);
    if (res.status === 404) {
      // An object that does not exist (Status names it) is undefined; an unknown resource is an error.
      const body = parse(res.text);
      if (isPlainObject(body) && isPlainObject(body.details) && body.details.name === name) return undefined;
    }
    return this.object(res, 'GET', path);
  }

  async list(type: ResourceType, namespace: string | undefined, options: ListOptions = {}): Promise<ObjectList> {
    const path = withQuery(resourcePath(type, namespace), {
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
      limit: options.limit,
      continue: options.continueToken,
      resourceVersion: options.resourceVersion,
    });
    const body = this.expectOk(await this.transport.request('GET', path, undefined, options.metadataOnly ? METADATA_LIST_ACCEPT : undefined), 'GET', path);
    if (!isPlainObject(body) || !Array.isArray(body.items)) throw new ClientError(0, 'InvalidResponse', `GET ${this.transport.describe(path)}: the response is not a list`);
    const metadata = isPlainObject(body.metadata) ? body.metadata : {};
    const apiVersion = apiVersionOf(type);
    // kube-apiserver leaves kind and apiVersion off list items of built-in kinds.
    const items = (body.items as KubeObject[]).map((item) => (item.kind && item.apiVersion ? item : { ...item, kind: type.kind, apiVersion }));
    const list: ObjectList = { items, resourceVersion: typeof metadata.resourceVersion === 'string' ? metadata.resourceVersion : '' };
    if (typeof metadata.continue === 'string' && metadata.continue) list.continueToken = metadata.continue;
    return list;
  }

  async create(type: ResourceType, object: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const namespace = requireNamespace(type, object.metadata?.namespace);
    const base = options.subresource ? resourcePath(type, namespace, object.metadata?.name ?? '', options.subresource) : resourcePath(type, namespace);
    const path = withQuery(base, this.writeQuery(options));
    return this.object(await this.transport.request('POST', path, json(object)), 'POST', path);
  }

  async update(type: ResourceType, object: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const name = object.metadata?.name;
    if (!name) throw new ClientError(400, 'BadRequest', 'metadata.name is required to update an object');
    const path = withQuery(resourcePath(type, requireNamespace(type, object.metadata.namespace), name, options.subresource), this.writeQuery(options));
    return this.object(await this.transport.request('PUT', path, json(object)), 'PUT', path);
  }

  async patch(type: ResourceType, namespace: string | undefined, name: string, patchType: PatchType, patch: unknown, options: PatchOptions = {}): Promise<KubeObject> {
    const query = this.writeQuery(options);
    if (patchType === 'apply' && options.force !== undefined) query.force = options.force;
    const path = withQuery(resourcePath(type, requireNamespace(type, namespace), name, options.subresource), query);
    const body = { text: JSON.stringify(patch), contentType: PATCH_CONTENT_TYPES[patchType] };
    return this.object(await this.transport.request('PATCH', path, body), 'PATCH', path);
  }

  async delete(type: ResourceType, namespace: string | undefined, name: string, options: DeleteOptions = {}): Promise<void> {
    const path = resourcePath(type, requireNamespace(type, namespace), name);
    const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
    if (options.propagationPolicy) body.propagationPolicy = options.propagationPolicy;
    if (options.preconditions) body.preconditions = options.preconditions;
    this.expectOk(await this.transport.request('DELETE', path, json(body)), 'DELETE', path);
  }

  watch(type: ResourceType, namespace: string | undefined, options: WatchOptions, onEvent: (event: WatchEvent) => void): WatchHandle {
    const path = withQuery(resourcePath(type, namespace), {
      watch: 'true',
      resourceVersion: options.resourceVersion,
      allowWatchBookmarks: options.allowBookmarks === false ? undefined : 'true',
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
      timeoutSeconds: options.timeoutSeconds,
    });
    return httpWatch(this.transport, path, onEvent, options.metadataOnly ? METADATA_ACCEPT : undefined);
  }

  close(): void {
    this.transport.close();
  }

  private writeQuery(options: WriteOptions): Record<string, string | boolean | undefined> {
    return { fieldManager: options.fieldManager ?? this.fieldManager, dryRun: options.dryRun ? 'All' : undefined };
  }

  private expectOk(res: HttpResponse, method: string, path: string): unknown {
    const body = parse(res.text);
    if (res.status < 200 || res.status >= 300) throw clientErrorFromBody(res.status, body, res.text);
    if (body === undefined && res.text.trim()) throw new ClientError(0, 'InvalidResponse', `${method} ${this.transport.describe(path)}: the response is not JSON`);
    return body;
  }

  private object(res: HttpResponse, method: string, path: string): KubeObject {
    const body = this.expectOk(res, method, path);
    if (!isPlainObject(body) || !isPlainObject(body.metadata)) throw new ClientError(0, 'InvalidResponse', `${method} ${this.transport.describe(path)}: the response is not an object`);
    return body as KubeObject;
  }
}

function requireNamespace(type: ResourceType, namespace: string | undefined): string | undefined {
  if (!type.namespaced) return undefined;
  if (!namespace) throw new ClientError(400, 'BadRequest', `a namespace is required for ${type.group ? `${type.resource}.${type.group}` : type.resource}`);
  return namespace;
}

function json(value: unknown): { text: string; contentType: string } {
  return { text: JSON.stringify(value), contentType: 'application/json' };
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
