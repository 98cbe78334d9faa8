// What a REST operation needs to know about the caller and the request's options.

import { errors } from '../../machinery/errors.js';
import type { UserInfo } from '../auth/types.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: FieldValidation;
  userAgent?: string;
  /** The authenticated author of the write; absent when the server runs without authentication. */
  user?: UserInfo;
}

export interface WriteResult {
  /** The object as stored (or as it would be with dryRun), in the requested version. */
  body: string;
  object: import('../../machinery/object.js').KubeObject;
  warnings: string[];
  /** True when the write created the object (201). */
  created: boolean;
}

/** Whether a request's dryRun values ask for a dry run; "All" is the only value there is. */
export function dryRunRequested(values: readonly unknown[]): boolean {
  for (const value of values) if (value !== 'All') throw errors.badRequest(`Invalid dryRun value: ${JSON.stringify(value)}: supported values: "All"`);
  return values.length > 0;
}

export { nowTimestamp } from '../../machinery/timestamp.js';
