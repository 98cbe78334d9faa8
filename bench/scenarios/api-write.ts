// api-write: ConfigMap creates over HTTP with 32 keep-alive connections from wrk, against the hub on
// durable SQLite, a minimal ceiling server doing the same durable append, and etcd 3.4 puts of the same
// bytes through its HTTP/JSON gateway. Each server is a fresh process on a fresh data directory and takes
// one warm-up round before the measured ones, all alike (its figures are reported apart: how a fresh
// process starts). The three run side by side and take the load in alternating rounds (wrk-rounds.ts),
// so a drift in the machine's speed meets all three alike.

import { atLeastRatio } from '../lib/compare.js';
import { selfSignedCert, type ServingCert } from '../lib/certs.js';
import type { Endpoint } from '../lib/endpoint.js';
import { createNamespace, freshDir, microsPer, wrkNote } from '../lib/hub-setup.js';
import { startEtcd, startHub, startNodeServer, type ProcessHandle } from '../lib/processes.js';
import type { ScenarioReport } from '../lib/report.js';
import { round } from '../lib/stats.js';
import { describeErrors, runWrk, type WrkResult, type WrkWorkload } from '../lib/wrk.js';
import { combineRounds, contender, runAlternating, WARM_UP, type Contender } from '../lib/wrk-rounds.js';
import type { Scenario, ScenarioContext, Sized } from './scenario.js';
import { join } from 'node:path';

const CREATES: Sized<number> = { full: 20_000, quick: 1_000, smoke: 200 };
const ROUNDS: Sized<number> = { full: 4, quick: 2, smoke: 2 };
const CONNECTIONS = 32;
const PAYLOAD_BYTES = 256;
const NAMESPACE = 'bench';
const PATH = `/api/v1/namespaces/${NAMESPACE}/configmaps`;

function record(report: ScenarioReport, label: string, result: WrkResult, verb = 'creates'): void {
  report.figure(`${label} ${verb}/s`, result.okPerSecond, '1/s', 0);
  report.figure(`${label} latency p50`, result.latencyMs.p50, 'ms');
  report.figure(`${label} latency p99`, result.latencyMs.p99, 'ms');
  const errors = describeErrors(result);
  if (errors) report.note(`${label}: ${errors}`);
}

/** A contender and its rounds read as one run. */
interface Taken {
  c: Contender;
  result: WrkResult;
}

