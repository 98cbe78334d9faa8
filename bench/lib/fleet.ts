// Fleet setup for the propagation and fleet-scale scenarios: join the simulator's clusters to the hub
// (the same Secret + AttachedCluster `kurator join` writes), list them in one Fleet, wait until the
// fleet reports them Ready, and watch member clusters to see when objects arrive.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HttpClient } from '../../src/client/http.js';
import { FLEETS } from '../../src/controllers/fleet/controller.js';
import { joinCluster } from '../../src/local/join.js';
import { defaultProfile } from '../../src/sim/profile.js';
import { inParallel, pollUntil, type Endpoint } from './endpoint.js';
import { openReopeningWatch, openWatchStream, type WatchStream } from './watch-stream.js';

export const FLEET_NAME = 'bench';
export const GROUP_LABEL = 'bench.kurator.dev/group';

/** Joins member1..N (without a fleet: they are listed in one Fleet afterwards), with the simulator's placement labels plus extra ones. */
export async function joinClusters(client: HttpClient, kubeconfigDir: string, count: number, extraLabels: (index: number) => Record<string, string>, concurrency = 16): Promise<string[]> {
  const profiles = defaultProfile(count, 1).clusters;
  await inParallel(profiles, concurrency, async (profile, i) => {
    const kubeconfig = await readFile(join(kubeconfigDir, `${profile.name}.kubeconfig`), 'utf8');
    await joinCluster(client, { name: profile.name, kubeconfig, labels: { ...profile.labels, ...extraLabels(i) } });
  });
  return profiles.map((p) => p.name);
}

export async function createFleet(client: HttpClient, clusters: string[]): Promise<void> {
  await client.create(FLEETS, { apiVersion: 'fleet.kurator.dev/v1alpha1', kind: 'Fleet', metadata: { name: FLEET_NAME, namespace: 'default' }, spec: { clusters: clusters.map((name) => ({ name, kind: 'AttachedCluster' })) } });
}

/** Watches the Fleet until status.readyClusters reaches count; resolves with the time it did (ms). */
export function waitForFleetReady(endpoint: Endpoint, count: number, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let last = 0;
    const deadline = Date.now() + timeoutMs;
    const path = `/apis/fleet.kurator.dev/v1alpha1/namespaces/default/fleets?watch=1&fieldSelector=metadata.name%3D${FLEET_NAME}`;
    const stream = openReopeningWatch(
      endpoint,
      path,
      (line, t) => {
        const event = JSON.parse(line) as { object?: { metadata?: { name?: string }; status?: { readyClusters?: number } } };
        if (event.object?.metadata?.name !== FLEET_NAME) return;
        last = event.object.status?.readyClusters ?? 0;
        if (last >= count) {
          clearTimeout(timer);
          stream.close();
          resolve(t);
        }
      },
      () => last < count && Date.now() < deadline,
    );
    const timer = setTimeout(() => {
      stream.close();
      reject(new Error(`the fleet had ${last} of ${count} clusters Ready after ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
}

/** Watches one collection on each member and records when each object name first appeared there. */
export class ArrivalTracker {
  private readonly seen = new Map<string, Map<string, number>>();
  private readonly streams: WatchStream[] = [];

  constructor(
    private readonly simulator: Endpoint,
    readonly members: readonly string[],
    /** e.g. /apis/apps/v1/namespaces/default/deployments */
    private readonly collection: string,
  ) {}

  /** Opens every member's watch; resolves once all answered 200. */
  async open(): Promise<void> {
    for (const member of this.members) {
      const times = new Map<string, number>();
      this.seen.set(member, times);
      this.streams.push(
        openWatchStream(this.simulator, `/clusters/${member}${this.collection}?watch=1`, (line, t) => {
          const event = JSON.parse(line) as { type?: string; object?: { metadata?: { name?: string } } };
          const name = event.object?.metadata?.name;
          if ((event.type === 'ADDED' || event.type === 'MODIFIED') && name && !times.has(name)) times.set(name, t);
        }),
      );
    }
    const statuses = await Promise.all(this.streams.map((s) => s.status));
    const bad = statuses.filter((s) => s !== 200).length;
    if (bad) throw new Error(`${bad} member watches were refused`);
  }

  firstSeen(member: string, name: string): number | undefined {
    return this.seen.get(member)?.get(name);
  }

  /** How many (member, name) pairs have arrived. */
  arrived(names: readonly string[]): number {
    let n = 0;
    for (const times of this.seen.values()) for (const name of names) if (times.has(name)) n++;
    return n;
  }

  /** Resolves when every name is on every member, or when time runs out (check arrived()). */
  waitForAll(names: readonly string[], timeoutMs: number): Promise<void> {
    const total = names.length * this.members.length;
    return pollUntil(() => this.arrived(names) >= total, timeoutMs);
  }

  close(): void {
    for (const s of this.streams) s.close();
  }
}
