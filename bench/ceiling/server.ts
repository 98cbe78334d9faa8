// The write ceiling: the least a durable JSON API server can do per create. A bare node:http server that
// reads the body, parses the JSON, appends it to SQLite through the hub's own writer thread (WAL,
// exclusive lock, synchronous=FULL, one log row per write, writes arriving in the same
// event-loop turn sent as one batch from a setImmediate flush, batches queued behind a commit committed
// together) and answers 201 with the body.
//
//   node dist/bench/ceiling/server.js --db FILE [--tls-cert F --tls-key F]

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Command } from 'commander';
import type { LogRow } from '../../src/storage/sqlite-log.js';
import { SqliteWriter } from '../../src/storage/sqlite-writer.js';
import { listen } from './listen.js';

const opts = new Command()
  .requiredOption('--db <file>', 'SQLite file')
  .option('--tls-cert <file>')
  .option('--tls-key <file>')
  .parse()
  .opts<{ db: string; tlsCert?: string; tlsKey?: string }>();

// The hub's own writer thread, schema and commit path: the ceiling differs from the hub only above storage.
const { writer, rows } = SqliteWriter.open(opts.db, 'full');
for (const _row of rows); // a fresh file: nothing to load, but the writer starts serving once read

interface Pending {
  row: LogRow;
  text: string;
  res: ServerResponse;
}

let revision = 0;
let batch: Pending[] = [];
let scheduled = false;

function flush(): void {
  scheduled = false;
  const writes = batch;
  batch = [];
  writer.write(writes.map((w) => w.row)).then(
    () => {
      for (const w of writes) reply(w.res, 201, w.text);
    },
    (error: unknown) => {
      for (const w of writes) reply(w.res, 500, JSON.stringify({ message: (error as Error).message }));
    },
  );
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
    batch.push({ row: [revision, key, text, revision, null], text, res });
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
}

listen(handle, { certFile: opts.tlsCert, keyFile: opts.tlsKey, onClose: () => void writer.close() });
