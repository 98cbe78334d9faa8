// Messages between the request thread's handle (request-thread.ts) and the thread itself
// (request-thread-worker.ts). Each side posts arrays: whatever piled up in one turn goes in one message.

import type { Pool } from 'undici';

export interface PlainRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | null;
}

export type ToRequestThread =
  | { type: 'open'; pool: number; origin: string; options: Pool.Options }
  | { type: 'request'; id: number; pool: number; request: PlainRequest }
  | { type: 'close'; pool: number };

/** A failure as it crosses threads: undici's error code (which the transport maps) and its message. */
export interface PlainError {
  code?: string;
  message: string;
}

export type FromRequestThread = { id: number; status: number; text: string } | { id: number; error: PlainError };
