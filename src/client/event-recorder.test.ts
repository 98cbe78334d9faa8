import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import type { KubeObject } from '../machinery/object.js';
import { EventRecorder } from './event-recorder.js';
import { createInProcessClient, type InProcessClient } from './inprocess.js';
import { resources } from './resources.js';
import { eventually } from '../../test/support/wait.js';
import { configMap, startTestCluster, type TestCluster } from './testing.js';

let env: TestCluster;
let client: InProcessClient;

before(async () => {
  env = await startTestCluster();
  client = createInProcessClient(env.cluster, { fieldManager: 'test-recorder' });
});
after(() => env.stop());

async function eventsAbout(name: string): Promise<KubeObject[]> {
  return (await client.list(resources.events, 'default')).items.filter((e) => (e.involvedObject as { name?: string }).name === name);
}

test('the same event recorded in a burst is one Event whose count is every time it happened', async () => {
  const subject = await client.create(resources.configmaps, configMap('burst'));
  const recorder = new EventRecorder(client, pino({ level: 'silent' }));
  // Under the correlator's burst of 25 per object, so none is dropped or aggregated.
  for (let i = 0; i < 6; i++) recorder.record(subject, { type: 'Normal', reason: 'Synced', message: 'synced' }, 'test');
  // Every occurrence written, whether as counts of one Event or as Events of their own.
  const events = await eventually('all six occurrences written', async () => {
    const found = await eventsAbout('burst');
    return found.reduce((sum, e) => sum + ((e as { count?: number }).count ?? 0), 0) === 6 && found;
  }, { timeoutMs: 5000, intervalMs: 20 });
  assert.equal(events.length, 1, 'one Event, not one per write that raced the first create');
  assert.equal((events[0] as { count?: number }).count, 6);
});

/** The client, counting the Event writes that reach it; each waits for `gate` first when one is set. */
function countingWrites(): { client: InProcessClient; writes: () => number; hold(): () => void } {
  let writes = 0;
  let gate: Promise<void> | undefined;
  const counting = new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if ((prop !== 'create' && prop !== 'patch') || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        writes++;
        if (gate) await gate;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    client: counting,
    writes: () => writes,
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

async function countOf(name: string, expected: number): Promise<KubeObject> {
  return eventually(`the Event about ${name} counts ${expected}`, async () => {
    const found = await eventsAbout(name);
    return found.length === 1 && (found[0] as { count?: number }).count === expected && found[0]!;
  }, { timeoutMs: 5000, intervalMs: 20 });
}

test('a burst recorded in one turn is written once, counting every occurrence', async () => {
  const subject = await client.create(resources.configmaps, configMap('one-turn'));
  const counting = countingWrites();
  const recorder = new EventRecorder(counting.client, pino({ level: 'silent' }));
  for (let i = 0; i < 20; i++) recorder.record(subject, { type: 'Normal', reason: 'Synced', message: 'synced' }, 'test');
  await countOf('one-turn', 20);
  assert.equal(counting.writes(), 1);
});

test('repeats recorded while a write is under way join one next write, in order', async () => {
  const subject = await client.create(resources.configmaps, configMap('in-flight'));
  const counting = countingWrites();
  const recorder = new EventRecorder(counting.client, pino({ level: 'silent' }));
  const release = counting.hold();
  recorder.record(subject, { type: 'Normal', reason: 'Synced', message: 'synced' }, 'test');
  await eventually('the first write under way', async () => counting.writes() === 1, { timeoutMs: 2000, intervalMs: 5 });
  for (let i = 0; i < 7; i++) recorder.record(subject, { type: 'Normal', reason: 'Synced', message: 'synced' }, 'test');
  release();
  const event = await countOf('in-flight', 8);
  assert.equal(counting.writes(), 2, 'the create, then one patch for the seven that waited');
  assert.equal((event as { count?: number }).count, 8);
});
