// The watch scenario's client process: opens N watch streams on one collection and records, for every
// watcher, when each object named <prefix><index> first arrived. The runner (a different process, same
// machine clock) tells it when each write was sent and acknowledged; it answers with the delivery
// latencies and the misses. Driven over the IPC channel of child_process.fork:
//   → {type:'start', ...}   ← {type:'ready'}   → {type:'finish', ...}   ← {type:'result', ...}

import { nowMs, type Endpoint } from '../lib/endpoint.js';
import { summarize, type Summary } from '../lib/stats.js';
import { openWatchStream, type WatchStream } from '../lib/watch-stream.js';

export interface StartMessage {
  type: 'start';
  endpoint: Endpoint;
  /** The watch path, e.g. /api/v1/namespaces/x/configmaps?watch=1&resourceVersion=N */
  path: string;
  watchers: number;
  /** Objects that will be written, named namePrefix + 0..expected-1. */
  expected: number;
  namePrefix: string;
}

export interface FinishMessage {
  type: 'finish';
  /** Per write index: when the write was acknowledged (ms), null when it failed. */
  acks: (number | null)[];
  /** Per write index: when the write was sent. */
  sends: number[];
  /** How long to wait for outstanding events. */
  graceMs: number;
}

export interface ReadyMessage {
  type: 'ready';
  opened: number;
  failed: number;
}

export interface ResultMessage {
  type: 'result';
  /** Acknowledged write → event received, over every (watcher, write) pair delivered. */
  latencyMs: Summary;
  /** Write sent → event received (an upper bound that includes the write itself). */
  sendLatencyMs: Summary;
  delivered: number;
  /** (watcher, acknowledged write) pairs never delivered. */
  missed: number;
  /** Streams that ended before the finish (cut off by the server). */
  endedEarly: number;
  errorEvents: number;
  /** CPU seconds this process used between ready and finish, and the wall time of that window. */
  cpuSeconds: number;
  wallSeconds: number;
}

const streams: WatchStream[] = [];
let received: Float64Array[] = [];
let endedEarly = 0;
let errorEvents = 0;
let finishing = false;
let cpuAtReady = process.cpuUsage();
let wallAtReady = nowMs();

function send(message: ReadyMessage | ResultMessage): void {
  process.send!(message);
}

async function start(msg: StartMessage): Promise<void> {
  const marker = `"name":"${msg.namePrefix}`;
  received = Array.from({ length: msg.watchers }, () => new Float64Array(msg.expected).fill(Number.NaN));
  let failed = 0;
  for (let w = 0; w < msg.watchers; w++) {
    const times = received[w]!;
    const stream = openWatchStream(msg.endpoint, msg.path, (line, t) => {
      const at = line.indexOf(marker);
      if (at < 0) {
        if (line.startsWith('{"type":"ERROR"')) errorEvents++;
        return;
      }
      const index = parseInt(line.slice(at + marker.length, at + marker.length + 12), 10);
      if (index >= 0 && index < times.length && Number.isNaN(times[index]!)) times[index] = t;
    });
    void stream.ended.then(() => {
      if (!finishing) endedEarly++;
    });
    streams.push(stream);
    // Open in small batches so the server is not hit with every handshake at once.
    if (w % 50 === 49) await new Promise((r) => setTimeout(r, 5));
  }
  const statuses = await Promise.all(streams.map((s) => s.status));
  failed = statuses.filter((s) => s !== 200).length;
  cpuAtReady = process.cpuUsage();
  wallAtReady = nowMs();
  send({ type: 'ready', opened: statuses.length - failed, failed });
}

async function finish(msg: FinishMessage): Promise<void> {
  const cpu = process.cpuUsage(cpuAtReady);
  const wallSeconds = (nowMs() - wallAtReady) / 1000;
  const acked = msg.acks.flatMap((a, i) => (a === null ? [] : [i]));
  const complete = (): boolean => received.every((times) => acked.every((i) => !Number.isNaN(times[i]!)));
  const deadline = Date.now() + msg.graceMs;
  while (!complete() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  finishing = true;
  const latencies: number[] = [];
  const sendLatencies: number[] = [];
  let missed = 0;
  for (const times of received) {
    for (const i of acked) {
      const t = times[i]!;
      if (Number.isNaN(t)) missed++;
      else {
        latencies.push(t - msg.acks[i]!);
        sendLatencies.push(t - msg.sends[i]!);
      }
    }
  }
  for (const s of streams) s.close();
  send({
    type: 'result',
    latencyMs: summarize(latencies),
    sendLatencyMs: summarize(sendLatencies),
    delivered: latencies.length,
    missed,
    endedEarly,
    errorEvents,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    wallSeconds,
  });
}

process.on('message', (msg: StartMessage | FinishMessage) => {
  const run = msg.type === 'start' ? start(msg) : finish(msg);
  run.catch((error: unknown) => {
    process.stderr.write(`watchers: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));
