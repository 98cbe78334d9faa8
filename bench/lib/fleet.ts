// Fleet setup for the propagation and fleet-scale scenarios: join the simulator's clusters to the hub
// (the same Secret + AttachedCluster `kurator join` writes), list them in one Fleet, wait until the
// fleet reports them Ready, and read when objects arrived on the members.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HttpClient } from '../../src/client/http.js';
import { FLEETS } from '../../src/controllers/fleet/controller.js';
import { joinCluster } from '../../src/local/join.js';
import { defaultProfile } from '../../src/sim/profile.js';
import { inParallel, pollUntil, type Endpoint } from './endpoint.js';
import type { ArrivalRecord, TrackRequest } from '../clients/arrivals.js';
import { openReopeningWatch } from './watch-stream.js';

/** How often arrival records are read from the simulator while a tracker is open. */
const FETCH_INTERVAL_MS = 200;

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

/**
 * When each object name first appeared on each member: read from the simulator's in-process recorder
 * (bench/clients/arrivals.ts), fetched in the background while open.
 */
export class ArrivalTracker {
  private readonly seen = new Map<string, Map<string, number>>();
  private cursor = 0;
  private timer: NodeJS.Timeout | undefined;
  private fetching: Promise<void> | undefined;

  constructor(
    private readonly arrivalsUrl: string,
    readonly members: readonly string[],
    private readonly collection: TrackRequest,
  ) {
    for (const member of members) this.seen.set(member, new Map());
  }

  /** Starts recording on every member; resolves once the simulator watches them all. */
  async open(): Promise<void> {
    const res = await fetch(`${this.arrivalsUrl}/track`, { method: 'POST', body: JSON.stringify(this.collection) });
    if (res.status !== 204) throw new Error(`the simulator did not start recording arrivals: ${res.status} ${await res.text()}`);
    this.timer = setInterval(() => void this.fetch().catch(() => undefined), FETCH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Reads the records added since the last read. */
  fetch(): Promise<void> {
    this.fetching ??= (async () => {
      try {
        const res = await fetch(`${this.arrivalsUrl}/arrivals?after=${this.cursor}`);
        const { records, next } = (await res.json()) as { records: ArrivalRecord[]; next: number };
        for (const [member, name, ms] of records) this.seen.get(member)?.set(name, ms);
        this.cursor = next;
      } finally {
        this.fetching = undefined;
      }
    })();
    return this.fetching;
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
    return pollUntil(() => this.arrived(names) >= total, timeoutMs).then(() => this.fetch());
  }

  close(): void {
    clearInterval(this.timer);
  }
}
