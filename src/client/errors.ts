// Turning failures into ClientError (the Status code and reason a caller branches on) and the checks
// callers use most.

import { ApiError } from '../machinery/errors.js';
import { isPlainObject } from '../machinery/object.js';
import { ClientError } from './types.js';

/** Transport failures carry code 0: there was no HTTP status. */
export const CONNECTION_FAILED = 'ConnectionFailed';
export const TIMEOUT = 'Timeout';

export function toClientError(error: unknown): unknown {
  if (error instanceof ApiError) return new ClientError(error.code, error.reason, error.message);
  return error;
}

/** A Status body (or anything else an error response held) as a ClientError. */
export function clientErrorFromBody(statusCode: number, body: unknown, text: string): ClientError {
  if (isPlainObject(body) && body.kind === 'Status') {
    const code = typeof body.code === 'number' && body.code > 0 ? body.code : statusCode;
    const reason = typeof body.reason === 'string' && body.reason ? body.reason : reasonForCode(code);
    const message = typeof body.message === 'string' ? body.message : `the server responded with ${code}`;
    return new ClientError(code, reason, message);
  }
  const snippet = text.length > 200 ? `${text.slice(0, 200)}...` : text;
  return new ClientError(statusCode, reasonForCode(statusCode), `the server responded with ${statusCode}${snippet ? `: ${snippet.trim()}` : ''}`);
}

// Status reasons kube-apiserver uses for each code (k8s.io/apimachinery metav1.StatusReason).
export function reasonForCode(code: number): string {
  switch (code) {
    case 400:
      return 'BadRequest';
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden';
    case 404:
      return 'NotFound';
    case 405:
      return 'MethodNotAllowed';
    case 406:
      return 'NotAcceptable';
    case 409:
      return 'Conflict';
    case 410:
      return 'Expired';
    case 413:
      return 'RequestEntityTooLarge';
    case 415:
      return 'UnsupportedMediaType';
    case 422:
      return 'Invalid';
    case 429:
      return 'TooManyRequests';
    case 503:
      return 'ServiceUnavailable';
    case 504:
      return 'Timeout';
    default:
      return code >= 500 ? 'InternalError' : 'Unknown';
  }
}

function hasCode(error: unknown, code: number, reason?: string): boolean {
  return error instanceof ClientError && error.code === code && (reason === undefined || error.reason === reason);
}

export const isNotFound = (error: unknown): boolean => hasCode(error, 404);
export const isAlreadyExists = (error: unknown): boolean => hasCode(error, 409, 'AlreadyExists');
/** A resourceVersion precondition or a server-side apply conflict failed: re-read and retry. */
export const isConflict = (error: unknown): boolean => hasCode(error, 409, 'Conflict');
export const isInvalid = (error: unknown): boolean => hasCode(error, 422);
/** The resourceVersion a list or watch asked for is no longer available: relist. */
export const isExpired = (error: unknown): boolean => hasCode(error, 410);
export const isConnectionError = (error: unknown): boolean => hasCode(error, 0);
