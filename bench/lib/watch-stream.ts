// A raw Kubernetes watch stream (newline-delimited JSON) over node:http(s): each complete line is handed
// over with the time its last chunk arrived. No JSON parsing here, so a client can hold many streams
// and look only at what it needs.

import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { authHeaders, nowMs, type Agent, type Endpoint } from './endpoint.js';

export interface WatchStream {
  /** The response status (0 when the connection failed). */
  status: Promise<number>;
  /** Resolves when the stream ends, from either side. */
  ended: Promise<void>;
  close(): void;
}

/** `accept` replaces application/json (e.g. to ask for PartialObjectMetadata). */
export function openWatchStream(endpoint: Endpoint, path: string, onLine: (line: string, receivedMs: number) => void, agent?: Agent, accept = 'application/json'): WatchStream {
  const url = new URL(path, endpoint.url);
  const tls = url.protocol === 'https:';
  let resolveStatus!: (s: number) => void;
  let resolveEnded!: () => void;
  const status = new Promise<number>((r) => (resolveStatus = r));
  const ended = new Promise<void>((r) => (resolveEnded = r));
  const options = {
    headers: { Accept: accept, ...authHeaders(endpoint) },
    ...(agent ? { agent } : { agent: false as const }),
    ...(tls && !agent ? (endpoint.ca ? { ca: endpoint.ca } : { rejectUnauthorized: false }) : {}),
  };
  const req: ClientRequest = (tls ? httpsRequest : httpRequest)(url, options, (res) => {
    resolveStatus(res.statusCode ?? 0);
    let pending = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      const t = nowMs();
      let text = pending + chunk;
      let nl: number;
      while ((nl = text.indexOf('\n')) >= 0) {
        const line = text.slice(0, nl);
        text = text.slice(nl + 1);
        if (line) onLine(line, t);
      }
      pending = text;
    });
    res.on('end', resolveEnded);
    res.on('close', resolveEnded);
    res.on('error', resolveEnded);
  });
  req.on('error', () => {
    resolveStatus(0);
    resolveEnded();
  });
  req.end();
  return { status, ended, close: () => req.destroy() };
}

/**
 * A watch reopened 100 ms after the server ends it, for as long as `wanted()` holds (it starts again with
 * the objects as they are). `status` is the first opening's; close() ends it for good.
 */
export function openReopeningWatch(endpoint: Endpoint, path: string, onLine: (line: string, receivedMs: number) => void, wanted: () => boolean): WatchStream {
  let closed = false;
  let current = openWatchStream(endpoint, path, onLine);
  let resolveEnded!: () => void;
  const ended = new Promise<void>((r) => (resolveEnded = r));
  const reopenWhenEnded = (stream: WatchStream): void => {
    void stream.ended.then(() => {
      if (closed || !wanted()) return resolveEnded();
      setTimeout(() => {
        if (closed) return resolveEnded();
        current = openWatchStream(endpoint, path, onLine);
        reopenWhenEnded(current);
      }, 100);
    });
  };
  reopenWhenEnded(current);
  return {
    status: current.status,
    ended,
    close: () => {
      closed = true;
      current.close();
    },
  };
}
