// The write ceiling: the least a durable JSON API server can do per create. A bare node:http server that
// reads the body, parses the JSON, appends it to SQLite exactly as the hub's store does (WAL, exclusive
// lock, synchronous=FULL, a log row plus a current-state upsert, writes arriving in the same event-loop
// turn group-committed in one transaction from a setImmediate flush) and answers 201 with the body.
//
//   node dist/bench/ceiling/server.js --db FILE [--tls-cert F --tls-key F]

import type { IncomingMessage, ServerResponse } from 'node:http';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { listen } from './listen.js';

const opts = new Command()
  .requiredOption('--db <file>', 'SQLite file')
  .option('--tls-cert <file>')
  .option('--tls-key <file>')
  .parse()
  .opts<{ db: string; tlsCert?: string; tlsKey?: string }>();

const db = new Database(opts.db);
db.pragma('locking_mode = EXCLUSIVE');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('cache_size = -32768');
db.exec(`
CREATE TABLE IF NOT EXISTS log (revision INTEGER PRIMARY KEY, key TEXT NOT NULL, value TEXT, create_revision INTEGER, prev_revision INTEGER);
CREATE TABLE IF NOT EXISTS current (key TEXT PRIMARY KEY, revision INTEGER NOT NULL, create_revision INTEGER NOT NULL, value TEXT NOT NULL);
`);
const insertLog = db.prepare<[number, string, string, number, null]>('INSERT INTO log (revision, key, value, create_revision, prev_revision) VALUES (?, ?, ?, ?, ?)');
const upsertCurrent = db.prepare<[string, number, number, string]>(
  'INSERT INTO current (key, revision, create_revision, value) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET revision = excluded.revision, create_revision = excluded.create_revision, value = excluded.value',
);

interface Pending {
  key: string;
  text: string;
  revision: number;
  res: ServerResponse;
}

let revision = 0;
let batch: Pending[] = [];
let scheduled = false;
const writeBatch = db.transaction((writes: Pending[]) => {
  for (const w of writes) {
    insertLog.run(w.revision, w.key, w.text, w.revision, null);
    upsertCurrent.run(w.key, w.revision, w.revision, w.text);
  }
});

function flush(): void {
  scheduled = false;
  const writes = batch;
  batch = [];
  try {
    writeBatch(writes);
  } catch (error) {
    for (const w of writes) reply(w.res, 500, JSON.stringify({ message: (error as Error).message }));
    return;
  }
  for (const w of writes) reply(w.res, 201, w.text);
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
    batch.push({ key: `${(req.url ?? '/').split('?')[0]}/${name}`, text, revision: ++revision, res });
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
}

listen(handle, { certFile: opts.tlsCert, keyFile: opts.tlsKey, onClose: () => db.close() });
