// The read ceiling: a bare node:http server answering GET with bytes captured from the hub beforehand
// (the same bodies and the same response headers), so only the server's own work differs.
//
//   node dist/bench/ceiling/bare-read.js --bodies FILE [--tls-cert F --tls-key F]
// FILE: {"headers": {name: value}, "bodies": {path: body}}

import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Command } from 'commander';
import { listen } from './listen.js';

const opts = new Command()
  .requiredOption('--bodies <file>', 'captured responses')
  .option('--tls-cert <file>')
  .option('--tls-key <file>')
  .parse()
  .opts<{ bodies: string; tlsCert?: string; tlsKey?: string }>();

const captured = JSON.parse(readFileSync(opts.bodies, 'utf8')) as { headers: Record<string, string>; bodies: Record<string, string> };
const bodies = new Map(Object.entries(captured.bodies).map(([path, text]) => [path, Buffer.from(text, 'utf8')]));
const notFound = Buffer.from('{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}');

function handle(req: IncomingMessage, res: ServerResponse): void {
  const body = req.method === 'GET' ? bodies.get((req.url ?? '/').split('?')[0]!) : undefined;
  const bytes = body ?? notFound;
  res.writeHead(body ? 200 : 404, { ...captured.headers, 'Content-Length': String(bytes.length) });
  res.end(bytes);
}

listen(handle, { certFile: opts.tlsCert, keyFile: opts.tlsKey });
