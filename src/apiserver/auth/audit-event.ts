// The audit.k8s.io/v1 Event the audit log writes, one JSON object per line.

import type { AuditLevel } from './audit-policy.js';

export interface AuditObjectRef {
  resource?: string;
  namespace?: string;
  name?: string;
  apiGroup?: string;
  apiVersion?: string;
  subresource?: string;
}

export interface AuditEvent {
  kind: 'Event';
  apiVersion: 'audit.k8s.io/v1';
  level: Exclude<AuditLevel, 'None'>;
  auditID: string;
  stage: 'ResponseComplete';
  requestURI: string;
  verb: string;
  user: { username?: string; uid?: string; groups?: string[] };
  sourceIPs: string[];
  userAgent?: string;
  objectRef?: AuditObjectRef;
  responseStatus: { metadata: Record<string, never>; code: number; status?: 'Failure'; reason?: string };
  requestObject?: unknown;
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  /** Milliseconds from receiving the request to completing the response (not in kube's Event). */
  latencyMs: number;
  annotations?: Record<string, string>;
}

/** Where events go (the audit log file; a list in tests). */
export interface AuditSink {
  write(event: AuditEvent): void;
}
