// Measures the simulator at fleet scale: N clusters × M nodes in one process — start time, memory
// after start and after a steady period (heartbeats and traffic running). Prints one JSON document.
//
//   npm run build && node --expose-gc dist/bench/sim-scale.js [--clusters 1000] [--nodes 5] [--steady-seconds 30]

import { pino } from 'pino';
import { Simulator } from '../src/sim/host.js';
import { defaultProfile } from '../src/sim/profile.js';
import { describeMachine } from './lib/machine.js';
import { optionValue } from './lib/options.js';


function memoryMiB(): { rss: number; heapUsed: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: Math.round(m.rss / 1048576), heapUsed: Math.round(m.heapUsed / 1048576) };
}

const clusters = Number(optionValue('clusters', '1000'));
const nodes = Number(optionValue('nodes', '5'));
const steadySeconds = Number(optionValue('steady-seconds', '30'));

const started = Date.now();
const simulator = await Simulator.start({ profile: defaultProfile(clusters, nodes), log: pino({ level: 'error' }) });
const url = await simulator.listen(0, '127.0.0.1');
const startMs = Date.now() - started;
const afterStart = memoryMiB();
const probe = await fetch(`${url}/clusters/member${clusters}/api/v1/nodes`).then((r) => r.json() as Promise<{ items: unknown[] }>);
await new Promise((resolve) => setTimeout(resolve, steadySeconds * 1000));
const afterSteady = memoryMiB();
await simulator.stop();

console.log(
  JSON.stringify(
    {
      scenario: 'sim-scale',
      clusters,
      nodesPerCluster: nodes,
      nodesServedByLastCluster: probe.items.length,
      startMs,
      afterStart: { rssMiB: afterStart.rss, heapUsedMiB: afterStart.heapUsed },
      afterSteady: { seconds: steadySeconds, rssMiB: afterSteady.rss, heapUsedMiB: afterSteady.heapUsed },
      target: { rssMiB: 2048 },
      machine: describeMachine(),
    },
    null,
    2,
  ),
);
process.exit(0);
