// Measures what one watch delivery costs the hub's main thread when each event is written on its own:
// a hub as users run it (or over plain HTTP), N watchers on one collection held by the watch scenario's
// client process, and writes at a rate low enough that the hub never falls behind (so no two events share
// a write). The figure is the hub's main-thread CPU over a round divided by the deliveries (the writes'
// own cost included, a few per cent at 1,000 watchers), and the watch client's CPU the same way. Prints
// one JSON document; the rounds show the spread.
//
//   npm run build && node dist/bench/watch-delivery.js [--transport tls|http] [--watchers 1000] [--rate 40] [--writes 200] [--rounds 3]

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atRate, send, sleep } from './lib/endpoint.js';
import { configMap, createNamespace, freshDir } from './lib/hub-setup.js';
import { describeMachine } from './lib/machine.js';
import { optionValue } from './lib/options.js';
import { cpuSeconds, mainThreadCpuSeconds } from './lib/proc.js';
import { startHub } from './lib/processes.js';
import { openWatchers } from './lib/watch-client.js';

const transportName = optionValue('transport', 'tls');
if (transportName !== 'tls' && transportName !== 'http') throw new Error(`--transport is tls or http, not ${transportName}`);
const watchers = Number(optionValue('watchers', '1000'));
const rate = Number(optionValue('rate', '40'));
const writes = Number(optionValue('writes', '200'));
const rounds = Number(optionValue('rounds', '3'));
const NAMESPACE = 'bench-watch';

const workDir = mkdtempSync(join(tmpdir(), 'kurator-watch-delivery-'));
const hub = await startHub({ dataDir: freshDir(workDir, 'hub'), transport: { name: transportName, tls: transportName === 'tls' }, fsync: 'full' });
let client: ChildProcess | undefined;
const perDelivery: number[] = [];
const clientPerDelivery: number[] = [];
try {
  await createNamespace(hub.endpoint, NAMESPACE);
  client = await openWatchers(hub.endpoint, NAMESPACE, { watchers, expected: rounds * writes, namePrefix: 'wd-' });
  const clientPid = client.pid!;
  for (let round = 0; round < rounds; round++) {
    await sleep(500);
    const before = mainThreadCpuSeconds(hub.pid);
    const clientBefore = cpuSeconds(clientPid);
    const statuses = await atRate(writes, rate, async (i) => (await send(hub.endpoint, 'POST', `/api/v1/namespaces/${NAMESPACE}/configmaps`, configMap(NAMESPACE, `wd-${round * writes + i}`, 256))).status);
    const failed = statuses.filter((status) => status !== 201).length;
    if (failed > 0) throw new Error(`${failed} of ${writes} writes failed`);
    // Deliveries of the last writes finish within a few milliseconds below saturation.
    await sleep(500);
    const perDeliveryMicros = (seconds: number): number => Math.round((seconds * 1e8) / (writes * watchers)) / 100;
    perDelivery.push(perDeliveryMicros(mainThreadCpuSeconds(hub.pid) - before));
    clientPerDelivery.push(perDeliveryMicros(cpuSeconds(clientPid) - clientBefore));
  }
} finally {
  client?.kill();
  await hub.stop();
  rmSync(workDir, { recursive: true, force: true });
}
process.stdout.write(
  `${JSON.stringify(
    {
      scenario: 'watch-delivery',
      machine: describeMachine(),
      transport: transportName,
      watchers,
      eventsPerSecond: rate,
      writesPerRound: writes,
      notes: [
        'CPU per (watcher, event) delivery, one figure per round; below saturation each event is its own write to each watcher',
        "the watch client is the watch scenario's (one process holding every stream, all threads counted)",
      ],
      figures: { 'hub main thread per delivery': { unit: 'µs', rounds: perDelivery }, 'watch client per delivery': { unit: 'µs', rounds: clientPerDelivery } },
    },
    null,
    2,
  )}\n`,
);
process.exit(0);
