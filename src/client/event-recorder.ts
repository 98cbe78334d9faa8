// Records core/v1 Events the way client-go's recorder does: a repeated event (same object, reason and
// message) bumps count and lastTimestamp instead of creating a new one. Used by the hub's controllers and
// the simulated clusters' components alike.

import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { KubeObject } from '../machinery/object.js';
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

const MAX_REMEMBERED = 4096;

export class EventRecorder {
  private readonly seen = new Map<string, Recorded>();

  constructor(
    private readonly client: Client,
    private readonly log: Logger,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  record(object: KubeObject, event: EventInfo, component: string, host?: string): void {
    void this.write(object, event, component, host).catch((err: unknown) => this.log.debug({ err }, 'event not recorded'));
  }

  private async write(object: KubeObject, event: EventInfo, component: string, host?: string): Promise<void> {
    const namespace = object.metadata.namespace ?? 'default';
    const key = `${object.metadata.uid}|${event.reason}|${event.message}`;
    const now = this.now();
    const previous = this.seen.get(key);
    if (previous) {
      previous.count++;
      await this.client.patch(resources.events, previous.namespace, previous.name, 'merge', { count: previous.count, lastTimestamp: now });
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
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
    });
    if (this.seen.size >= MAX_REMEMBERED) this.seen.delete(this.seen.keys().next().value as string);
    this.seen.set(key, { name, namespace, count: 1 });
  }
}
