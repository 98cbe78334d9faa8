// api-read: GET by name with 32 keep-alive connections from wrk against the hub, and against a bare Node
// server answering with the very bytes and headers the hub returned (captured beforehand) over the same
// transport, the two side by side taking the load in alternating rounds (wrk-rounds.ts); then LIST of a
// 10k-object collection, many sequential LISTs timed to the last byte from this process (a separate
// process from the hub).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { selfSignedCert, type ServingCert } from '../lib/certs.js';
import { atLeastRatio, atMost } from '../lib/compare.js';
import { agentFor, nowMs, send, type Endpoint } from '../lib/endpoint.js';
import { createNamespace, freshDir, preloadConfigMaps, wrkNote } from '../lib/hub-setup.js';
import { startHub, startNodeServer, type ProcessHandle } from '../lib/processes.js';
import type { ScenarioReport } from '../lib/report.js';
import { round, summarize } from '../lib/stats.js';
import { describeErrors, runWrk, type WrkResult } from '../lib/wrk.js';
import { combineRounds, contender, runAlternating } from '../lib/wrk-rounds.js';
import type { Scenario, ScenarioContext, Sized } from './scenario.js';

const GET_OBJECTS: Sized<number> = { full: 1000, quick: 200, smoke: 20 };
const GET_SECONDS: Sized<number> = { full: 16, quick: 2, smoke: 2 };
/** The GET seconds of each server are taken in this many rounds that alternate between the two. */
const ROUNDS: Sized<number> = { full: 4, quick: 2, smoke: 2 };
const LIST_OBJECTS: Sized<number> = { full: 10_000, quick: 1_000, smoke: 100 };
const LISTS: Sized<number> = { full: 200, quick: 10, smoke: 3 };
const CONNECTIONS = 32;
const PAYLOAD_BYTES = 256;
const HEADERS_KEPT = ['content-type', 'cache-control', 'audit-id', 'x-kubernetes-pf-flowschema-uid', 'x-kubernetes-pf-prioritylevel-uid'];

/** GETs every object once and keeps the bodies and the response headers a client sees (Date and framing excluded). */
async function capture(endpoint: Endpoint, paths: string[]): Promise<{ headers: Record<string, string>; bodies: Record<string, string> }> {
  const bodies: Record<string, string> = {};
  let headers: Record<string, string> = {};
  const agent = agentFor(endpoint, 4);
  for (const path of paths) {
    const res = await send(endpoint, 'GET', path, undefined, agent);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    bodies[path] = res.body.toString('utf8');
    headers = Object.fromEntries(Object.entries(res.headers).filter(([k, v]) => HEADERS_KEPT.includes(k) && typeof v === 'string')) as Record<string, string>;
  }
  agent.destroy();
  return { headers, bodies };
}

/** Sequential full LISTs, each timed from request to last byte. */
async function timeLists(endpoint: Endpoint, path: string, count: number, expectedItems: number): Promise<{ ms: number[]; bytes: number; items: number }> {
  const agent = agentFor(endpoint, 1);
  const ms: number[] = [];
  let bytes = 0;
  let items = 0;
  for (let i = 0; i < count; i++) {
    const started = nowMs();
    const res = await send(endpoint, 'GET', path, undefined, agent);
    ms.push(nowMs() - started);
    if (res.status !== 200) throw new Error(`LIST ${path} answered ${res.status}`);
    if (i === 0) {
      items = (JSON.parse(res.body.toString('utf8')) as { items: unknown[] }).items.length;
      if (items < expectedItems) throw new Error(`LIST returned ${items} items, expected at least ${expectedItems}`);
      bytes = res.body.length;
    }
  }
  agent.destroy();
  return { ms, bytes, items };
}

function recordGet(report: ScenarioReport, label: string, result: WrkResult): void {
  report.figure(`${label} GET/s`, result.okPerSecond, '1/s', 0);
  report.figure(`${label} GET latency p50`, result.latencyMs.p50, 'ms');
  report.figure(`${label} GET latency p99`, result.latencyMs.p99, 'ms');
  const errors = describeErrors(result);
  if (errors) report.note(`${label}: ${errors}`);
}