export const apiWrite: Scenario = {
  name: 'api-write',
  what: `create ConfigMaps (${PAYLOAD_BYTES}-byte payload) over HTTP, ${CONNECTIONS} keep-alive connections; hub vs a minimal durable ceiling server vs etcd 3.4`,
  async run(ctx: ScenarioContext, report: ScenarioReport) {
    const total = CREATES[ctx.size];
    const duration = Math.max(30, total / 50);
    const rounds = ROUNDS[ctx.size];
    const perRound = Math.ceil(total / rounds);
    let cert: ServingCert | undefined;
    for (const transport of ctx.transports) {
      const t = transport.name;
      if (transport.tls) cert ??= selfSignedCert(ctx.workDir);
      const tlsArgs = transport.tls && cert ? ['--tls-cert', cert.certFile, '--tls-key', cert.keyFile] : [];
      const roundName = (round: number): string => (round === WARM_UP ? 'w' : `r${round}`);
      const create = (prefix: string) => (round: number): WrkWorkload => ({ kind: 'create', path: PATH, namespace: NAMESPACE, namePrefix: `${prefix}${t}${roundName(round)}`, payloadBytes: PAYLOAD_BYTES });

      ctx.log(`api-write [${t}]: hub, ceiling and etcd, ${total} creates each in ${rounds} alternating rounds`);
      const started: ProcessHandle[] = [];
      try {
        const hub = await startHub({ dataDir: freshDir(ctx.workDir, `hub-${t}`), transport, fsync: 'full' });
        started.push(hub);
        await createNamespace(hub.endpoint, NAMESPACE);
        const ceiling = await startNodeServer('ceiling', join('ceiling', 'server.js'), ['--db', join(freshDir(ctx.workDir, `ceiling-${t}`), 'ceiling.db'), ...tlsArgs]);
        started.push(ceiling);
        const etcd = await startEtcd(freshDir(ctx.workDir, `etcd-${t}`), transport.tls ? cert : undefined);
        started.push(etcd);
        const load = (endpoint: Endpoint, workload: (round: number) => WrkWorkload) => (round: number) => runWrk({ endpoint, workload: workload(round), connections: CONNECTIONS, durationSeconds: duration / rounds, totalRequests: perRound, workDir: ctx.workDir });
        const contenders = [
          contender('hub', hub, load(hub.endpoint, create('bw'))),
          contender('ceiling', ceiling, load({ url: ceiling.url }, create('bc'))),
          contender('etcd', etcd, load(etcd.endpoint, (round) => ({ kind: 'etcd-put', namespace: NAMESPACE, namePrefix: `be${t}${roundName(round)}`, payloadBytes: PAYLOAD_BYTES }))),
        ];
        await runAlternating(contenders, rounds, { warmUp: true });
        const [hubRun, ceilingRun, etcdRun] = contenders.map((c) => ({ c, result: combineRounds(c.rounds) })) as [Taken, Taken, Taken];

        report.figure(`[${t}] hub CPU during the run`, hubRun.c.cpuSeconds / hubRun.result.seconds, 'cores');
        report.figure(`[${t}] hub main-thread CPU per create`, microsPer(hubRun.c.mainThreadSeconds, hubRun.result.ok), 'µs', 0);
        report.figure(`[${t}] hub RSS after the run`, hub.rssMiB(), 'MiB', 0);
        record(report, `[${t}] hub`, hubRun.result);
        report.figure(`[${t}] ceiling main-thread CPU per create`, microsPer(ceilingRun.c.mainThreadSeconds, ceilingRun.result.ok), 'µs', 0);
        record(report, `[${t}] ceiling`, ceilingRun.result);
        record(report, `[${t}] etcd`, etcdRun.result, 'puts');
        for (const { c, result } of [hubRun, ceilingRun, etcdRun]) report.note(wrkNote(result, `[${t}] ${c.label} runs`));
        const perRoundRatios = hubRun.c.rounds.map((h, i) => `${round(h.okPerSecond / ceilingRun.c.rounds[i]!.okPerSecond, 2)} / ${round(h.okPerSecond / etcdRun.c.rounds[i]!.okPerSecond, 2)}`);
        report.note(`[${t}] hub vs ceiling / vs etcd, round by round: ${perRoundRatios.join(', ')}`);
        const [hubCold, ceilingCold, etcdCold] = [hubRun, ceilingRun, etcdRun].map(({ c }) => c.warmUp!.okPerSecond) as [number, number, number];
        report.figure(`[${t}] hub creates/s in the warm-up round`, hubCold, '1/s', 0);
        report.figure(`[${t}] ceiling creates/s in the warm-up round`, ceilingCold, '1/s', 0);
        report.figure(`[${t}] etcd puts/s in the warm-up round`, etcdCold, '1/s', 0);
        report.note(`[${t}] warm-up round (each server a fresh process, ${perRound} writes): hub vs ceiling ${round(hubCold / ceilingCold, 2)}, vs etcd ${round(hubCold / etcdCold, 2)}`);

        report.compare(atLeastRatio(`[${t}] hub vs ceiling creates/s`, hubRun.result.okPerSecond, ceilingRun.result.okPerSecond, 0.7));
        report.compare(atLeastRatio(`[${t}] hub vs etcd puts/s`, hubRun.result.okPerSecond, etcdRun.result.okPerSecond, 2));
      } finally {
        for (const p of started.reverse()) await p.stop();
      }
    }
    report.note(
      `durability: hub on SQLite WAL synchronous=FULL (--fsync full, the default) with group commit; the ceiling server (bench/ceiling/server.ts) does the same SQLite writes (one log row per create, one transaction per event-loop turn, synchronous=FULL) and answers 201 with the body; etcd 3.4 with its defaults (WAL fsynced at every commit, its own batching)`,
    );
    report.note(`etcd is driven through its HTTP/JSON gateway (POST /v3/kv/put): key /registry/configmaps/${NAMESPACE}/<name>, value the same ConfigMap JSON the hub receives, both base64 as the gateway requires`);
    report.note(`every server is a fresh process on an empty data directory; same wrk script, ${CONNECTIONS} connections, 2 wrk threads; each server first takes one warm-up round of ${perRound} writes (not in the ratios: a fresh Node process spends it compiling its hot code; reported as the warm-up figures), then ~${total} creates each, taken in ${rounds} rounds that alternate between the three servers (running side by side, idle while another takes its round; the first server of each round rotates); a server's rate is its answers over the time of its rounds, each latency percentile its worst round's`);
    report.note(
      `main-thread CPU per create is the server's JavaScript thread alone (/proc/<pid>/task/<pid>/stat), without the SQLite writer, GC and I/O threads: with ${CONNECTIONS} clients each burst of requests is handled on that thread and then waits for its group commit, so the create rate follows it`,
    );
  },
};
