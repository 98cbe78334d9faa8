// What a REST operation needs to know about the caller and the request's options.

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

export { nowTimestamp } from '../../machinery/timestamp.js';
