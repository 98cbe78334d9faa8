// Reads and decodes request bodies: a size limit (413), a nesting limit (so no later recursive step can
// overflow the stack), JSON or YAML by content type.

import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, errors } from '../../machinery/errors.js';
import { scanParsedJsonText } from '../../machinery/schema/index.js';
import { decodeKubernetesProtobuf, messageForKind, ProtobufDecodeError, PROTOBUF_CONTENT_TYPE } from '../protobuf/index.js';

export const DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024;
export const MAX_NESTING = 100;

export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      req.resume();
      reject(errors.tooLarge(`the request body is ${declared} bytes, over the limit of ${maxBytes}`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        reject(errors.tooLarge(`the request body is over the limit of ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

function valueNesting(value: unknown, limit: number): number {
  const stack: [unknown, number][] = [[value, 0]];
  let max = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const d = depth + 1;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, d]);
  }
  return max;
}

export interface DecodedBody {
  value: unknown;
  /** Fields a JSON body repeats (JSON.parse keeps the last one), when asked for. */
  duplicates?: string[];
}

export interface DecodeOptions {
  /** Report the fields a JSON body repeats (YAML bodies with repeated keys are refused). */
  duplicates?: boolean;
  /** The kind the endpoint serves (protobuf bodies of built-in kinds may leave TypeMeta empty). */
  expected?: { apiVersion: string; kind: string };
}

/** The media type of a Content-Type header, lower case without parameters (JSON when there is none). */
export function mediaTypeOf(contentType: string | undefined): string {
  // Most requests say exactly this: no need to split and fold it.
  if (contentType === undefined || contentType === 'application/json') return 'application/json';
  return contentType.split(';')[0]!.trim().toLowerCase();
}

export function decodeBody(raw: Buffer, contentType: string | undefined, options: DecodeOptions = {}): DecodedBody {
  const type = mediaTypeOf(contentType);
  // kubectl and Go typed clients send built-in kinds as protobuf; they are decoded into the same JSON.
  if (type === PROTOBUF_CONTENT_TYPE) return { value: decodeProtobuf(raw, options.expected) };
  if (type === 'application/cbor') {
    throw errors.unsupportedMediaType('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
  }
  const text = raw.toString('utf8');
  if (text.trim() === '') throw errors.badRequest('the request body is empty');
  const isYaml = type === 'application/yaml' || type === 'application/apply-patch+yaml';
  const trimmed = text.trimStart();
  if (!isYaml || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let value: unknown;
    let parsed = false;
    try {
      // V8 parses JSON without recursion, so depth is checked on the result (far fewer nodes than characters).
      value = JSON.parse(text);
      parsed = true;
    } catch (error) {
      if (!isYaml) throw errors.badRequest(`the request body is not valid JSON: ${(error as Error).message}`);
    }
    if (parsed) {
      // Repeated fields and the depth are found together (a scan of the text only when a key may repeat).
      const scanned = options.duplicates ? scanParsedJsonText(text, value) : undefined;
      const depth = scanned ? scanned.depth : valueNesting(value, MAX_NESTING);
      if (depth > MAX_NESTING) throw errors.badRequest(`the request body is nested deeper than ${MAX_NESTING} levels`);
      return scanned ? { value, duplicates: scanned.duplicates } : { value };
    }
  }
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: 100, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    throw errors.badRequest(`the request body is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (valueNesting(value, MAX_NESTING) > MAX_NESTING) throw errors.badRequest(`the request body is nested deeper than ${MAX_NESTING} levels`);
  return { value };
}

function decodeProtobuf(raw: Buffer, expected: DecodeOptions['expected']): unknown {
  try {
    return decodeKubernetesProtobuf(raw, expected);
  } catch (error) {
    if (!(error instanceof ProtobufDecodeError)) throw error;
    if (expected && messageForKind(expected.apiVersion, expected.kind) === undefined) throw errors.unsupportedMediaType(error.message);
    throw errors.badRequest(`the protobuf request body cannot be decoded: ${error.message}`);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
