// kurator hub: the API server on embedded SQLite.

import type { Command } from 'commander';
import { startHub } from '../hub/hub.js';
import { fail, onSignals, portNumber, stderrLogger } from './options.js';
import { addSecurityOptions, securityOptionsFrom, type SecurityFlags } from './security-options.js';
import { addEtcdOptions, etcdHubOptions, runMigration, type EtcdFlags } from './etcd-options.js';

export function registerHub(program: Command): void {
  addEtcdOptions(addSecurityOptions(program.command('hub')))
    .description('Serve the hub: a Kubernetes-compatible API server on embedded SQLite storage')
    .requiredOption('--data-dir <dir>', 'directory for the database and the generated kubeconfig')
    .option('--port <port>', 'port to listen on (0 picks a free one)', portNumber, 6443)
    .option('--address <address>', 'address to listen on', '127.0.0.1')
    .option('--fsync <mode>', 'SQLite durability: full (every acknowledged write survives power loss) or normal', 'full')
    .option('--log-level <level>', 'trace, debug, info, warn or error', 'info')
    .option('--encryption-provider-config <file>', 'EncryptionConfiguration (kube-apiserver format) for Secrets at rest; default: one generated in --data-dir')
    .action(async (opts: SecurityFlags & EtcdFlags & { dataDir: string; port: number; address: string; fsync: string; logLevel: string; encryptionProviderConfig?: string }) => {
      if (opts.fsync !== 'full' && opts.fsync !== 'normal') fail('hub', new Error(`--fsync must be "full" or "normal", not ${JSON.stringify(opts.fsync)}`));
      try {
        if (opts.migrateFrom) {
          await runMigration(opts, { dataDir: opts.dataDir, encryptionProviderConfig: opts.encryptionProviderConfig }, stderrLogger(opts.logLevel));
          process.exit(0);
        }
        const hub = await startHub({ dataDir: opts.dataDir, port: opts.port, address: opts.address, log: stderrLogger(opts.logLevel), fsync: opts.fsync as 'full' | 'normal', encryptionProviderConfig: opts.encryptionProviderConfig, security: securityOptionsFrom(opts), ...(await etcdHubOptions(opts)) });
        process.stdout.write(`Kurator hub serving at ${hub.url}\nkubectl --kubeconfig ${hub.kubeconfigPath} get namespaces\n`);
        onSignals(() => hub.stop());
      } catch (error) {
        fail('hub', error, opts.port, opts.address);
      }
    });
}
