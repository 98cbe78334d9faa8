// watch: N watchers on one collection, held by a separate client process (bench/clients/watchers.ts);
// this process writes at a fixed rate (open loop) and records when each write was sent and acknowledged;
// the client process records when each watcher received each event. Latency = acknowledged → received,
// over every (watcher, event) pair; both processes read the same machine clock.

import type { ChildProcess } from 'node:child_process';
import type { FinishMessage, ResultMessage } from '../clients/watchers.js';
import { atMost } from '../lib/compare.js';
import { agentFor, atRate, nowMs, send } from '../lib/endpoint.js';
import { configMap, cpuWindow, createNamespace, freshDir } from '../lib/hub-setup.js';
import { startHub } from '../lib/processes.js';
import { nextMessage, openWatchers } from '../lib/watch-client.js';
import type { ScenarioReport } from '../lib/report.js';
import type { Scenario, ScenarioContext, Sized } from './scenario.js';

const WATCHERS: Sized<number> = { full: 1000, quick: 200, smoke: 5 };
const WRITES_PER_SECOND: Sized<number> = { full: 100, quick: 100, smoke: 20 };
const SECONDS: Sized<number> = { full: 10, quick: 2, smoke: 1 };
const NAMESPACE = 'bench-watch';
const PAYLOAD_BYTES = 256;

export const watch: Scenario = {
  name: 'watch',
  what: 'many watchers on one kind (a separate client process), a fixed write rate; delivery latency, misses, hub memory',
  async run(ctx: ScenarioContext, report: ScenarioReport) {
    const watchers = WATCHERS[ctx.size];
    const rate = WRITES_PER_SECOND[ctx.size];
    const writes = rate * SECONDS[ctx.size];
    for (const transport of ctx.transports) {
      const t = transport.name;
      ctx.log(`watch [${t}]: ${watchers} watchers, ${rate} writes/s for ${SECONDS[ctx.size]} s`);
      const hub = await startHub({ dataDir: freshDir(ctx.workDir, `hub-${t}`), transport, fsync: 'full' });
      let child: ChildProcess | undefined;
      try {
        await createNamespace(hub.endpoint, NAMESPACE);
        child = await openWatchers(hub.endpoint, NAMESPACE, { watchers, expected: writes, namePrefix: 'bw-' });
        const rssBefore = hub.rssMiB();

        const agent = agentFor(hub.endpoint, 16);
        const sends: number[] = new Array<number>(writes).fill(0);
        const acks: (number | null)[] = new Array<number | null>(writes).fill(null);
        let failures = 0;
        const cpu = cpuWindow(hub);
        const began = nowMs();
        await atRate(writes, rate, async (i) => {
          sends[i] = nowMs();
          try {
            const res = await send(hub.endpoint, 'POST', `/api/v1/namespaces/${NAMESPACE}/configmaps`, configMap(NAMESPACE, `bw-${i}`, PAYLOAD_BYTES), agent);
            if (res.status === 201) acks[i] = nowMs();
            else failures++;
          } catch {
            failures++;
          }
        });
        const writeSeconds = (nowMs() - began) / 1000;
        const hubCpu = cpu();
        const rssAfter = hub.rssMiB();
        agent.destroy();
        const result = nextMessage<ResultMessage>(child, 'result', 60_000);
        child.send({ type: 'finish', acks, sends, graceMs: ctx.size === 'full' ? 10_000 : 3_000 } satisfies FinishMessage);
        const r = await result;

        report.figure(`[${t}] watchers`, watchers, '', 0);
        report.figure(`[${t}] writes acknowledged`, acks.filter((a) => a !== null).length, '', 0);
        report.figure(`[${t}] write rate achieved`, (writes - failures) / writeSeconds, '1/s', 1);
        report.figure(`[${t}] deliveries/s`, r.delivered / writeSeconds, '1/s', 0);
        report.figure(`[${t}] delivery latency p50`, r.latencyMs.p50, 'ms');
        report.figure(`[${t}] delivery latency p90`, r.latencyMs.p90, 'ms');
        report.figure(`[${t}] delivery latency p99`, r.latencyMs.p99, 'ms');
        report.figure(`[${t}] delivery latency max`, r.latencyMs.max, 'ms');
        report.figure(`[${t}] sent → received p99`, r.sendLatencyMs.p99, 'ms');
        report.figure(`[${t}] missed events`, r.missed, '', 0);
        report.figure(`[${t}] watches ended early`, r.endedEarly, '', 0);
        report.figure(`[${t}] hub RSS with watchers open`, rssBefore, 'MiB', 0);
        report.figure(`[${t}] hub RSS after the writes`, rssAfter, 'MiB', 0);
        report.figure(`[${t}] hub peak RSS`, hub.peakRssMiB(), 'MiB', 0);
        report.figure(`[${t}] hub CPU during the writes`, hubCpu / writeSeconds, 'cores');
        report.figure(`[${t}] watch client CPU`, r.cpuSeconds / r.wallSeconds, 'cores');
        report.compare(atMost(`[${t}] delivery latency p99`, r.latencyMs.p99, 100, 'ms'));
        report.compare(atMost(`[${t}] missed events`, r.missed + failures * watchers, 0, 'events'));
        if (failures) report.note(`[${t}] ${failures} writes failed`);
        if (r.errorEvents) report.note(`[${t}] the watchers received ${r.errorEvents} ERROR events`);
        const clientShare = r.cpuSeconds / r.wallSeconds;
        report.note(
          `[${t}] the watch client process used ${Math.round(clientShare * 100)}% of one core (raw sockets, its own chunked-body reader, each event's name read from the raw line: no HTTP client, no JSON parsing)${clientShare > 0.8 ? ': close to a full core, so it may add to the latency' : ''}`,
        );
      } finally {
        child?.kill();
        await hub.stop();
      }
    }
    report.note(`writes are ConfigMap creates (${PAYLOAD_BYTES}-byte payload) sent open-loop at a fixed rate on up to 16 keep-alive connections; each watcher is its own HTTP connection watching the namespace from the revision before the first write`);
    report.note('latency is write acknowledged (201 received by the writer) → event line received by the watcher, over every (watcher, event) pair; it can be negative when an event arrives before the 201; "sent → received" is the upper bound from the moment the write was sent');
  },
};
