// Simulated member clusters for the fleet scenarios, in their own process: the default profile (distinct
// regions and zones), pods not simulated (no scheduler, kubelets or workload controllers), so what the
// hub sends is only stored and the hub's distribution is what is measured. Records arrivals in process
// when asked (arrivals.ts). Prints "listening at URL arrivals at URL".

import { Command } from 'commander';
import { pino } from 'pino';
import { Simulator } from '../../src/sim/host.js';
import { defaultProfile } from '../../src/sim/profile.js';
import { ArrivalRecorder, serveArrivals } from './arrivals.js';

const opts = new Command()
  .requiredOption('--data-dir <dir>', 'where DIR/clusters/<name>.kubeconfig are written')
  .option('--clusters <n>', 'how many clusters', (v) => Number(v), 100)
  .option('--nodes-per-cluster <n>', 'nodes in each cluster', (v) => Number(v), 1)
  .parse()
  .opts<{ dataDir: string; clusters: number; nodesPerCluster: number }>();

const simulator = await Simulator.start({ profile: defaultProfile(opts.clusters, opts.nodesPerCluster), log: pino({ level: 'error' }, pino.destination(2)), workloads: false });
const url = await simulator.listen(0, '127.0.0.1');
await simulator.writeKubeconfigs(opts.dataDir);
const recorder = new ArrivalRecorder(simulator.clusters.values());
const arrivals = await serveArrivals(recorder);
process.stdout.write(`listening at ${url} arrivals at ${arrivals.url}\n`);
const stop = (): void => {
  recorder.stop();
  arrivals.server.close();
  void simulator.stop().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
