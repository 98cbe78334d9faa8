// The write ceiling: the least a durable JSON API server can do per create. A bare node:http server that
// reads the body, parses the JSON, appends it to SQLite through the hub's own SqliteLog and FsyncBatcher (WAL,
// exclusive lock, a log row plus a current-state upsert, writes arriving in the same event-loop turn
// group-committed in one transaction from a setImmediate flush, acknowledged after the shared WAL fsync)
// and answers 201 with the body.
//
//   node dist/bench/ceiling/server.js --db FILE [--tls-cert F --tls-key F]

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Command } from 'commander';
import { FsyncBatcher } from '../../src/storage/fsync-batcher.js';
import { SqliteLog } from '../../src/storage/sqlite-log.js';
import type { StoreEvent } from '../../src/storage/store.js';
import { listen } from './listen.js';

const opts = new Command()
  .requiredOption('--db <file>', 'SQLite file')
  .option('--tls-cert <file>')
  .option('--tls-key <file>')
  .parse()
  .opts<{ db: string; tlsCert?: string; tlsKey?: string }>();

// The hub's own log, commit and fsync path: the ceiling differs from the hub only above storage.
const log = new SqliteLog(opts.db, 'full');
const syncs = log.durable ? new FsyncBatcher(log.durable) : undefined;

interface Pending {
  event: StoreEvent;
  res: ServerResponse;
}

let revision = 0;
let batch: Pending[] = [];
let scheduled = false;

function flush(): void {
  scheduled = false;
  const writes = batch;
  batch = [];
  const fail = (error: unknown) => {
    for (const w of writes) reply(w.res, 500, JSON.stringify({ message: (error as Error).message }));
  };
  const answer = () => {
    for (const w of writes) reply(w.res, 201, w.event.entry.value);
  };
  try {
    log.persist(writes.map((w) => w.event));
  } catch (error) {
    return fail(error);
  }
  if (syncs) syncs.after().then(answer, fail);
  else answer();
}

function reply(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'POST') return reply(res, 405, '{"message":"POST only"}');
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    let name: unknown;
    try {
      name = (JSON.parse(text) as { metadata?: { name?: unknown } }).metadata?.name;
    } catch {
      return reply(res, 400, '{"message":"the body is not JSON"}');
    }
    if (typeof name !== 'string' || !name) return reply(res, 422, '{"message":"metadata.name is required"}');
    const key = `${(req.url ?? '/').split('?')[0]}/${name}`;
    revision++;
    // Stored as sent (the hub stores its own rendering); parsed only to check it, like the hub's decode.
    batch.push({ event: { type: 'ADDED', key, revision, entry: { key, value: text, object: { metadata: {} }, revision, createRevision: revision } }, res });
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
}

listen(handle, { certFile: opts.tlsCert, keyFile: opts.tlsKey, onClose: () => log.close() });
