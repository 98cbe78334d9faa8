// Records core/v1 Events the way client-go's recorder does: correlated first (spam filter and aggregation,
// event-correlator.ts), then a repeated event bumps count and lastTimestamp instead of creating a new one.
// Writes of one event go one after another (client-go's recorder writes all events from one goroutine):
// a repeat recorded while the first is still being created patches it rather than creating a second,
// and counts are written in order. Repeats recorded while an earlier write of the event is still waiting
// to start join that write (its count grows by all of them): a controller that reports a burst — a
// binding's status covering dozens of clusters — writes the Event once or twice, not once per repeat,
// and the Event ends with the same count, message and last timestamp.
// Used by the hub's controllers and the simulated clusters' components alike.

import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { KubeObject } from '../machinery/object.js';
import { EventCorrelator } from './event-correlator.js';
import { resources } from './resources.js';
import type { Client } from './types.js';

export interface EventInfo {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

interface Recorded {
  name: string;
  namespace: string;
  count: number;
}

/** Occurrences of one event waiting for its next write. */
interface Pending {
  object: KubeObject;
  event: EventInfo;
  component: string;
  host: string | undefined;
  occurrences: number;
}

const MAX_REMEMBERED = 4096;

export class EventRecorder {
  private readonly seen = new Map<string, Recorded>();
  /** The last write queued per event key, while any is queued. */
  private readonly writing = new Map<string, Promise<void>>();
  /** Per event key, the occurrences its next write (queued, not yet started) will carry. */
  private readonly pending = new Map<string, Pending>();
  private readonly correlator: EventCorrelator;

  constructor(
    private readonly client: Client,
    private readonly log: Logger,
    private readonly now: () => string = () => new Date().toISOString(),
    clock?: () => number,
  ) {
    this.correlator = new EventCorrelator(clock);
  }

  record(object: KubeObject, event: EventInfo, component: string, host?: string): void {
    const correlated = this.correlator.correlate(object, event, component, host);
    if (!correlated) return;
    const key = correlated.key;
    const occurrence = { ...event, message: correlated.message };
    const waiting = this.pending.get(key);
    if (waiting) {
      waiting.occurrences++;
      waiting.object = object;
      waiting.event = occurrence;
      return;
    }
    this.pending.set(key, { object, event: occurrence, component, host, occurrences: 1 });
    const previous = this.writing.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => {
        const due = this.pending.get(key)!;
        this.pending.delete(key);
        return this.write(due, key);
      })
      .catch((err: unknown) => this.log.debug({ err }, 'event not recorded'));
    this.writing.set(key, next);
    void next.finally(() => {
      if (this.writing.get(key) === next) this.writing.delete(key);
    });
  }

  private async write(due: Pending, key: string): Promise<void> {
    const { object, event, component, host } = due;
    const namespace = object.metadata.namespace ?? 'default';
    const now = this.now();
    const previous = this.seen.get(key);
    if (previous) {
      previous.count += due.occurrences;
      await this.client.patch(resources.events, previous.namespace, previous.name, 'merge', { count: previous.count, lastTimestamp: now, message: event.message });
      return;
    }
    const name = `${object.metadata.name}.${randomBytes(8).toString('hex')}`;
    const source: Record<string, string> = { component };
    if (host) source.host = host;
    await this.client.create(resources.events, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace, uid: object.metadata.uid, resourceVersion: object.metadata.resourceVersion },
      reason: event.reason,
      message: event.message,
      type: event.type,
      source,
      reportingComponent: component,
      reportingInstance: host ?? '',
      count: due.occurrences,
      firstTimestamp: now,
      lastTimestamp: now,
    });
    if (this.seen.size >= MAX_REMEMBERED) this.seen.delete(this.seen.keys().next().value as string);
    this.seen.set(key, { name, namespace, count: due.occurrences });
  }
}
