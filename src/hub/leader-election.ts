// Leader election over a coordination.k8s.io/v1 Lease, with client-go's semantics (tools/leaderelection):
//
// - A candidate acquires the Lease when nobody holds it or when the holder has not renewed it for
//   leaseDurationSeconds. Expiry is judged by when this candidate *observed* the record change, on its own
//   clock, never by the timestamps in the record, so clock skew between hubs does not matter.
// - Taking the Lease from another holder increments leaseTransitions and sets acquireTime; the holder
//   renews (renewTime) every retry period. Every write carries the resourceVersion it read, so of two
//   candidates racing for an expired Lease exactly one wins.
// - A leader that cannot renew within the renew deadline stops leading (before its Lease can expire for
//   the others, since renewDeadline < leaseDuration) and competes again. Stopping releases the Lease
//   (holder emptied, duration 1 s) so another candidate takes over at once.

import type { Logger } from 'pino';
import { isConflict, isNotFound } from '../client/errors.js';
import { resourceTypeOf } from '../client/resources.js';
import type { Client } from '../client/types.js';
import { isPlainObject, type KubeObject } from '../machinery/object.js';
import { within } from '../machinery/within.js';

export const LEASES = resourceTypeOf('coordination.k8s.io', 'v1', 'leases', 'Lease', true);

export interface LeaderElectionTiming {
  /** How long others wait after the last observed renewal before taking over (default 15 s; whole seconds in the Lease). */
  leaseDurationMs?: number;
  /** How long the leader keeps trying to renew before it gives up leading (default 10 s). */
  renewDeadlineMs?: number;
  /** Time between attempts to acquire or renew (default 2 s). */
  retryPeriodMs?: number;
}

export interface LeaderElectionConfig extends LeaderElectionTiming {
  /** This candidate's holderIdentity; unique per process. */
  identity: string;
  /** Where the Lease lives (default kube-system/kurator-controller-manager). */
  namespace?: string;
  name?: string;
}

export interface LeaderCallbacks {
  onStartedLeading(): void;
  onStoppedLeading(): void;
}

export const DEFAULT_LEASE_NAMESPACE = 'kube-system';
export const DEFAULT_LEASE_NAME = 'kurator-controller-manager';
export const DEFAULT_LEADER_ELECTION_TIMING: Required<LeaderElectionTiming> = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };
/** client-go's jitter on the acquire period. */
const JITTER_FACTOR = 1.2;

interface LeaseRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime: string;
  renewTime: string;
  leaseTransitions: number;
}

/** The timing to run with: the values given over the defaults, checked the way client-go's NewLeaderElector does. */
export function resolveLeaderElectionTiming(given: LeaderElectionTiming): Required<LeaderElectionTiming> {
  const timing = { ...DEFAULT_LEADER_ELECTION_TIMING };
  if (given.leaseDurationMs !== undefined) timing.leaseDurationMs = given.leaseDurationMs;
  if (given.renewDeadlineMs !== undefined) timing.renewDeadlineMs = given.renewDeadlineMs;
  if (given.retryPeriodMs !== undefined) timing.retryPeriodMs = given.retryPeriodMs;
  const { leaseDurationMs, renewDeadlineMs, retryPeriodMs } = timing;
  if (!(retryPeriodMs > 0)) throw new RangeError('the leader election retry period must be positive');
  if (!(leaseDurationMs > renewDeadlineMs)) throw new RangeError(`the lease duration (${leaseDurationMs} ms) must be greater than the renew deadline (${renewDeadlineMs} ms)`);
  if (!(renewDeadlineMs > JITTER_FACTOR * retryPeriodMs)) throw new RangeError(`the renew deadline (${renewDeadlineMs} ms) must be greater than ${JITTER_FACTOR} × the retry period (${retryPeriodMs} ms)`);
  return timing;
}

