// Parses a request path into what it addresses, the way kube-apiserver's RequestInfoFactory does:
// /api/v1/namespaces/ns/pods/name/status, /apis/apps/v1/deployments, /clusters/<name>/api/v1/...

import { remembered } from '../../machinery/remembered.js';

export interface ResourceRequest {
  readonly kind: 'resource';
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly subresource?: string;
}

export interface DiscoveryRequest {
  readonly kind: 'group-version';
  readonly group: string;
  readonly version: string;
}

export interface OtherRequest {
  readonly kind: 'other';
  readonly path: string;
}

export type RequestTarget = ResourceRequest | DiscoveryRequest | OtherRequest;

/** Shared by every request to the same path: never modified. */
export interface RoutedPath {
  /** Logical cluster name; "" for the server's own (root) cluster. */
  readonly cluster: string;
  readonly target: RequestTarget;
}

const CLUSTER_PREFIX = '/clusters/';

/** Paths the WHATWG URL parser would leave as they are: no escapes, dot segments or unusual characters. */
const PLAIN_PATH = /^\/[A-Za-z0-9\-._~/:@!$&'()*+,;=]*$/;
const DOT_SEGMENT = /(^|\/)\.{1,2}(\/|$)/;

/** The path and query of a request target, as new URL() gives them, without its cost for plain paths. */
export function parseRequestUrl(raw: string | undefined): { pathname: string; searchParams: URLSearchParams } {
  const target = raw ?? '/';
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  if (PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path) && !target.includes('#')) {
    return { pathname: path, searchParams: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)) };
  }
  const url = new URL(target, 'http://localhost');
  return { pathname: url.pathname, searchParams: url.searchParams };
}
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function splitClusterPath(pathname: string): { cluster: string; rest: string } {
  if (!pathname.startsWith(CLUSTER_PREFIX)) return { cluster: '', rest: pathname };
  const end = pathname.indexOf('/', CLUSTER_PREFIX.length);
  if (end < 0) return { cluster: pathname.slice(CLUSTER_PREFIX.length), rest: '/' };
  return { cluster: pathname.slice(CLUSTER_PREFIX.length, end), rest: pathname.slice(end) };
}

/** Remembered per path: most requests go to a few (a collection, a watch). */
export const routePath = remembered(1024, (pathname): RoutedPath => {
  const { cluster, rest } = splitClusterPath(pathname);
  return { cluster, target: parseTarget(rest) };
});

function parseTarget(path: string): RequestTarget {
  const parts = path.split('/').filter((p) => p.length > 0).map(safeDecode);
  let group: string;
  let version: string;
  let i: number;
  if (parts[0] === 'api' && parts.length >= 2) {
    group = '';
    version = parts[1]!;
    i = 2;
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1]!;
    version = parts[2]!;
    i = 3;
  } else {
    return { kind: 'other', path };
  }
  if (i === parts.length) return { kind: 'group-version', group, version };

  let namespace: string | undefined;
  // "namespaces/<ns>/<resource>..." addresses a namespaced resource; "namespaces/<ns>" alone is the Namespace.
  if (parts[i] === 'namespaces' && parts.length > i + 2 && !NAMESPACE_SUBRESOURCES.has(parts[i + 2]!)) {
    namespace = parts[i + 1];
    i += 2;
  }
  const resource = parts[i]!;
  const name = parts[i + 1];
  const subresource = parts[i + 2];
  if (parts.length > i + 3) return { kind: 'other', path };
  const target: { -readonly [K in keyof ResourceRequest]: ResourceRequest[K] } = { kind: 'resource', group, version, resource };
  if (namespace !== undefined) target.namespace = namespace;
  if (name !== undefined) target.name = name;
  if (subresource !== undefined) target.subresource = subresource;
  return target;
}

function safeDecode(part: string): string {
  if (!part.includes('%')) return part;
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
