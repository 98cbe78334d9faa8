// A raw Kubernetes watch stream (newline-delimited JSON): each complete line is handed over with the time
// its bytes arrived. No JSON parsing, and no HTTP client either: the request is written on a plain TCP or
// TLS socket and the response read from the socket's own buffer (`onread`) by a small chunked-body reader,
// so that one client process can hold a thousand streams taking 100,000 events a second without being
// what bounds them (node:http's client, its parser and its streams, cost the watch scenario's client
// most of a core).

import { connect as tcpConnect, type Socket, type TcpSocketConnectOpts } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { ChunkedLineReader } from './chunked-lines.js';
import { authHeaders, nowMs, type Endpoint } from './endpoint.js';

export interface WatchStream {
  /** The response status (0 when the connection failed). */
  status: Promise<number>;
  /** Resolves when the stream ends, from either side. */
  ended: Promise<void>;
  close(): void;
}

/**
 * Every stream's socket reads into this one buffer: each read is turned into text before its callback
 * returns, so no stream needs its own (a thousand streams would otherwise hold 64 MiB).
 */
const readBuffer = Buffer.allocUnsafe(64 * 1024);

function requestText(url: URL, endpoint: Endpoint, accept: string): string {
  const headers = { Host: url.host, Accept: accept, ...authHeaders(endpoint) };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `GET ${url.pathname}${url.search} HTTP/1.1\r\n${lines.join('')}\r\n`;
}

/** `accept` replaces application/json (e.g. to ask for PartialObjectMetadata). */
export function openWatchStream(endpoint: Endpoint, path: string, onLine: (line: string, receivedMs: number) => void, accept = 'application/json'): WatchStream {
  const url = new URL(path, endpoint.url);
  const tls = url.protocol === 'https:';
  let resolveStatus!: (s: number) => void;
  let resolveEnded!: () => void;
  const status = new Promise<number>((r) => (resolveStatus = r));
  const ended = new Promise<void>((r) => (resolveEnded = r));
  let receivedAt = 0;
  let socket: Socket | undefined;
  const reader = new ChunkedLineReader({
    onStatus: resolveStatus,
    onLine: (line) => onLine(line, receivedAt),
    onEnd: () => socket?.destroy(),
  });
  const onread = {
    buffer: readBuffer,
    callback: (bytes: number, buffer: Buffer): boolean => {
      receivedAt = nowMs();
      try {
        reader.feed(buffer.toString('latin1', 0, bytes));
      } catch {
        socket?.destroy();
      }
      return true;
    },
  };
  const port = Number(url.port || (tls ? 443 : 80));
  const host = url.hostname;
  if (tls) {
    // Node's TLS sockets take `onread` like TCP ones; its types list it for TCP only.
    const options: ConnectionOptions & Pick<TcpSocketConnectOpts, 'onread'> = { host, port, ALPNProtocols: ['http/1.1'], onread, ...(endpoint.ca ? { ca: endpoint.ca } : { rejectUnauthorized: false }) };
    socket = tlsConnect(options);
  } else {
    socket = tcpConnect({ host, port, onread });
  }
  socket.once(tls ? 'secureConnect' : 'connect', () => socket!.write(requestText(url, endpoint, accept)));
  const stop = (): void => {
    resolveStatus(0);
    resolveEnded();
  };
  socket.on('error', stop);
  socket.on('close', stop);
  return { status, ended, close: () => socket!.destroy() };
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
