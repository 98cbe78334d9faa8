// restart: a hub holding many stored objects (written over HTTP, durable) is stopped and started again
// on the same data directory; timed from spawning the new process to /readyz answering 200.

import { atMost } from '../lib/compare.js';
import { nowMs, sendOk } from '../lib/endpoint.js';
import { createNamespace, freshDir } from '../lib/hub-setup.js';
import { startHub } from '../lib/processes.js';
import type { ScenarioReport } from '../lib/report.js';
import { runWrk } from '../lib/wrk.js';
import type { Scenario, ScenarioContext, Sized } from './scenario.js';

const OBJECTS: Sized<number> = { full: 100_000, quick: 5_000, smoke: 200 };
const PAYLOAD_BYTES = 256;

export const restart: Scenario = {
  name: 'restart',
  what: 'a hub with many stored objects restarted: process start → /readyz 200',
  async run(ctx: ScenarioContext, report: ScenarioReport) {
    const objects = OBJECTS[ctx.size];
    const transport = ctx.transports[0]!;
    const dataDir = freshDir(ctx.workDir, 'hub');
    ctx.log(`restart [${transport.name}]: storing ${objects} ConfigMaps`);
    const first = await startHub({ dataDir, transport, fsync: 'full' });
    let stored: number;
    try {
      await createNamespace(first.endpoint, 'bench');
      const fill = await runWrk({
        endpoint: first.endpoint,
        workload: { kind: 'create', path: '/api/v1/namespaces/bench/configmaps', namespace: 'bench', namePrefix: 'rs', payloadBytes: PAYLOAD_BYTES },
        connections: 32,
        durationSeconds: 600,
        totalRequests: objects,
        workDir: ctx.workDir,
      });
      // Requests still in flight when wrk stopped may be stored too: count once the number holds still.
      const count = async (): Promise<number> => (await sendOk<{ items: unknown[] }>(first.endpoint, 'GET', '/api/v1/namespaces/bench/configmaps')).items.length;
      stored = await count();
      for (let previous = -1; previous !== stored; ) {
        previous = stored;
        await new Promise((resolve) => setTimeout(resolve, 300));
        stored = await count();
      }
      if (stored < fill.ok) throw new Error(`wrk had ${fill.ok} creates acknowledged but the hub lists ${stored}`);
      report.figure('objects stored', stored, '', 0);
      report.figure('hub RSS before the restart', first.rssMiB(), 'MiB', 0);
    } finally {
      await first.stop();
    }

    ctx.log(`restart [${transport.name}]: restarting`);
    const began = nowMs();
    const second = await startHub({ dataDir, transport, fsync: 'full' });
    try {
      const seconds = (nowMs() - began) / 1000;
      report.figure('restart → /readyz 200', seconds, 's', 3);
      report.figure('hub RSS after the restart', second.rssMiB(), 'MiB', 0);
      const list = await sendOk<{ items: unknown[] }>(second.endpoint, 'GET', '/api/v1/namespaces/bench/configmaps');
      report.figure('objects served after the restart', list.items.length, '', 0);
      // Never fewer; one more is a create acknowledged as the first hub stopped.
      if (list.items.length < stored) throw new Error(`${stored} objects were stored but ${list.items.length} are served after the restart`);
      report.compare(atMost('restart to serving', seconds, 5, 's'));
    } finally {
      await second.stop();
    }
    report.note(`[${transport.name}] ${objects} ConfigMaps (${PAYLOAD_BYTES}-byte payload) created over HTTP with wrk into a hub on SQLite (fsync full), the hub stopped with SIGTERM, then timed from spawning \`kurator hub\` on the same data directory (Node start-up included) to /readyz answering 200, polled every 20 ms`);
  },
};
