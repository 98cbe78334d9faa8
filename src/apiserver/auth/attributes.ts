// What a request asks to do, for authorization and audit, derived as kube-apiserver's RequestInfoFactory
// does: the verb from the method (GET without a name is list, or watch with ?watch=true; DELETE without
// a name is deletecollection), a single-name field selector names the object, and a Namespace is its own
// namespace.

import type { RequestTarget } from '../http/request-info.js';
import type { AuthorizationAttributes } from './types.js';
import { queryFlag } from '../../machinery/query-flag.js';

export type RequestAttributes = Omit<AuthorizationAttributes, 'user'>;

const METHOD_VERBS: Record<string, string> = { GET: 'get', HEAD: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/** The object a field selector pins down (metadata.name=x or metadata.name==x, alone or among others). */
function selectedName(query: URLSearchParams): string | undefined {
  const selector = query.get('fieldSelector');
  if (!selector) return undefined;
  for (const term of selector.split(',')) {
    const match = /^\s*metadata\.name\s*==?\s*([^\s,]+)\s*$/.exec(term);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * @param method the HTTP method
 * @param target the parsed path (within the logical cluster)
 * @param path the URL path within the logical cluster (for non-resource requests)
 */
export function requestAttributes(method: string, target: RequestTarget, query: URLSearchParams, path: string): RequestAttributes {
  if (target.kind !== 'resource') return { verb: method.toLowerCase(), resourceRequest: false, path };
  let verb = METHOD_VERBS[method] ?? method.toLowerCase();
  let name = target.name;
  if (name === undefined && verb === 'get') {
    verb = queryFlag(query, 'watch') ? 'watch' : 'list';
    name = selectedName(query);
  }
  if (name === undefined && verb === 'delete') verb = 'deletecollection';
  const attributes: RequestAttributes = { verb, resourceRequest: true, apiGroup: target.group, apiVersion: target.version, resource: target.resource };
  if (target.subresource !== undefined) attributes.subresource = target.subresource;
  const namespace = target.namespace ?? (target.group === '' && target.resource === 'namespaces' ? target.name : undefined);
  if (namespace !== undefined) attributes.namespace = namespace;
  if (name !== undefined) attributes.name = name;
  return attributes;
}

/**
 * kube's system:public-info-viewer: what anyone, authenticated or not, may read. The RBAC bootstrap
 * binding grants the same, but the authorizer is pluggable (one given through the hub's security options
 * never reads that policy) and an impersonated system:anonymous without --as-group is in neither group the
 * binding names; answering these here keeps health and version open to every client whatever decides the rest.
 */
const PUBLIC_PATHS = new Set(['/version', '/version/', '/healthz', '/livez', '/readyz']);

export function isPublicInfo(attributes: RequestAttributes): boolean {
  return !attributes.resourceRequest && attributes.verb === 'get' && attributes.path !== undefined && PUBLIC_PATHS.has(attributes.path);
}
