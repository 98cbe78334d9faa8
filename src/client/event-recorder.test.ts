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
