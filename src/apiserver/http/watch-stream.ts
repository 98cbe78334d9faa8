// Streams a watch as newline-delimited JSON: each event once serialized per watcher from the stored
// bytes, periodic BOOKMARKs when asked, a timeout, and a cut-off for clients that stop reading
// (their unsent bytes would otherwise grow without bound).

import type { ServerResponse } from 'node:http';
import { ApiError } from '../../machinery/errors.js';
import type { Watcher } from '../../storage/store.js';
import type { ServedResource } from '../registry/kind-registry.js';
import type { Rendered } from '../rest/convert.js';
import type { WatchEventType, WatchSink } from '../rest/watch.js';
import { tableBody, type IncludeObject } from './table.js';
import { PARTIAL_METADATA_KIND } from '../../machinery/partial-metadata.js';
import { partialObjectJson, type MetadataRepresentation } from './partial-metadata.js';

export interface WatchStreamOptions {
  served: ServedResource;
  table?: { include: IncludeObject };
  /** Objects as PartialObjectMetadata (Accept: ...;as=PartialObjectMetadata). */
  metadataOnly?: MetadataRepresentation;
  allowBookmarks: boolean;
  sendInitialEventsBookmark: boolean;
  timeoutMs: number;
  bookmarkIntervalMs: number;
  maxBufferedBytes: number;
  currentRevision: () => number;
  onClose: () => void;
}

export interface WatchStream {
  sink: WatchSink;
  /** Attach the store watcher once it is running. */
  attach(watcher: Watcher): void;
  fail(error: ApiError): void;
}

function watchEventLine(type: WatchEventType, objectJson: string): string {
  return `{"type":"${type}","object":${objectJson}}\n`;
}

/** The last plain event line built, and what it was built from. */
let lastPlain: { type: WatchEventType; body: string; line: string } | undefined;

/**
 * An event's line for watchers that take objects as stored: every such watcher of the object's kind is
 * sent the same line, so it is built once per event (and flattened once, on the first write) instead of
 * once per watcher.
 */
function plainEventLine(type: WatchEventType, body: string): string {
  const last = lastPlain;
  if (last !== undefined && last.body === body && last.type === type) return last.line;
  const line = watchEventLine(type, body);
  lastPlain = { type, body, line };
  return line;
}

/** The last chunk framed for the wire, and its frame. */
let lastFramed: { chunk: string; frame: Buffer } | undefined;

/**
 * A chunk of a chunked HTTP/1.1 body as it goes on the wire (size in hex, CRLF, data, CRLF). Watchers sent
 * the same chunk (one event, taken as stored) share one frame, encoded once per event.
 */
function chunkFrame(chunk: string): Buffer {
  const last = lastFramed;
  if (last !== undefined && last.chunk === chunk) return last.frame;
  const frame = Buffer.from(`${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`);
  lastFramed = { chunk, frame };
  return frame;
}

/**
 * How the stream's chunks reach the client. Once the headers are on the socket, each chunk is written to
 * the socket framed, in one write: ServerResponse.write would frame it as four writes behind a cork and a
 * tick, and encode it again for every watcher. The response still ends through `res.end()`, which sends
 * the last chunk. Where the response is not a chunked one with its headers already on the socket (a
 * pipelined request waiting its turn), chunks go through `res.write`.
 */
function chunkWriter(res: ServerResponse): { write(chunk: string): void; buffered(): number } {
  const socket = res.socket;
  if (socket && res.chunkedEncoding && res.headersSent && res.writableLength === socket.writableLength) {
    return { write: (chunk) => void socket.write(chunkFrame(chunk)), buffered: () => socket.writableLength };
  }
  return { write: (chunk) => void res.write(chunk), buffered: () => res.writableLength };
}

/** Streams with events waiting for this turn's flush, all flushed from one immediate. */
let flushes: (() => void)[] = [];

function flushAfterThisTurn(flush: () => void): void {
  if (flushes.length === 0) setImmediate(flushAll);
  flushes.push(flush);
}

function flushAll(): void {
  const due = flushes;
  flushes = [];
  // A stream that fails does not keep the others' events back; its error surfaces once they are out.
  let failure: unknown;
  for (const flush of due) {
    try {
      flush();
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure !== undefined) throw failure;
}

export function openWatchStream(res: ServerResponse, options: WatchStreamOptions): WatchStream {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  const out = chunkWriter(res);
  const { served, metadataOnly } = options;
  const bookmarkType = metadataOnly ? { kind: PARTIAL_METADATA_KIND, apiVersion: metadataOnly.apiVersion } : { kind: served.definition.kind, apiVersion: served.apiVersion };
  let watcher: Watcher | undefined;
  let closed = false;
  let headersSent = false;
  let pending: string[] = [];
  let flushScheduled = false;

  const close = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(bookmarkTimer);
    clearTimeout(timeoutTimer);
    watcher?.stop();
    options.onClose();
  };

  // Events of one turn are written together: fewer syscalls for busy watches.
  const flush = (): void => {
    flushScheduled = false;
    if (closed || pending.length === 0) return;
    const chunk = pending.length === 1 ? pending[0]! : pending.join('');
    pending = [];
    out.write(chunk);
    if (out.buffered() > options.maxBufferedBytes) {
      close();
      res.destroy();
    }
  };

  const write = (line: string): void => {
    if (closed) return;
    pending.push(line);
    if (!flushScheduled) {
      flushScheduled = true;
      flushAfterThisTurn(flush);
    }
  };

  /** The event as this watcher takes it: the object as stored, as PartialObjectMetadata, or as a Table row. */
  const eventLine = (type: WatchEventType, rendered: Rendered): string => {
    const { table } = options;
    if (metadataOnly) return watchEventLine(type, partialObjectJson(rendered.object, metadataOnly));
    if (table) {
      const body = tableBody(served, [rendered.object], { resourceVersion: rendered.object.metadata.resourceVersion ?? '' }, { include: table.include, headers: !headersSent });
      headersSent = true;
      return watchEventLine(type, body);
    }
    return plainEventLine(type, rendered.body);
  };

  const bookmark = (revision: number, initialEnd: boolean): void => {
    const metadata: Record<string, unknown> = { resourceVersion: String(revision) };
    if (initialEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    write(`{"type":"BOOKMARK","object":${JSON.stringify({ ...bookmarkType, metadata })}}\n`);
  };

  const bookmarkTimer = setInterval(() => {
    if (options.allowBookmarks) bookmark(options.currentRevision(), false);
  }, options.bookmarkIntervalMs);
  bookmarkTimer.unref();
  const timeoutTimer = setTimeout(() => {
    flush();
    close();
    res.end();
  }, options.timeoutMs);
  timeoutTimer.unref();
  res.on('close', close);

  const fail = (error: ApiError): void => {
    write(`{"type":"ERROR","object":${JSON.stringify(error.toStatus())}}\n`);
    flush();
    close();
    res.end();
  };

  const sink: WatchSink = {
    event(type: WatchEventType, rendered: Rendered) {
      write(eventLine(type, rendered));
    },
    initialEventsEnd(revision: number) {
      if (options.sendInitialEventsBookmark && options.allowBookmarks) bookmark(revision, true);
    },
    error: fail,
  };

  return {
    sink,
    attach(w) {
      if (closed) w.stop();
      else watcher = w;
    },
    fail,
  };
}