export const apiRead: Scenario = {
  name: 'api-read',
  what: `GET by name (${CONNECTIONS} keep-alive connections) vs a bare Node server returning the same bytes; LIST of a 10k-object collection`,
  async run(ctx: ScenarioContext, report: ScenarioReport) {
    let cert: ServingCert | undefined;
    const getObjects = GET_OBJECTS[ctx.size];
    const listObjects = LIST_OBJECTS[ctx.size];
    for (const transport of ctx.transports) {
      const t = transport.name;
      if (transport.tls) cert ??= selfSignedCert(ctx.workDir);
      const paths = Array.from({ length: getObjects }, (_, i) => `/api/v1/namespaces/bench/configmaps/br-${i}`);
      const workload = { kind: 'get' as const, pathPrefix: '/api/v1/namespaces/bench/configmaps/', namePrefix: 'br', count: getObjects };

      ctx.log(`api-read [${t}]: GET, hub and bare server in ${ROUNDS[ctx.size]} alternating rounds`);
      const started: ProcessHandle[] = [];
      let hubGet: WrkResult;
      let bareGet: WrkResult;
      try {
        const hub = await startHub({ dataDir: freshDir(ctx.workDir, `hub-${t}`), transport, fsync: 'full' });
        started.push(hub);
        await createNamespace(hub.endpoint, 'bench');
        await preloadConfigMaps(hub.endpoint, 'bench', 'br', getObjects, PAYLOAD_BYTES);
        const bodiesFile = join(ctx.workDir, `bodies-${t}.json`);
        writeFileSync(bodiesFile, JSON.stringify(await capture(hub.endpoint, paths)));
        const bare = await startNodeServer('bare-read', join('ceiling', 'bare-read.js'), ['--bodies', bodiesFile, ...(transport.tls && cert ? ['--tls-cert', cert.certFile, '--tls-key', cert.keyFile] : [])]);
        started.push(bare);
        const load = (endpoint: Endpoint) => () => runWrk({ endpoint, workload, connections: CONNECTIONS, durationSeconds: GET_SECONDS[ctx.size] / ROUNDS[ctx.size], workDir: ctx.workDir });
        const hubServer = contender('hub', hub, load(hub.endpoint));
        const bareServer = contender('bare', bare, load({ url: bare.url, ...(hub.endpoint.token ? { token: hub.endpoint.token } : {}) }));
        await runAlternating([hubServer, bareServer], ROUNDS[ctx.size]);
        hubGet = combineRounds(hubServer.rounds);
        bareGet = combineRounds(bareServer.rounds);
        report.figure(`[${t}] hub CPU during GETs`, hubServer.cpuSeconds / hubGet.seconds, 'cores');
        report.note(`[${t}] hub vs bare GET/s, round by round: ${hubServer.rounds.map((h, i) => round(h.okPerSecond / bareServer.rounds[i]!.okPerSecond, 2)).join(', ')}`);

        ctx.log(`api-read [${t}]: LIST of ${listObjects}`);
        await createNamespace(hub.endpoint, 'bench-list');
        const preload = await runWrk({ endpoint: hub.endpoint, workload: { kind: 'create', path: '/api/v1/namespaces/bench-list/configmaps', namespace: 'bench-list', namePrefix: 'bl', payloadBytes: PAYLOAD_BYTES }, connections: CONNECTIONS, durationSeconds: 300, totalRequests: listObjects, workDir: ctx.workDir });
        // wrk stops each thread after its share of responses (requests still in flight then may or may not
        // have been stored); top up any shortfall so the collection has at least listObjects.
        if (preload.ok < listObjects) await preloadConfigMaps(hub.endpoint, 'bench-list', 'bl-extra', listObjects - preload.ok, PAYLOAD_BYTES);
        const lists = await timeLists(hub.endpoint, '/api/v1/namespaces/bench-list/configmaps', LISTS[ctx.size], listObjects);
        const s = summarize(lists.ms);
        report.figure(`[${t}] LIST ${listObjects} objects p50`, s.p50, 'ms');
        report.figure(`[${t}] LIST ${listObjects} objects p99`, s.p99, 'ms');
        report.figure(`[${t}] objects in the LIST`, lists.items, '', 0);
        report.figure(`[${t}] LIST response size`, lists.bytes / 1024 / 1024, 'MiB');
        report.compare(atMost(`[${t}] LIST ${listObjects} p99`, s.p99, 100, 'ms'));
        report.note(`[${t}] LIST: ${lists.ms.length} sequential full LISTs (no limit, one keep-alive connection) of ${listObjects} ConfigMaps, timed request → last byte, body not parsed while timing`);
      } finally {
        for (const p of started.reverse()) await p.stop();
      }
      recordGet(report, `[${t}] hub`, hubGet);
      report.note(wrkNote(hubGet, `[${t}] hub GET runs`));
      recordGet(report, `[${t}] bare`, bareGet);
      report.note(wrkNote(bareGet, `[${t}] bare GET runs`));
      report.compare(atLeastRatio(`[${t}] hub vs bare GET/s`, hubGet.okPerSecond, bareGet.okPerSecond, 0.6));
    }
    report.note(`GET: ${getObjects} ConfigMaps (${PAYLOAD_BYTES}-byte payload) read round-robin by name for ${GET_SECONDS[ctx.size]} s per server in ${ROUNDS[ctx.size]} rounds alternating between the two (each latency percentile the worst round's); the bare server (bench/ceiling/bare-read.ts) answers each path with the body and headers the hub returned for it; same wrk script and connections`);
  },
};
