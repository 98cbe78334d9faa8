// A watch over HTTP: a streamed GET whose body is newline-delimited JSON events. An ERROR event (for
// example 410 Expired) ends the watch with its Status as a ClientError; the server ending the stream
// cleanly resolves done; a connection that breaks mid-stream rejects it; stop() resolves it.

import type { IncomingMessage } from 'node:http';
import { isPlainObject, type KubeObject } from '../machinery/object.js';
import { clientErrorFromBody } from './errors.js';
import type { HttpTransport } from './http-transport.js';
import { ClientError, type WatchEvent, type WatchEventType, type WatchHandle } from './types.js';

const EVENT_TYPES = new Set<string>(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK']);

export function httpWatch(transport: HttpTransport, path: string, onEvent: (event: WatchEvent) => void, accept?: string): WatchHandle {
  let resolveDone!: () => void;
  let rejectDone!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  done.catch(() => undefined);
  let ended = false;

  const end = (error?: unknown): void => {
    if (ended) return;
    ended = true;
    req.destroy();
    if (error === undefined) resolveDone();
    else rejectDone(error);
  };

  const onLine = (line: string): void => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      end(new ClientError(0, 'InvalidResponse', `watch ${transport.describe(path)}: the server sent an event that is not JSON`));
      return;
    }
    if (!isPlainObject(parsed) || typeof parsed.type !== 'string' || !isPlainObject(parsed.object)) {
      end(new ClientError(0, 'InvalidResponse', `watch ${transport.describe(path)}: the server sent a malformed event`));
      return;
    }
    if (parsed.type === 'ERROR') {
      end(clientErrorFromBody(500, parsed.object, ''));
      return;
    }
    if (!EVENT_TYPES.has(parsed.type)) return;
    try {
      onEvent({ type: parsed.type as WatchEventType, object: parsed.object as KubeObject });
    } catch (error) {
      end(error);
    }
  };

  const onResponse = (res: IncomingMessage): void => {
    res.setEncoding('utf8');
    if (res.statusCode !== 200) {
      let text = '';
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        end(clientErrorFromBody(res.statusCode ?? 0, body, text));
      });
      return;
    }
    let buffer = '';
    res.on('data', (chunk: string) => {
      // Scan only the new bytes for line ends; a large event may arrive in many chunks.
      let from = buffer.length;
      buffer += chunk;
      let newline: number;
      let start = 0;
      while (!ended && (newline = buffer.indexOf('\n', from)) >= 0) {
        const line = buffer.slice(start, newline);
        start = newline + 1;
        from = start;
        if (line.trim()) onLine(line);
      }
      buffer = start > 0 ? buffer.slice(start) : buffer;
    });
    res.on('end', () => {
      if (buffer.trim() && !ended) onLine(buffer);
      end();
    });
    res.on('close', () => {
      if (!res.complete) end(transport.connectionError('GET', path, new Error('the watch connection closed before the server ended the stream')));
    });
  };

  const req = transport.stream(path, onResponse, accept);
  req.on('error', (error) => end(transport.connectionError('GET', path, error)));
  return { stop: () => end(), done };
}
