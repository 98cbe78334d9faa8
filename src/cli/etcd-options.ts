// The hub's etcd, leader election and migration flags (kube-apiserver's and kube-controller-manager's
// names), and what they turn into.

import { writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import type { Logger } from 'pino';
import type { HubOptions } from '../hub/hub.js';
import { DEFAULT_LEADER_ELECTION_TIMING, resolveLeaderElectionTiming, type LeaderElectionTiming } from '../hub/leader-election.js';
import { migrateSqliteToEtcd } from '../hub/migrate.js';
import { DEFAULT_ETCD_PREFIX } from '../storage/etcd-codec.js';
import type { EtcdTls } from '../storage/etcd-connection.js';

export interface EtcdFlags {
  etcdServers?: string;
  etcdCafile?: string;
  etcdCertfile?: string;
  etcdKeyfile?: string;
  etcdPrefix: string;
  leaderElectLeaseDuration?: number;
  leaderElectRenewDeadline?: number;
  leaderElectRetryPeriod?: number;
  migrateFrom?: string;
  force?: boolean;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration ("15s", "500ms", "1m30s") in milliseconds. */
export function parseDuration(value: string): number {
  const parts = /^(\d+(?:\.\d+)?(?:ms|s|m|h))+$/.test(value) ? value.match(/\d+(?:\.\d+)?(?:ms|s|m|h)/g) : null;
  if (!parts) throw new InvalidArgumentError('expected a duration such as 15s, 500ms or 1m30s');
  let ms = 0;
  for (const part of parts) {
    const [, amount, unit] = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(part)!;
    ms += Number(amount) * UNITS[unit!]!;
  }
  if (ms <= 0) throw new InvalidArgumentError('expected a positive duration');
  return Math.round(ms);
}

const seconds = (ms: number): string => `${ms / 1000}s`;

export function addEtcdOptions(command: Command): Command {
  return command
    .option('--etcd-servers <urls>', 'keep the data in etcd instead of SQLite: comma-separated client URLs (http://127.0.0.1:2379,...); several hubs may share one etcd')
    .option('--etcd-cafile <file>', 'CA (PEM) that signed the etcd servers\' certificates')
    .option('--etcd-certfile <file>', 'client certificate (PEM) for etcd')
    .option('--etcd-keyfile <file>', 'private key (PEM) of --etcd-certfile')
    .option('--etcd-prefix <prefix>', 'etcd key prefix of every object', DEFAULT_ETCD_PREFIX)
    .option('--leader-elect-lease-duration <duration>', `how long other hubs wait after the leader's last renewal before taking over (default ${seconds(DEFAULT_LEADER_ELECTION_TIMING.leaseDurationMs)})`, parseDuration)
    .option('--leader-elect-renew-deadline <duration>', `how long the leader keeps trying to renew before it stops its controllers (default ${seconds(DEFAULT_LEADER_ELECTION_TIMING.renewDeadlineMs)})`, parseDuration)
    .option('--leader-elect-retry-period <duration>', `time between attempts to acquire or renew the leader lease (default ${seconds(DEFAULT_LEADER_ELECTION_TIMING.retryPeriodMs)})`, parseDuration)
    .option('--migrate-from <source>', 'copy an embedded hub\'s data into --etcd-servers and exit: sqlite:DIR, DIR being that hub\'s --data-dir (stop it first)')
    .option('--force', 'with --migrate-from: replace whatever the etcd prefix already holds');
}

/** startHub options from the flags (none without --etcd-servers); exits the process with a message on bad input. */
export async function etcdHubOptions(flags: EtcdFlags): Promise<Pick<HubOptions, 'etcd' | 'leaderElection'>> {
  const election = { leaseDurationMs: flags.leaderElectLeaseDuration, renewDeadlineMs: flags.leaderElectRenewDeadline, retryPeriodMs: flags.leaderElectRetryPeriod };
  const givenElection = Object.values(election).some((v) => v !== undefined);
  if (!flags.etcdServers) {
    const stray = [flags.etcdCafile && '--etcd-cafile', flags.etcdCertfile && '--etcd-certfile', flags.etcdKeyfile && '--etcd-keyfile', givenElection && '--leader-elect-*', flags.migrateFrom && '--migrate-from'].filter(Boolean);
    if (stray.length > 0) throw new Error(`${stray.join(', ')}: only used with --etcd-servers (the etcd cluster to keep the data in)`);
    return {};
  }
  let timing: Required<LeaderElectionTiming>;
  try {
    timing = resolveLeaderElectionTiming(election);
  } catch (error) {
    throw new Error(`${(error as Error).message}; set them with --leader-elect-lease-duration, --leader-elect-renew-deadline and --leader-elect-retry-period`);
  }
  const endpoints = flags.etcdServers.split(',').map((s) => s.trim()).filter(Boolean);
  const etcd: NonNullable<HubOptions['etcd']> = { endpoints, prefix: flags.etcdPrefix };
  const tls = await readTls(flags);
  if (tls) etcd.tls = tls;
  return { etcd, leaderElection: timing };
}

async function readTls(flags: EtcdFlags): Promise<EtcdTls | undefined> {
  if (!flags.etcdCafile && !flags.etcdCertfile && !flags.etcdKeyfile) return undefined;
  if (Boolean(flags.etcdCertfile) !== Boolean(flags.etcdKeyfile)) throw new Error('--etcd-certfile and --etcd-keyfile go together');
  const read = async (flag: string, file: string | undefined): Promise<Buffer | undefined> => {
    if (!file) return undefined;
    try {
      return await readFile(file);
    } catch (error) {
      throw new Error(`cannot read ${flag} ${file}: ${(error as Error).message}`);
    }
  };
  const tls: EtcdTls = {};
  const ca = await read('--etcd-cafile', flags.etcdCafile);
  const cert = await read('--etcd-certfile', flags.etcdCertfile);
  const key = await read('--etcd-keyfile', flags.etcdKeyfile);
  if (ca) tls.ca = ca;
  if (cert) tls.cert = cert;
  if (key) tls.key = key;
  return tls;
}

/** --migrate-from sqlite:DIR: copies, prints what it did, and returns (the caller exits). */
export async function runMigration(flags: EtcdFlags, target: { dataDir: string; encryptionProviderConfig?: string }, log: Logger): Promise<void> {
  const source = flags.migrateFrom!;
  if (!source.startsWith('sqlite:') || source.length === 'sqlite:'.length) throw new Error(`--migrate-from takes sqlite:DIR, got ${JSON.stringify(source)}`);
  const { etcd } = await etcdHubOptions(flags);
  if (!etcd) throw new Error('--migrate-from needs --etcd-servers: where to copy the data to');
  const report = await migrateSqliteToEtcd({
    sqliteDir: source.slice('sqlite:'.length),
    etcd,
    dataDir: target.dataDir,
    ...(target.encryptionProviderConfig ? { encryptionProviderConfig: target.encryptionProviderConfig } : {}),
    force: flags.force ?? false,
    log,
  });
  const lines = [...report.byResource].sort(([a], [b]) => a.localeCompare(b)).map(([resource, n]) => `  ${String(n).padStart(6)}  ${resource}`);
  // Written synchronously: the caller exits right after.
  writeSync(
    1,
    `Migrated ${report.copied} objects from ${report.source} (revision ${report.sourceRevision}) to etcd ${etcd.endpoints.join(',')} under ${etcd.prefix}` +
      `${report.replaced ? `, replacing the ${report.replaced} objects it held` : ''}; etcd is now at revision ${report.etcdRevision}.\n` +
      `${lines.join('\n')}\n` +
      `Start hubs on it with: kurator hub --etcd-servers ${etcd.endpoints.join(',')} --etcd-prefix ${etcd.prefix} --data-dir ${target.dataDir}\n` +
      `Every hub on this etcd needs the encryption config the values were written with: ${report.encryptionConfig}\n`,
  );
}
