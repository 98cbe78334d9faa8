// watch: N watchers on one collection, held by a separate client process (bench/clients/watchers.ts);
// this process writes at a fixed rate (open loop) and records when each write was sent and acknowledged;
// the client process records when each watcher received each event. Latency = acknowledged → received,
// over every (watcher, event) pair; both processes read the same machine clock.

import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { FinishMessage, ReadyMessage, ResultMessage, StartMessage } from '../clients/watchers.js';
import { atMost } from '../lib/compare.js';
import { agentFor, nowMs, send, sendOk, sleep } from '../lib/endpoint.js';
import { configMap, cpuWindow, createNamespace, freshDir } from '../lib/hub-setup.js';
import { benchDist } from '../lib/paths.js';
import { startHub } from '../lib/processes.js';
import type { ScenarioReport } from '../lib/report.js';
import type { Scenario, ScenarioContext, Sized } from './scenario.js';

const WATCHERS: Sized<number> = { full: 1000, quick: 200, smoke: 5 };
const WRITES_PER_SECOND: Sized<number> = { full: 100, quick: 100, smoke: 20 };
const SECONDS: Sized<number> = { full: 10, quick: 2, smoke: 1 };
const NAMESPACE = 'bench-watch';
const PAYLOAD_BYTES = 256;

function exchange<T>(child: ReturnType<typeof fork>, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the watch client sent no ${type} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (msg: { type: string }): void => {
      if (msg.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(msg as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the watch client exited (${String(code)})`));
    });
  });
}

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
      const child = fork(join(benchDist, 'clients', 'watchers.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      try {
        await createNamespace(hub.endpoint, NAMESPACE);
        const list = await sendOk<{ metadata: { resourceVersion: string } }>(hub.endpoint, 'GET', `/api/v1/namespaces/${NAMESPACE}/configmaps?limit=1`);
        const start: StartMessage = { type: 'start', endpoint: hub.endpoint, path: `/api/v1/namespaces/${NAMESPACE}/configmaps?watch=1&resourceVersion=${list.metadata.resourceVersion}`, watchers, expected: writes, namePrefix: 'bw-' };
        const ready = exchange<ReadyMessage>(child, 'ready', 120_000);
        child.send(start);
        const opened = await ready;
        if (opened.failed) throw new Error(`${opened.failed} of ${watchers} watches were refused`);
        const rssBefore = hub.rssMiB();

        const agent = agentFor(hub.endpoint, 16);
        const sends: number[] = new Array<number>(writes).fill(0);
        const acks: (number | null)[] = new Array<number | null>(writes).fill(null);
        let failures = 0;
        const cpu = cpuWindow(hub);
        const began = nowMs();
        const inFlight: Promise<void>[] = [];
        for (let i = 0; i < writes; i++) {
          const due = began + (i * 1000) / rate;
          const wait = due - nowMs();
          if (wait > 0) await sleep(wait);
          sends[i] = nowMs();
          inFlight.push(
            send(hub.endpoint, 'POST', `/api/v1/namespaces/${NAMESPACE}/configmaps`, configMap(NAMESPACE, `bw-${i}`, PAYLOAD_BYTES), agent).then(
              (res) => {
                if (res.status === 201) acks[i] = nowMs();
                else failures++;
              },
              () => {
                failures++;
              },
            ),
          );
        }
        await Promise.all(inFlight);
        const writeSeconds = (nowMs() - began) / 1000;
        const hubCpu = cpu();
        const rssAfter = hub.rssMiB();
        agent.destroy();
        const result = exchange<ResultMessage>(child, 'result', 60_000);
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
          `[${t}] the watch client process used ${Math.round(clientShare * 100)}% of one core (it reads each event's name from the raw line, no JSON parsing)${clientShare > 0.8 ? ': close to a full core, so it may add to the latency' : ''}`,
        );
      } finally {
        child.kill();
        await hub.stop();
      }
    }
    report.note(`writes are ConfigMap creates (${PAYLOAD_BYTES}-byte payload) sent open-loop at a fixed rate on up to 16 keep-alive connections; each watcher is its own HTTP connection watching the namespace from the revision before the first write`);
    report.note('latency is write acknowledged (201 received by the writer) → event line received by the watcher, over every (watcher, event) pair; it can be negative when an event arrives before the 201; "sent → received" is the upper bound from the moment the write was sent');
  },
};
