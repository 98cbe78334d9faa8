// Serves /api/v1/... and /apis/<group>/<version>/... for one logical cluster: maps method + path onto
// get/list/watch/create/update/patch/delete/deletecollection and the status and scale subresources.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, errors } from '../../machinery/errors.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import type { LogicalCluster } from '../logical-cluster.js';
import type { ServedResource } from '../registry/kind-registry.js';
import { dryRunRequested, type FieldValidation, type WriteOptions, type WriteResult } from '../rest/context.js';
import { deleteObject, parseDeleteOptions } from '../rest/delete.js';
import { getEntry, getObject, listBody, listObjects, type ListPage } from '../rest/read.js';
import { patchObject, patchTypeOf } from '../rest/patch.js';
import { fromScale, toScale } from '../rest/scale.js';
import { compileSelection } from '../rest/selection.js';
import { startWatch } from '../rest/watch.js';
import { checkBodyKind, createObject, updateObject } from '../rest/write.js';
import { applyMergePatch } from '../../machinery/mergepatch.js';
import { applyJsonPatch } from '../../machinery/jsonpatch.js';
import { queryFlag } from '../../machinery/query-flag.js';
import { decodeBody, mediaTypeOf, readBody } from './body.js';
import type { ResourceRequest } from './request-info.js';
import { sendJson } from './respond.js';
import { tableBody, wantsTable, type IncludeObject } from './table.js';
import { openWatchStream } from './watch-stream.js';
import { metadataRepresentation, partialListBody, partialObjectJson } from './partial-metadata.js';
import { requestUser } from '../auth/request-user.js';

export interface ResourceHandlerOptions {
  maxBodyBytes: number;
  watchTimeoutMs: () => number;
  bookmarkIntervalMs: number;
  maxWatchBufferBytes: number;
  onWatchOpen: (served: ServedResource) => () => void;
}

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export function verbOf(method: string, target: ResourceRequest, query: URLSearchParams): Verb | undefined {
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (target.name !== undefined) return 'get';
      return queryFlag(query, 'watch') ? 'watch' : 'list';
    case 'POST':
      return target.name === undefined ? 'create' : undefined;
    case 'PUT':
      return target.name !== undefined ? 'update' : undefined;
    case 'PATCH':
      return target.name !== undefined ? 'patch' : undefined;
    case 'DELETE':
      return target.name !== undefined ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}

function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const value = query.get('fieldValidation');
  if (value === null || value === '') return 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw errors.badRequest(`fieldValidation parameter unsupported: ${value}; expected one of Ignore, Warn or Strict`);
}

function writeOptionsOf(req: IncomingMessage, query: URLSearchParams): WriteOptions {
  const options: WriteOptions = { fieldValidation: fieldValidationOf(query) };
  if (dryRunRequested(query.getAll('dryRun'))) options.dryRun = true;
  const manager = query.get('fieldManager');
  if (manager) options.fieldManager = manager;
  const agent = req.headers['user-agent'];
  if (agent) options.userAgent = agent;
  const user = requestUser(req);
  if (user) options.user = user;
  return options;
}

