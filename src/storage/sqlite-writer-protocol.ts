// Messages between the main thread (sqlite-writer.ts) and the writer thread (sqlite-writer-worker.ts).

import type { CurrentRow, LogRow } from './sqlite-log.js';

export interface WriteMessage {
  type: 'write';
  id: number;
  rows: LogRow[];
}

export type ToWriter = WriteMessage | { type: 'compact'; id: number; revision: number } | { type: 'close' };

export type ToMain =
  | { type: 'error'; message: string }
  | { type: 'revision'; revision: number }
  | { type: 'rows'; rows: CurrentRow[] }
  | { type: 'loaded' }
  | { type: 'written'; upTo: number }
  | { type: 'failed'; ids: number[]; message: string }
  | { type: 'compacted'; id: number }
  | { type: 'compact-failed'; id: number; message: string }
  | { type: 'closed' };
