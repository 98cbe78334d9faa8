// Decides when this hub runs its controllers and drives compaction. A hub alone on its storage (SQLite)
// always leads. Hubs sharing etcd elect one leader through a Lease; only the leader runs them.

import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Client } from '../client/types.js';
import { LeaderElector, type LeaderElectionConfig } from './leader-election.js';

export interface LeaderWork {
  start(): Promise<void>;
  stop(): void;
}

export interface Leadership {
  readonly isLeader: boolean;
  /** Stops the work (and, when elected, releases the Lease). */
  stop(): Promise<void>;
}

/** client-go's usual identity: the host name plus a unique suffix per process. */
export function defaultLeaderIdentity(): string {
  return `${hostname()}_${randomUUID()}`;
}

/** Runs the work now, for as long as the hub runs. */
export async function alwaysLead(work: LeaderWork): Promise<Leadership> {
  await work.start();
  let leading = true;
  return {
    get isLeader() {
      return leading;
    },
    async stop() {
      leading = false;
      work.stop();
    },
  };
}

/** Competes for the Lease in the background; the work runs while this hub holds it. */
export function electLeader(client: Client, config: Partial<LeaderElectionConfig>, work: LeaderWork, log: Logger): Leadership {
  const elector = new LeaderElector(
    client,
    { ...config, identity: config.identity ?? defaultLeaderIdentity() },
    {
      onStartedLeading: () => {
        work.start().catch((error: unknown) => log.error({ err: error }, 'controllers failed to start'));
      },
      onStoppedLeading: () => work.stop(),
    },
    log,
  );
  elector.start();
  return {
    get isLeader() {
      return elector.isLeader;
    },
    stop: () => elector.stop(),
  };
}
