// Listens on a free loopback port over HTTP, or HTTPS when given a certificate, and prints
// "listening at URL" for the benchmark runner; SIGTERM closes it.

import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

export interface ListenOptions {
  certFile?: string;
  keyFile?: string;
  onClose?: () => void;
}

export function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, options: ListenOptions): void {
  const tls = options.certFile && options.keyFile;
  const server = tls ? createHttpsServer({ cert: readFileSync(options.certFile!), key: readFileSync(options.keyFile!) }, handler) : createHttpServer(handler);
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    process.stdout.write(`listening at ${tls ? 'https' : 'http'}://127.0.0.1:${port}\n`);
  });
  const stop = (): void => {
    server.close();
    server.closeAllConnections();
    options.onClose?.();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
