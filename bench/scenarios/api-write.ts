// api-write: ConfigMap creates over HTTP with 32 keep-alive connections from wrk, against the hub on
// durable SQLite, a minimal ceiling server doing the same durable append, and etcd 3.4 puts of the same
// bytes through its HTTP/JSON gateway. Each server is a fresh process on a fresh data directory; none is
// warmed up.

import { atLeastRatio } from '../lib/compare.js';
import { selfSignedCert, type ServingCert } from '../lib/certs.js';
import { createNamespace, cpuWindow, freshDir, mainThreadCpuWindow, microsPer, wrkNote } from '../lib/hub-setup.js';
import { startEtcd, startHub, startNodeServer } from '../lib/processes.js';
import type { ScenarioReport } from '../lib/report.js';
import { describeErrors, runWrk, type WrkResult, type WrkWorkload } from '../lib/wrk.js';
import type { Scenario, ScenarioContext, Sized } from './scenario.js';
import { join } from 'node:path';

const CREATES: Sized<number> = { full: 20_000, quick: 1_000, smoke: 200 };
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

export const apiWrite: Scenario = {
  name: 'api-write',
  what: `create ConfigMaps (${PAYLOAD_BYTES}-byte payload) over HTTP, ${CONNECTIONS} keep-alive connections; hub vs a minimal durable ceiling server vs etcd 3.4`,
  async run(ctx: ScenarioContext, report: ScenarioReport) {
    const total = CREATES[ctx.size];
    const duration = Math.max(30, total / 50);
    let cert: ServingCert | undefined;
    for (const transport of ctx.transports) {
      const t = transport.name;
      if (transport.tls) cert ??= selfSignedCert(ctx.workDir);
      const tlsArgs = transport.tls && cert ? ['--tls-cert', cert.certFile, '--tls-key', cert.keyFile] : [];
      const create: WrkWorkload = { kind: 'create', path: PATH, namespace: NAMESPACE, namePrefix: `bw${t}`, payloadBytes: PAYLOAD_BYTES };

      ctx.log(`api-write [${t}]: hub, ${total} creates`);
      const hub = await startHub({ dataDir: freshDir(ctx.workDir, `hub-${t}`), transport, fsync: 'full' });
      let hubResult: WrkResult;
      try {
        await createNamespace(hub.endpoint, NAMESPACE);
        const cpu = cpuWindow(hub);
        const mainThread = mainThreadCpuWindow(hub);
        hubResult = await runWrk({ endpoint: hub.endpoint, workload: create, connections: CONNECTIONS, durationSeconds: duration, totalRequests: total, workDir: ctx.workDir });
        report.figure(`[${t}] hub CPU during the run`, cpu() / hubResult.seconds, 'cores');
        report.figure(`[${t}] hub main-thread CPU per create`, microsPer(mainThread(), hubResult.ok), 'µs', 0);
        report.figure(`[${t}] hub RSS after the run`, hub.rssMiB(), 'MiB', 0);
      } finally {
        await hub.stop();
      }
      record(report, `[${t}] hub`, hubResult);
      report.note(wrkNote(hubResult, `[${t}] hub run`));

      ctx.log(`api-write [${t}]: ceiling server`);
      const ceiling = await startNodeServer('ceiling', join('ceiling', 'server.js'), ['--db', join(freshDir(ctx.workDir, `ceiling-${t}`), 'ceiling.db'), ...tlsArgs]);
      let ceilingResult: WrkResult;
      try {
        const mainThread = mainThreadCpuWindow(ceiling);
        ceilingResult = await runWrk({ endpoint: { url: ceiling.url }, workload: create, connections: CONNECTIONS, durationSeconds: duration, totalRequests: total, workDir: ctx.workDir });
        report.figure(`[${t}] ceiling main-thread CPU per create`, microsPer(mainThread(), ceilingResult.ok), 'µs', 0);
      } finally {
        await ceiling.stop();
      }
      record(report, `[${t}] ceiling`, ceilingResult);
      report.note(wrkNote(ceilingResult, `[${t}] ceiling run`));

      ctx.log(`api-write [${t}]: etcd`);
      const etcd = await startEtcd(freshDir(ctx.workDir, `etcd-${t}`), transport.tls ? cert : undefined);
      let etcdResult: WrkResult;
      try {
        etcdResult = await runWrk({ endpoint: etcd.endpoint, workload: { kind: 'etcd-put', namespace: NAMESPACE, namePrefix: `bw${t}`, payloadBytes: PAYLOAD_BYTES }, connections: CONNECTIONS, durationSeconds: duration, totalRequests: total, workDir: ctx.workDir });
      } finally {
        await etcd.stop();
      }
      record(report, `[${t}] etcd`, etcdResult, 'puts');
      report.note(wrkNote(etcdResult, `[${t}] etcd run`));

      report.compare(atLeastRatio(`[${t}] hub vs ceiling creates/s`, hubResult.okPerSecond, ceilingResult.okPerSecond, 0.7));
      report.compare(atLeastRatio(`[${t}] hub vs etcd puts/s`, hubResult.okPerSecond, etcdResult.okPerSecond, 2));
    }
    report.note(
      `durability: hub on SQLite WAL synchronous=FULL (--fsync full, the default) with group commit; the ceiling server (bench/ceiling/server.ts) does the same SQLite writes (log row + current upsert, one transaction per event-loop turn, synchronous=FULL) and answers 201 with the body; etcd 3.4 with its defaults (WAL fsynced at every commit, its own batching)`,
    );
    report.note(`etcd is driven through its HTTP/JSON gateway (POST /v3/kv/put): key /registry/configmaps/${NAMESPACE}/<name>, value the same ConfigMap JSON the hub receives, both base64 as the gateway requires`);
    report.note(`every server is a fresh process on an empty data directory, not warmed up; same wrk script, ${CONNECTIONS} connections, 2 wrk threads, ~${total} creates each`);
    report.note(
      `main-thread CPU per create is the server's JavaScript thread alone (/proc/<pid>/task/<pid>/stat), without the SQLite writer, GC and I/O threads: with ${CONNECTIONS} clients each burst of requests is handled on that thread and then waits for its group commit, so the create rate follows it`,
    );
  },
};
