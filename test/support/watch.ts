// Opens a raw watch stream and collects its newline-delimited events.

import type { ClientRequest } from 'node:http';
import { connectionFor, type Target } from './credentials.js';
import { eventually } from './wait.js';

export interface WatchEvent {
  type: string;
  object: { kind?: string; code?: number; metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> }; [k: string]: unknown };
}

export interface OpenWatch {
  events: WatchEvent[];
  status: Promise<number>;
  ended: Promise<void>;
  waitFor(predicate: (events: WatchEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
  request: ClientRequest;
}

export function openWatch(target: Target, path: string, headers: Record<string, string> = {}): OpenWatch {
  const connection = connectionFor(target);
  const events: WatchEvent[] = [];
  let resolveStatus!: (code: number) => void;
  let resolveEnded!: () => void;
  const status = new Promise<number>((r) => (resolveStatus = r));
  const ended = new Promise<void>((r) => (resolveEnded = r));
  const req = connection.request(new URL(path, connection.baseUrl), { headers: { Accept: 'application/json', ...connection.headers, ...headers } }, (res) => {
    resolveStatus(res.statusCode ?? 0);
    let buffer = '';
    res.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.trim()) events.push(JSON.parse(line) as WatchEvent);
      }
    });
    res.on('end', () => resolveEnded());
    res.on('close', () => resolveEnded());
  });
  req.on('error', () => {
    resolveStatus(0);
    resolveEnded();
  });
  req.end();
  return {
    events,
    status,
    ended,
    request: req,
    async waitFor(predicate, timeoutMs = 10_000) {
      try {
        await eventually('the watch condition', () => predicate(events), { timeoutMs, intervalMs: 10 });
      } catch {
        throw new Error(`watch condition not met; events: ${JSON.stringify(events.map((e) => `${e.type} ${e.object.metadata?.name ?? e.object.code ?? ''}`))}`);
      }
    },
    close() {
      req.destroy();
      connection.agent.destroy();
    },
  };
}