function includeObjectOf(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

/** A list's metadata as kube-apiserver sends it, for list bodies built here. */
function listMetadataOf(page: ListPage): Record<string, unknown> {
  const metadata: Record<string, unknown> = { resourceVersion: String(page.revision) };
  if (page.continueToken) metadata.continue = page.continueToken;
  if (page.remainingItemCount !== undefined) metadata.remainingItemCount = page.remainingItemCount;
  return metadata;
}

function integerParam(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw errors.badRequest(`invalid ${name} parameter ${JSON.stringify(value)}: must be an integer`);
  return Number(value);
}

export class ResourceHandler {
  constructor(private readonly options: ResourceHandlerOptions) {}

  async handle(cluster: LogicalCluster, req: IncomingMessage, res: ServerResponse, target: ResourceRequest, query: URLSearchParams): Promise<{ verb: Verb; served: ServedResource }> {
    const served = cluster.kinds.resolve(target.group, target.version, target.resource);
    if (!served) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', { group: target.group, kind: target.resource });
    const verb = verbOf(req.method ?? 'GET', target, query);
    if (!verb || (served.definition.verbs && !served.definition.verbs.includes(verb))) throw errors.methodNotAllowed(`the server does not allow this method on the requested resource`);
    if (served.definition.namespaced && target.namespace === undefined && verb !== 'list' && verb !== 'watch') {
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', { group: target.group, kind: target.resource });
    }
    if (!served.definition.namespaced && target.namespace !== undefined) {
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', { group: target.group, kind: target.resource });
    }
    const sub = target.subresource;
    if (sub !== undefined && !this.subresourceServed(served, sub)) {
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', { group: target.group, kind: `${target.resource}/${sub}` });
    }
    if (served.version.deprecationWarning) res.setHeader('Warning', `299 - ${JSON.stringify(served.version.deprecationWarning)}`);
    switch (verb) {
      case 'get':
        this.get(cluster, req, res, served, target, query);
        break;
      case 'list':
        this.list(cluster, req, res, served, target, query);
        break;
      case 'watch':
        this.watch(cluster, req, res, served, target, query);
        break;
      case 'create':
        await this.create(cluster, req, res, served, target, query);
        break;
      case 'update':
        await this.update(cluster, req, res, served, target, query);
        break;
      case 'patch':
        await this.patch(cluster, req, res, served, target, query);
        break;
      case 'delete':
        await this.delete(cluster, req, res, served, target, query);
        break;
      case 'deletecollection':
        await this.deleteCollection(cluster, req, res, served, target, query);
        break;
    }
    return { verb, served };
  }

  private subresourceServed(served: ServedResource, sub: string): boolean {
    if (sub === 'status') return served.version.subresources?.status === true;
    if (sub === 'scale') return served.version.subresources?.scale !== undefined;
    if (sub === 'finalize') return served.group === '' && served.definition.kind === 'Namespace';
    return false;
  }

  private get(cluster: LogicalCluster, req: IncomingMessage, res: ServerResponse, served: ServedResource, target: ResourceRequest, query: URLSearchParams): void {
    const metadataOnly = metadataRepresentation(req.headers.accept, 'object');
    if (target.subresource === 'scale') {
      const entry = getEntry(cluster.store, served, target.namespace, target.name!);
      const scale = toScale(entry.object, served);
      sendJson(res, 200, metadataOnly ? partialObjectJson(scale, metadataOnly) : JSON.stringify(scale));
      return;
    }
    const rendered = getObject(cluster.store, served, target.namespace, target.name!);
    if (metadataOnly) {
      sendJson(res, 200, partialObjectJson(rendered.object, metadataOnly));
      return;
    }
    if (wantsTable(req.headers.accept)) {
      sendJson(res, 200, tableBody(served, [rendered.object], { resourceVersion: rendered.object.metadata.resourceVersion ?? '' }, { include: includeObjectOf(query), headers: true }), 'application/json');
      return;
    }
    sendJson(res, 200, rendered.body);
  }

  private list(cluster: LogicalCluster, req: IncomingMessage, res: ServerResponse, served: ServedResource, target: ResourceRequest, query: URLSearchParams): void {
    const metadataOnly = metadataRepresentation(req.headers.accept, 'list');
    const selection = compileSelection(served.definition, query.get('labelSelector') ?? undefined, query.get('fieldSelector') ?? undefined);
    const request: Parameters<typeof listObjects>[3] = { selection };
    const limit = integerParam(query, 'limit');
    if (limit !== undefined) request.limit = limit;
    const cont = query.get('continue');
    if (cont) request.continueToken = cont;
    const rv = query.get('resourceVersion');
    if (rv !== null) request.resourceVersion = rv;
    const match = query.get('resourceVersionMatch');
    if (match) request.resourceVersionMatch = match;
    const page = listObjects(cluster.store, served, target.namespace, request);
    if (metadataOnly) {
      sendJson(res, 200, partialListBody(page.items.map((i) => i.object), listMetadataOf(page), metadataOnly));
      return;
    }
    if (wantsTable(req.headers.accept)) {
      sendJson(res, 200, tableBody(served, page.items.map((i) => i.object), listMetadataOf(page), { include: includeObjectOf(query), headers: true }));
      return;
    }
    sendJson(res, 200, listBody(served, page));
  }

  private watch(cluster: LogicalCluster, req: IncomingMessage, res: ServerResponse, served: ServedResource, target: ResourceRequest, query: URLSearchParams): void {
    // Before the stream opens: a 406 must still be a plain response.
    const metadataOnly = metadataRepresentation(req.headers.accept, 'object');
    const selection = compileSelection(served.definition, query.get('labelSelector') ?? undefined, query.get('fieldSelector') ?? undefined);
    const timeoutSeconds = integerParam(query, 'timeoutSeconds');
    const allowBookmarks = queryFlag(query, 'allowWatchBookmarks') === true;
    const sendInitial = queryFlag(query, 'sendInitialEvents');
    const rv = query.get('resourceVersion') ?? undefined;
    if (rv !== undefined && rv !== '' && !/^\d+$/.test(rv)) throw errors.badRequest(`invalid resourceVersion: ${JSON.stringify(rv)}`);
    const closeGauge = this.options.onWatchOpen(served);
    const stream = openWatchStream(res, {
      served,
      ...(metadataOnly ? { metadataOnly } : wantsTable(req.headers.accept) ? { table: { include: includeObjectOf(query) } } : {}),
      allowBookmarks,
      sendInitialEventsBookmark: sendInitial === true,
      timeoutMs: timeoutSeconds !== undefined && timeoutSeconds > 0 ? timeoutSeconds * 1000 : this.options.watchTimeoutMs(),
      bookmarkIntervalMs: this.options.bookmarkIntervalMs,
      maxBufferedBytes: this.options.maxWatchBufferBytes,
      currentRevision: () => cluster.store.revision,
      onClose: closeGauge,
    });
    try {
      const request: Parameters<typeof startWatch>[3] = { selection };
      if (rv !== undefined) request.resourceVersion = rv;
      if (sendInitial !== undefined) request.sendInitialEvents = sendInitial;
      stream.attach(startWatch(cluster.store, served, target.namespace, request, stream.sink));
    } catch (error) {
      stream.fail(error instanceof ApiError ? error : errors.internal((error as Error).message));
    }
  }

  private async readObjectBody(req: IncomingMessage, served?: ServedResource): Promise<{ value: unknown; duplicates: string[] }> {
    const raw = await readBody(req, this.options.maxBodyBytes);
    const decoded = decodeBody(raw, req.headers['content-type'], served ? { duplicates: true, expected: { apiVersion: served.apiVersion, kind: served.definition.kind } } : { duplicates: true });
    return { value: decoded.value, duplicates: decoded.duplicates ?? [] };
  }

  private sendWrite(res: ServerResponse, result: WriteResult, okCode = 200): void {
    sendJson(res, result.created ? 201 : okCode, result.body, 'application/json', result.warnings);
  }

  private async create(cluster: LogicalCluster, req: IncomingMessage, res: ServerResponse, served: ServedResource, target: ResourceRequest, query: URLSearchParams): Promise<void> {
    const options = writeOptionsOf(req, query);
    const { value, duplicates } = await this.readObjectBody(req, served);
    const object = checkBodyKind(value, served);
    const result = await createObject(cluster, { served, namespace: target.namespace, object, options, duplicateFields: duplicates });
    this.sendWrite(res, result);
  }

  private async update(cluster: LogicalCluster, req: IncomingMessage, res: ServerResponse, served: ServedResource, target: ResourceRequest, query: URLSearchParams): Promise<void> {
    const options = writeOptionsOf(req, query);
    const { value, duplicates } = await this.readObjectBody(req, target.subresource === 'scale' ? undefined : served);
    const entry = getEntry(cluster.store, served, target.namespace, target.name!);
    if (target.subresource === 'scale') {
      const object = fromScale({ ...entry.object, apiVersion: served.apiVersion } as KubeObject, value, served);
      const result = await updateObject(cluster, { served, namespace: target.namespace, name: target.name!, object, old: entry.object, oldRevision: entry.revision, options });
      sendJson(res, 200, JSON.stringify(toScale(result.object, served)));
      return;
    }
    const object = target.subresource === 'finalize' && isPlainObject(value) && value.metadata === undefined ? ({ ...value, metadata: {} } as KubeObject) : checkBodyKind(value, served);
    const input: Parameters<typeof updateObject>[1] = { served, namespace: target.namespace, name: target.name!, object, old: entry.object, oldRevision: entry.revision, options, duplicateFields: duplicates };
    if (target.subresource) input.subresource = target.subresource;
    this.sendWrite(res, await updateObject(cluster, input));
  }

  private async patch(cluster: LogicalCluster, req: IncomingMessage, res: ServerResponse, served: ServedResource, target: ResourceRequest, query: URLSearchParams): Promise<void> {
    const patchType = patchTypeOf(mediaTypeOf(req.headers['content-type']));
    if (!patchType) {
      throw errors.unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml${served.definition.custom ? '' : ', application/strategic-merge-patch+json'}`);
    }
    const options = writeOptionsOf(req, query);
    const force = queryFlag(query, 'force');
    if (force !== undefined && patchType !== 'apply') throw errors.badRequest('force is only allowed for apply patches (application/apply-patch+yaml)');
    if (patchType === 'apply' && !options.fieldManager) throw errors.badRequest('PATCH with application/apply-patch+yaml requires the fieldManager parameter');
    const { value } = await this.readObjectBody(req);
    if (target.subresource === 'scale') {
      const entry = getEntry(cluster.store, served, target.namespace, target.name!);
      const scale = toScale(entry.object, served);
      const patched = patchType === 'json' ? applyJsonPatch(scale, value) : applyMergePatch(scale, value);
      const object = fromScale({ ...entry.object, apiVersion: served.apiVersion } as KubeObject, patched, served);
      const result = await updateObject(cluster, { served, namespace: target.namespace, name: target.name!, object, old: entry.object, oldRevision: entry.revision, options });
      sendJson(res, 200, JSON.stringify(toScale(result.object, served)));
      return;
    }
    const input: Parameters<typeof patchObject>[1] = { served, namespace: target.namespace, name: target.name!, patchType, patch: value, options };
    if (target.subresource) input.subresource = target.subresource;
    if (force !== undefined) input.force = force;
    this.sendWrite(res, await patchObject(cluster, input));
  }

  private async delete(cluster: LogicalCluster, req: IncomingMessage, res: ServerResponse, served: ServedResource, target: ResourceRequest, query: URLSearchParams): Promise<void> {
    if (target.subresource) throw errors.methodNotAllowed('the server does not allow this method on the requested resource');
    const body = await this.optionalBody(req);
    const options = parseDeleteOptions(body, query);
    const result = await deleteObject(cluster, served, target.namespace, target.name!, options);
    sendJson(res, 200, result.body);
  }

  private async deleteCollection(cluster: LogicalCluster, req: IncomingMessage, res: ServerResponse, served: ServedResource, target: ResourceRequest, query: URLSearchParams): Promise<void> {
    const body = await this.optionalBody(req);
    const options = parseDeleteOptions(body, query);
    const selection = compileSelection(served.definition, query.get('labelSelector') ?? undefined, query.get('fieldSelector') ?? undefined);
    const page = listObjects(cluster.store, served, target.namespace, { selection });
    const deleted: string[] = [];
    for (const item of page.items) {
      try {
        const result = await deleteObject(cluster, served, item.object.metadata.namespace, item.object.metadata.name ?? '', options);
        deleted.push(result.body);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 404)) throw error;
      }
    }
    sendJson(res, 200, `{"kind":${JSON.stringify(served.definition.listKind)},"apiVersion":${JSON.stringify(served.apiVersion)},"metadata":{"resourceVersion":"${cluster.store.revision}"},"items":[${deleted.join(',')}]}`);
  }

  private async optionalBody(req: IncomingMessage): Promise<unknown> {
    const raw = await readBody(req, this.options.maxBodyBytes);
    if (raw.length === 0 || raw.toString('utf8').trim() === '') return undefined;
    return decodeBody(raw, req.headers['content-type']).value;
  }
}

