// Audit: every request the policy selects becomes one audit Event once its response completes (for
// watches, when the watch ends). Secret payloads and tokens never reach the log: the Request level
// records request bodies except for Secrets and token reviews, and response bodies are never recorded.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from '../../machinery/errors.js';
import { decodeBody } from '../http/body.js';
import type { RequestAttributes } from './attributes.js';
import type { AuditEvent, AuditSink } from './audit-event.js';
import { auditLevel, type AuditPolicy } from './audit-policy.js';
import type { UserInfo } from './types.js';

/** Resources whose request bodies carry secrets or tokens. */
const NEVER_RECORD_BODY = new Set(['secrets', 'tokenreviews']);

export class Auditor {
  constructor(
    private readonly policy: AuditPolicy,
    private readonly sink: AuditSink,
    private readonly maxBodyBytes: number,
  ) {}

  /** Starts the record of one request; the event is written when the response closes. */
  begin(req: IncomingMessage, res: ServerResponse): AuditRecord {
    return new AuditRecord(this.policy, this.sink, this.maxBodyBytes, req, res);
  }
}

export class AuditRecord {
  readonly id = randomUUID();
  private readonly received = new Date();
  private readonly started = process.hrtime.bigint();
  private attributes: RequestAttributes | undefined;
  private user: UserInfo | undefined;
  private decision: { allowed: boolean; reason?: string } | undefined;
  private errorReason: string | undefined;
  private body: Buffer[] | undefined;

  constructor(
    private readonly policy: AuditPolicy,
    private readonly sink: AuditSink,
    private readonly maxBodyBytes: number,
    private readonly req: IncomingMessage,
    res: ServerResponse,
  ) {
    res.setHeader('Audit-Id', this.id);
    res.once('close', () => this.complete(res));
  }

  /** What the request asks (known before authentication, so refused credentials are logged too). */
  describe(attributes: RequestAttributes): void {
    this.attributes = attributes;
  }

  identify(user: UserInfo | undefined): void {
    this.user = user;
  }

  authorized(allowed: boolean, reason?: string): void {
    this.decision = reason ? { allowed, reason } : { allowed };
  }

  failed(error: ApiError): void {
    this.errorReason = error.reason;
  }

  /**
   * Keeps a copy of the request body of creates (for the new object's name) and, when the policy records
   * bodies, of updates and patches. Chunks are taken alongside the handler that reads the body: the
   * listener is added the moment the handler adds its own, so the stream is not set flowing before the
   * handler listens.
   */
  captureBody(): void {
    const level = this.level();
    const verb = this.attributes?.verb ?? '';
    if (level === 'None' || !(verb === 'create' || (level === 'Request' && (verb === 'update' || verb === 'patch')))) return;
    const chunks: Buffer[] = [];
    this.body = chunks;
    let size = 0;
    const onNewListener = (event: string | symbol): void => {
      if (event !== 'data') return;
      this.req.off('newListener', onNewListener);
      this.req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= this.maxBodyBytes) chunks.push(chunk);
        else this.body = undefined;
      });
    };
    this.req.on('newListener', onNewListener);
  }

  private level(): AuditEvent['level'] | 'None' {
    if (!this.attributes) return 'None';
    const level = auditLevel(this.policy, this.user, this.attributes);
    return level === 'RequestResponse' ? 'Request' : level;
  }

  private complete(res: ServerResponse): void {
    const attributes = this.attributes;
    const level = this.level();
    if (!attributes || level === 'None') return;
    const stageTimestamp = new Date().toISOString();
    const latencyMs = Number(process.hrtime.bigint() - this.started) / 1e6;
    const objectRef = attributes.resourceRequest ? objectRefOf(attributes) : undefined;
    let requestObject: unknown;
    if (this.body && this.body.length > 0) {
      const decoded = decode(Buffer.concat(this.body), this.req.headers['content-type']);
      // A create names its object in the body; kube completes objectRef from it at every level.
      const name = nameOf(decoded);
      if (objectRef && !objectRef.name && name && attributes.verb === 'create' && !attributes.subresource) objectRef.name = name;
      if (level === 'Request' && !NEVER_RECORD_BODY.has(attributes.resource ?? '')) requestObject = decoded;
    }
    const responseStatus: AuditEvent['responseStatus'] = { metadata: {}, code: res.statusCode };
    if (res.statusCode >= 400) {
      responseStatus.status = 'Failure';
      if (this.errorReason) responseStatus.reason = this.errorReason;
    }
    const agent = this.req.headers['user-agent'];
    // Fields in kube's order.
    const event: AuditEvent = {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level,
      auditID: this.id,
      stage: 'ResponseComplete',
      requestURI: this.req.url ?? '/',
      verb: attributes.verb,
      user: this.user ? userOf(this.user) : {},
      sourceIPs: this.req.socket.remoteAddress ? [this.req.socket.remoteAddress] : [],
      ...(agent ? { userAgent: agent } : {}),
      ...(objectRef ? { objectRef } : {}),
      responseStatus,
      ...(requestObject !== undefined ? { requestObject } : {}),
      requestReceivedTimestamp: this.received.toISOString(),
      stageTimestamp,
      latencyMs,
    };
    if (this.decision) {
      event.annotations = { 'authorization.k8s.io/decision': this.decision.allowed ? 'allow' : 'forbid', 'authorization.k8s.io/reason': this.decision.reason ?? '' };
    }
    this.sink.write(event);
  }
}

function nameOf(object: unknown): string | undefined {
  if (typeof object !== 'object' || object === null) return undefined;
  const metadata = (object as { metadata?: { name?: unknown } }).metadata;
  return typeof metadata?.name === 'string' && metadata.name !== '' ? metadata.name : undefined;
}

function userOf(user: UserInfo): AuditEvent['user'] {
  const out: AuditEvent['user'] = { username: user.name };
  if (user.uid) out.uid = user.uid;
  out.groups = user.groups;
  return out;
}

function objectRefOf(attributes: RequestAttributes): NonNullable<AuditEvent['objectRef']> {
  const ref: NonNullable<AuditEvent['objectRef']> = { resource: attributes.resource ?? '' };
  if (attributes.namespace) ref.namespace = attributes.namespace;
  ref.name = attributes.name; // may stay undefined (left out of the JSON); set here for kube's field order
  ref.apiGroup = attributes.apiGroup ?? '';
  if (attributes.apiVersion) ref.apiVersion = attributes.apiVersion;
  if (attributes.subresource) ref.subresource = attributes.subresource;
  return ref;
}

/** The body as the handler decoded it (JSON, YAML or protobuf); undefined when it does not decode. */
function decode(body: Buffer, contentType: string | undefined): unknown {
  try {
    return decodeBody(body, contentType).value;
  } catch {
    return undefined;
  }
}
