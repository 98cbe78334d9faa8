// The TokenRequest subresource (POST /api/v1/namespaces/<ns>/serviceaccounts/<name>/token): issues a
// ServiceAccount token, as `kubectl create token` asks for. The API server routes it here ahead of the
// kind registry, whose subresources (status, scale, Namespace finalize) all read or write their parent
// object; a create-only subresource with a kind of its own has no place there (nor in discovery) yet.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, errors, type StatusCause } from '../../machinery/errors.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import { DEFAULT_EXPIRATION_SECONDS, MAX_EXPIRATION_SECONDS, MIN_EXPIRATION_SECONDS, type BoundObject, type ServiceAccountTokens } from '../../security/service-account-tokens.js';
import { decodeBody, readBody } from '../http/body.js';
import { sendJson } from '../http/respond.js';
import type { ClusterContext } from '../rest/cluster-context.js';
import { storedObject } from './stored-object.js';

const API_VERSION = 'authentication.k8s.io/v1';

export function isTokenRequest(group: string, resource: string, subresource: string | undefined): boolean {
  return group === '' && resource === 'serviceaccounts' && subresource === 'token';
}

function invalid(name: string, causes: StatusCause[]): ApiError {
  return errors.invalid('TokenRequest', 'authentication.k8s.io', name, causes);
}

interface TokenRequestSpec {
  audiences: string[];
  expirationSeconds: number;
  boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string };
}

function specOf(body: unknown, name: string): TokenRequestSpec {
  if (!isPlainObject(body)) throw errors.badRequest('the request body must be a TokenRequest object');
  if (body.kind !== undefined && body.kind !== 'TokenRequest') throw errors.badRequest(`the request body must be a TokenRequest, not ${JSON.stringify(body.kind)}`);
  const spec = isPlainObject(body.spec) ? body.spec : {};
  const causes: StatusCause[] = [];
  const audiences = spec.audiences ?? [];
  if (!Array.isArray(audiences) || !audiences.every((a) => typeof a === 'string' && a !== '')) causes.push({ reason: 'FieldValueInvalid', field: 'spec.audiences', message: 'Invalid value: must be a list of non-empty strings' });
  const seconds = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds)) causes.push({ reason: 'FieldValueInvalid', field: 'spec.expirationSeconds', message: `Invalid value: ${JSON.stringify(seconds)}: must be an integer` });
  else if (seconds < MIN_EXPIRATION_SECONDS) causes.push({ reason: 'FieldValueInvalid', field: 'spec.expirationSeconds', message: `Invalid value: ${seconds}: may not specify a duration less than 10 minutes` });
  else if (seconds > MAX_EXPIRATION_SECONDS) causes.push({ reason: 'FieldValueTooLong', field: 'spec.expirationSeconds', message: `Invalid value: ${seconds}: may not specify a duration larger than 2^32 seconds` });
  const bound = spec.boundObjectRef;
  if (bound !== undefined && bound !== null && (!isPlainObject(bound) || (bound.kind !== 'Pod' && bound.kind !== 'Secret'))) {
    causes.push({ reason: 'FieldValueNotSupported', field: 'spec.boundObjectRef.kind', message: 'Unsupported value: supported values: "Pod", "Secret"' });
  }
  if (causes.length > 0) throw invalid(name, causes);
  const result: TokenRequestSpec = { audiences: audiences as string[], expirationSeconds: seconds as number };
  if (isPlainObject(bound)) result.boundObjectRef = bound as TokenRequestSpec['boundObjectRef'];
  return result;
}

function boundObject(cluster: ClusterContext, namespace: string, ref: NonNullable<TokenRequestSpec['boundObjectRef']>): BoundObject {
  const kind = ref.kind as 'Pod' | 'Secret';
  const resource = kind === 'Pod' ? 'pods' : 'secrets';
  const object = ref.name ? storedObject(cluster, '', 'v1', resource, namespace, ref.name) : undefined;
  if (!object) throw errors.notFound(resource, '', ref.name ?? '');
  const uid = object.metadata.uid ?? '';
  if (ref.uid && ref.uid !== uid) throw errors.conflict(resource, '', ref.name ?? '', `the UID in the bound object reference (${ref.uid}) does not match the UID in record (${uid}); the object might have been deleted and then recreated`);
  return { kind, name: ref.name ?? '', uid };
}

export async function serveTokenRequest(cluster: ClusterContext, tokens: ServiceAccountTokens, req: IncomingMessage, res: ServerResponse, namespace: string, name: string, maxBodyBytes: number): Promise<void> {
  const raw = await readBody(req, maxBodyBytes);
  const spec = specOf(decodeBody(raw, req.headers['content-type'], { expected: { apiVersion: API_VERSION, kind: 'TokenRequest' } }).value, name);
  const account: KubeObject | undefined = storedObject(cluster, '', 'v1', 'serviceaccounts', namespace, name);
  if (!account) throw errors.notFound('serviceaccounts', '', name);
  const bound = spec.boundObjectRef ? boundObject(cluster, namespace, spec.boundObjectRef) : undefined;
  const audiences = spec.audiences.length > 0 ? spec.audiences : [...tokens.apiAudiences];
  const issued = tokens.issue({ namespace, serviceAccount: { name, uid: account.metadata.uid ?? '' }, ...(bound ? { bound } : {}) }, audiences, spec.expirationSeconds);
  const response = {
    kind: 'TokenRequest',
    apiVersion: API_VERSION,
    metadata: { name, namespace, creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z') },
    spec: { audiences, expirationSeconds: spec.expirationSeconds, boundObjectRef: spec.boundObjectRef ?? null },
    status: { token: issued.token, expirationTimestamp: issued.expiration.toISOString().replace(/\.\d+Z$/, 'Z') },
  };
  sendJson(res, 201, JSON.stringify(response));
}
