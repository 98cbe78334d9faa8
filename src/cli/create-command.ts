// kurator create user: a client certificate and kubeconfig for a hub user.

import type { Command } from 'commander';
import { createUserKubeconfig } from '../hub/user-kubeconfig.js';
import { fail, positiveInteger } from './options.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerCreate(program: Command): void {
  const create = program.command('create').description('Create credentials for the hub');
  create
    .command('user <name>')
    .description('Issue a client certificate signed by the hub CA (CN = name, O = each group) and write a kubeconfig for it')
    .option('--group <group>', 'a group the user belongs to (repeatable)', collect, [])
    .option('--data-dir <dir>', 'the data directory of the hub (holds its CA and kubeconfig)', '.kurator')
    .option('--out <file>', 'where to write the kubeconfig (default: <data-dir>/users/<name>.kubeconfig)')
    .option('--days <n>', 'how many days the certificate is valid', positiveInteger, 365)
    .option('--server <url>', "the hub URL (default: the one in the hub's kubeconfig)")
    .action(async (name: string, opts: { group: string[]; dataDir: string; out?: string; days: number; server?: string }) => {
      try {
        const path = await createUserKubeconfig({ dataDir: opts.dataDir, name, groups: opts.group, validDays: opts.days, ...(opts.out ? { out: opts.out } : {}), ...(opts.server ? { server: opts.server } : {}) });
        const groups = opts.group.length > 0 ? ` in groups ${opts.group.join(', ')}` : '';
        process.stdout.write(`user ${name}${groups}: kubeconfig written to ${path}\nkubectl --kubeconfig ${path} auth whoami\n`);
      } catch (error) {
        fail('create user', error);
      }
    });
}
