// The audit log file: one JSON event per line, appended, owner-only permissions.

import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import type { AuditEvent, AuditSink } from '../apiserver/auth/audit-event.js';

export interface AuditFile extends AuditSink {
  close(): Promise<void>;
}

/** Opens the file now, so a path that cannot be written fails at start rather than at the first request. */
export function openAuditFile(path: string, onError: (error: Error) => void): AuditFile {
  let fd: number;
  try {
    fd = openSync(path, 'a', 0o600);
  } catch (error) {
    throw new Error(`cannot open the audit log ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const stream: WriteStream = createWriteStream('', { fd });
  stream.on('error', onError);
  return {
    write(event: AuditEvent) {
      stream.write(`${JSON.stringify(event)}\n`);
    },
    close() {
      return new Promise((resolve) => stream.end(() => resolve()));
    },
  };
}