export class LeaderElector {
  private readonly timing: Required<LeaderElectionTiming>;
  private readonly namespace: string;
  private readonly name: string;
  /** The Lease as last read or written (its resourceVersion guards the next write). */
  private lease: KubeObject | undefined;
  private observed: LeaseRecord | undefined;
  private observedRaw = '';
  private observedAt = 0;
  private reportedLeader: string | undefined;
  private leading = false;
  private stopped = false;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly client: Client,
    private readonly config: LeaderElectionConfig,
    private readonly callbacks: LeaderCallbacks,
    private readonly log?: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.timing = resolveLeaderElectionTiming(config);
    if (!config.identity) throw new RangeError('a leader election candidate needs an identity');
    this.namespace = config.namespace ?? DEFAULT_LEASE_NAMESPACE;
    this.name = config.name ?? DEFAULT_LEASE_NAME;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** The holder this candidate last observed ("" when none). */
  get leader(): string {
    return this.observed?.holderIdentity ?? '';
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Stops competing; a leader stops leading and releases the Lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  private async run(): Promise<void> {
    const lease = `${this.namespace}/${this.name}`;
    while (!this.stopped) {
      this.log?.info({ lease, identity: this.config.identity }, 'attempting to acquire leader lease');
      while (!this.stopped && !(await this.attempt(this.timing.retryPeriodMs))) {
        await this.sleep(this.timing.retryPeriodMs * (1 + Math.random() * JITTER_FACTOR));
      }
      if (this.stopped) return;
      this.leading = true;
      this.log?.info({ lease, identity: this.config.identity, transitions: this.observed?.leaseTransitions }, 'acquired leader lease; starting controllers');
      this.callbacks.onStartedLeading();
      while (!this.stopped && (await this.renew())) await this.sleep(this.timing.retryPeriodMs);
      this.leading = false;
      this.callbacks.onStoppedLeading();
      if (this.stopped) {
        await this.release();
        this.log?.info({ lease, identity: this.config.identity }, 'released leader lease');
        return;
      }
      this.log?.warn({ lease, identity: this.config.identity, renewDeadlineMs: this.timing.renewDeadlineMs }, 'could not renew the leader lease in time; stopped controllers');
    }
  }

  /** Renews, retrying every retry period until the renew deadline; false when it could not. */
  private async renew(): Promise<boolean> {
    const deadline = this.now() + this.timing.renewDeadlineMs;
    for (;;) {
      if (this.stopped) return false;
      const left = deadline - this.now();
      if (left <= 0) return false;
      if (await this.attempt(left)) return true;
      const wait = Math.min(this.timing.retryPeriodMs, deadline - this.now());
      if (wait <= 0) return false;
      await this.sleep(wait);
    }
  }

  /** One tryAcquireOrRenew bounded by timeoutMs (a call still running then counts as a failure). */
  private async attempt(timeoutMs: number): Promise<boolean> {
    try {
      return await within(this.tryAcquireOrRenew(), timeoutMs, false);
    } catch (error) {
      this.log?.warn({ err: error, lease: `${this.namespace}/${this.name}` }, 'leader election: cannot read or write the lease');
      return false;
    } finally {
      this.reportLeader();
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.now();
    const desired: LeaseRecord = { holderIdentity: this.config.identity, leaseDurationSeconds: this.leaseSeconds(), acquireTime: microTime(now), renewTime: microTime(now), leaseTransitions: 0 };

    // Fast path: the leader updates the Lease it wrote last, assuming nobody else did.
    if (this.ownsObserved() && this.leaseValid(now) && this.lease) {
      const fast = { ...desired, acquireTime: this.observed!.acquireTime, leaseTransitions: this.observed!.leaseTransitions };
      try {
        this.observe(await this.client.update(LEASES, this.withRecord(this.lease, fast)), now);
        return true;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }

    let current: KubeObject | undefined;
    try {
      current = await this.client.get(LEASES, this.namespace, this.name);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    if (!current) {
      const created = await this.client.create(LEASES, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: this.name, namespace: this.namespace }, spec: { ...desired } });
      this.observe(created, now);
      return true;
    }

    const record = recordOf(current);
    const raw = JSON.stringify(record);
    if (raw !== this.observedRaw) {
      this.observed = record;
      this.observedRaw = raw;
      this.observedAt = now;
    }
    this.lease = current;
    if (record.holderIdentity !== '' && this.leaseValid(now) && !this.ownsObserved()) return false;

    const next = this.ownsObserved()
      ? { ...desired, acquireTime: record.acquireTime, leaseTransitions: record.leaseTransitions }
      : { ...desired, leaseTransitions: record.leaseTransitions + 1 };
    try {
      this.observe(await this.client.update(LEASES, this.withRecord(current, next)), now);
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
    return true;
  }

  private async release(): Promise<void> {
    if (!this.ownsObserved() || !this.lease) return;
    const now = this.now();
    const released: LeaseRecord = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: microTime(now), renewTime: microTime(now), leaseTransitions: this.observed!.leaseTransitions };
    try {
      this.observe(await this.client.update(LEASES, this.withRecord(this.lease, released)), now);
    } catch (error) {
      this.log?.warn({ err: error }, 'could not release the leader lease; it expires on its own');
    }
  }

  private observe(lease: KubeObject, now: number): void {
    this.lease = lease;
    this.observed = recordOf(lease);
    this.observedRaw = JSON.stringify(this.observed);
    this.observedAt = now;
  }

  private ownsObserved(): boolean {
    return this.observed?.holderIdentity === this.config.identity;
  }

  private leaseValid(now: number): boolean {
    return this.observed !== undefined && this.observedAt + this.observed.leaseDurationSeconds * 1000 > now;
  }

  private leaseSeconds(): number {
    return Math.max(1, Math.ceil(this.timing.leaseDurationMs / 1000));
  }

  private withRecord(lease: KubeObject, record: LeaseRecord): KubeObject {
    return { ...lease, spec: { ...(isPlainObject(lease.spec) ? lease.spec : {}), ...record } };
  }

  private reportLeader(): void {
    const leader = this.leader;
    if (leader === this.reportedLeader) return;
    this.reportedLeader = leader;
    if (leader) this.log?.info({ leader, lease: `${this.namespace}/${this.name}` }, 'new leader observed');
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}


function recordOf(lease: KubeObject): LeaseRecord {
  const spec = isPlainObject(lease.spec) ? lease.spec : {};
  return {
    holderIdentity: typeof spec.holderIdentity === 'string' ? spec.holderIdentity : '',
    leaseDurationSeconds: typeof spec.leaseDurationSeconds === 'number' ? spec.leaseDurationSeconds : 0,
    acquireTime: typeof spec.acquireTime === 'string' ? spec.acquireTime : '',
    renewTime: typeof spec.renewTime === 'string' ? spec.renewTime : '',
    leaseTransitions: typeof spec.leaseTransitions === 'number' ? spec.leaseTransitions : 0,
  };
}

/** metav1.MicroTime: RFC 3339 with microseconds. */
function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
