// The kurator command line.

import { Command, InvalidArgumentError } from 'commander';
import { pino } from 'pino';
import { startHub } from '../hub/hub.js';

function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number between 0 and 65535');
  return port;
}

const program = new Command();
program.name('kurator').description('Run many Kubernetes clusters as one fleet.').showHelpAfterError();

program
  .command('hub')
  .description('Serve the hub: a Kubernetes-compatible API server on embedded SQLite storage')
  .requiredOption('--data-dir <dir>', 'directory for the database and the generated kubeconfig')
  .option('--port <port>', 'port to listen on (0 picks a free one)', portNumber, 6443)
  .option('--address <address>', 'address to listen on', '127.0.0.1')
  .option('--fsync <mode>', 'SQLite durability: full (every acknowledged write survives power loss) or normal', 'full')
  .option('--log-level <level>', 'trace, debug, info, warn or error', 'info')
  .action(async (opts: { dataDir: string; port: number; address: string; fsync: string; logLevel: string }) => {
    const log = pino({ level: opts.logLevel }, pino.destination(2));
    if (opts.fsync !== 'full' && opts.fsync !== 'normal') {
      console.error(`kurator hub: --fsync must be "full" or "normal", not ${JSON.stringify(opts.fsync)}`);
      process.exit(2);
    }
    try {
      const hub = await startHub({ dataDir: opts.dataDir, port: opts.port, address: opts.address, log, fsync: opts.fsync });
      process.stdout.write(`Kurator hub serving at ${hub.url}\nkubectl --kubeconfig ${hub.kubeconfigPath} get namespaces\n`);
      const shutdown = (): void => {
        void hub.stop().then(() => process.exit(0));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    } catch (error) {
      const err = error as NodeJS.ErrnoException;
      if (err.code === 'EADDRINUSE') console.error(`kurator hub: port ${opts.port} on ${opts.address} is in use; choose another with --port (0 picks a free one)`);
      else console.error(`kurator hub: ${err.message}`);
      process.exit(1);
    }
  });

await program.parseAsync(process.argv);
