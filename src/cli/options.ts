// Option parsers shared by the commands.

import { writeSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { pino, type Logger } from 'pino';

export function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number between 0 and 65535');
  return port;
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

export function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

export function stderrLogger(level: string): Logger {
  return pino({ level }, pino.destination(2));
}

/** Ends the process with a message that names the problem (and the fix, where known). */
export function fail(command: string, error: unknown, port?: number, address?: string): never {
  const err = error as NodeJS.ErrnoException;
  const message = err.code === 'EADDRINUSE' && port !== undefined ? `port ${port} on ${address ?? '127.0.0.1'} is in use; choose another with --port (0 picks a free one)` : err.message;
  // Written synchronously: process.exit would drop a pending write to a pipe.
  writeSync(2, `kurator ${command}: ${message}\n`);
  process.exit(1);
}

export function onSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (): void => {
    if (stopping) return;
    stopping = true;
    void stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Repeats are taken as one: a Ctrl-C reaches a relaunched hub from the terminal and from its parent.
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
