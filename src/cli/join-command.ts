// kurator join / unjoin: register a member cluster with the hub (Secret + AttachedCluster, optionally a
// Fleet), or remove it.

import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { createHttpClient } from '../client/http.js';
import { loadKubeconfig } from '../client/kubeconfig.js';
import { joinCluster, unjoinCluster } from '../local/join.js';
import { fail } from './options.js';

function parseLabels(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of (text ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--labels takes key=value pairs separated by commas, not ${JSON.stringify(pair)}`);
    labels[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return labels;
}

async function hubClient(path: string) {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new Error(`cannot read the hub kubeconfig ${path}; start the hub (kurator up) or pass --hub-kubeconfig`);
  });
  return createHttpClient(loadKubeconfig(text, undefined, { baseDir: dirname(path) }), { fieldManager: 'kurator-join' });
}

export function registerJoin(program: Command): void {
  program
    .command('join <name>')
    .description('Register a member cluster with the hub: its kubeconfig in a Secret and an AttachedCluster')
    .requiredOption('--kubeconfig <file>', "the member cluster's kubeconfig")
    .option('--context <context>', 'the kubeconfig context to use (default: its current context)')
    .option('--labels <k=v,...>', 'placement labels of the cluster, e.g. region=eu-west-1,env=prod')
    .option('--fleet <fleet>', 'also add the cluster to this Fleet (created when missing)')
    .option('--namespace <ns>', 'namespace of the AttachedCluster and its Secret', 'default')
    .option('--hub-kubeconfig <file>', 'kubeconfig of the hub', '.kurator/kubeconfig')
    .action(async (name: string, opts: { kubeconfig: string; context?: string; labels?: string; fleet?: string; namespace: string; hubKubeconfig: string }) => {
      try {
        const kubeconfig = await readFile(opts.kubeconfig, 'utf8').catch(() => {
          throw new Error(`cannot read --kubeconfig ${opts.kubeconfig}`);
        });
        const client = await hubClient(opts.hubKubeconfig);
        const join: Parameters<typeof joinCluster>[1] = { name, namespace: opts.namespace, kubeconfig, labels: parseLabels(opts.labels) };
        if (opts.context) join.context = opts.context;
        if (opts.fleet) join.fleet = opts.fleet;
        await joinCluster(client, join);
        client.close();
        process.stdout.write(`attachedcluster.cluster.kurator.dev/${name} joined${opts.fleet ? ` (fleet ${opts.fleet})` : ''}\n`);
      } catch (error) {
        fail('join', error);
      }
    });

  program
    .command('unjoin <name>')
    .description('Remove a member cluster from the hub (and from the fleets that list it)')
    .option('--namespace <ns>', 'namespace of the AttachedCluster', 'default')
    .option('--hub-kubeconfig <file>', 'kubeconfig of the hub', '.kurator/kubeconfig')
    .action(async (name: string, opts: { namespace: string; hubKubeconfig: string }) => {
      try {
        const client = await hubClient(opts.hubKubeconfig);
        const existed = await unjoinCluster(client, { name, namespace: opts.namespace });
        client.close();
        if (!existed) fail('unjoin', new Error(`there is no AttachedCluster ${opts.namespace}/${name}`));
        process.stdout.write(`attachedcluster.cluster.kurator.dev/${name} unjoined\n`);
      } catch (error) {
        fail('unjoin', error);
      }
    });
}
