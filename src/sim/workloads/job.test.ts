import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reconcileJob, type JobReconcile } from './job.js';
import { finishedPodStatus, runningPodStatus } from './kubelet.js';
import type { Job } from './types-apps.js';
import type { Pod } from './types-core.js';
import { kubeTime, toMillis } from './time.js';

function job(extra: Partial<Job['spec']> = {}, annotations?: Record<string, string>): Job {
  const labels = { 'batch.kubernetes.io/controller-uid': 'job-uid', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'job-uid', 'job-name': 'pi' };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'batch', uid: 'job-uid', generation: 1 },
    spec: {
      completions: 3,
      parallelism: 2,
      backoffLimit: 6,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'job-uid' } },
      template: { metadata: { labels, ...(annotations ? { annotations } : {}) }, spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } },
      ...extra,
    },
  };
}

class World {
  t = toMillis('2025-03-01T12:00:00Z');
  pods = new Map<string, Pod>();
  n = 0;
  events: string[] = [];
  constructor(public job: Job) {}
  get now(): string {
    return kubeTime(this.t);
  }
  sync(advance = 1): JobReconcile {
    this.t += advance * 1000;
    const r = reconcileJob(this.job, [...this.pods.values()], this.now, () => `x${++this.n}`.padEnd(5, 'q'));
    for (const p of r.createPods) this.pods.set(p.metadata.name!, { ...p, metadata: { ...p.metadata, uid: `uid-${p.metadata.name}`, creationTimestamp: this.now }, status: { phase: 'Pending' } });
    for (const name of r.deletePods) {
      const p = this.pods.get(name)!;
      this.pods.set(name, { ...p, metadata: { ...p.metadata, deletionTimestamp: this.now } });
    }
    for (const name of r.removeFinalizers) {
      const p = this.pods.get(name)!;
      const next = { ...p, metadata: { ...p.metadata, finalizers: p.metadata.finalizers?.filter((f) => f !== 'batch.kubernetes.io/job-tracking') } };
      if (next.metadata.deletionTimestamp) this.pods.delete(name);
      else this.pods.set(name, next);
    }
    // Deleted pods without finalizers vanish (the kubelet finishes them).
    for (const [name, p] of this.pods) if (p.metadata.deletionTimestamp && !p.metadata.finalizers?.length) this.pods.delete(name);
    if (r.statusChanged) this.job = { ...this.job, status: r.status };
    this.events.push(...r.events.map((e) => `${e.reason}: ${e.message}`));
    return r;
  }
  run(): void {
    for (const [name, p] of this.pods) {
      if (p.status?.phase !== 'Pending' || p.metadata.deletionTimestamp) continue;
      const bound = { ...p, spec: { ...p.spec, nodeName: 'node-1' } };
      this.pods.set(name, { ...bound, status: runningPodStatus(bound, 'ready', { podIP: '10.244.0.3', hostIP: '10.0.0.1' }, this.now) });
    }
  }
  finish(count = Infinity): void {
    for (const [name, p] of this.pods) {
      if (count-- <= 0) break;
      if (p.status?.phase === 'Running' && !p.metadata.deletionTimestamp) this.pods.set(name, { ...p, status: finishedPodStatus(p, this.now) });
    }
  }
}

test('pods carry the job labels, the tracking finalizer and <job>-<suffix> names', () => {
  const w = new World(job());
  const r = w.sync();
  assert.deepEqual(r.createPods.map((p) => p.metadata.name), ['pi-x1qqq', 'pi-x2qqq']);
  const p = r.createPods[0]!;
  assert.equal(p.metadata.generateName, 'pi-');
  assert.deepEqual(p.metadata.labels, { 'batch.kubernetes.io/controller-uid': 'job-uid', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'job-uid', 'job-name': 'pi' });
  assert.deepEqual(p.metadata.finalizers, ['batch.kubernetes.io/job-tracking']);
  assert.deepEqual(p.metadata.ownerReferences, [{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: 'job-uid', controller: true, blockOwnerDeletion: true }]);
  assert.deepEqual(r.status, { startTime: '2025-03-01T12:00:01Z', active: 2, terminating: 0, uncountedTerminatedPods: {}, ready: 0 });
  assert.deepEqual(w.events, ['SuccessfulCreate: Created pod: pi-x1qqq', 'SuccessfulCreate: Created pod: pi-x2qqq']);
});

test('completions are counted through the finalizer and the job completes with SuccessCriteriaMet then Complete', () => {
  const w = new World(job());
  w.sync();
  w.run();
  assert.equal(w.sync().status.ready, 2);
  w.finish();
  const r = w.sync();
  assert.deepEqual(r.removeFinalizers.sort(), ['pi-x1qqq', 'pi-x2qqq']);
  assert.deepEqual(r.interimStatus?.uncountedTerminatedPods?.succeeded?.sort(), ['uid-pi-x1qqq', 'uid-pi-x2qqq']);
  assert.equal(r.status.succeeded, 2);
  assert.deepEqual(r.createPods.map((p) => p.metadata.name), ['pi-x3qqq'], 'one completion left, one pod');
  w.run();
  w.finish();
  const done = w.sync();
  assert.deepEqual(done.status, {
    conditions: [
      { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: w.now, lastTransitionTime: w.now, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
      { type: 'Complete', status: 'True', lastProbeTime: w.now, lastTransitionTime: w.now, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
    ],
    startTime: '2025-03-01T12:00:01Z',
    completionTime: w.now,
    succeeded: 3,
    terminating: 0,
    uncountedTerminatedPods: {},
    ready: 0,
  });
  assert.equal(w.events.at(-1), 'Completed: Job completed');
  assert.deepEqual(w.sync().createPods, [], 'a finished job does nothing');
});

test('failing pods back off, then BackoffLimitExceeded: FailureTarget first, Failed once no pod is left', () => {
  const w = new World(job({ completions: 1, parallelism: 1, backoffLimit: 1 }, { 'sim.kurator.dev/fail': 'true' }));
  w.sync();
  w.run();
  w.finish();
  const first = w.sync();
  assert.equal(first.status.failed, 1);
  assert.deepEqual(first.createPods, [], 'backoff: no replacement yet');
  assert.equal(first.requeueAfterSeconds, 9);
  const replaced = w.sync(10);
  assert.equal(replaced.createPods.length, 1);
  w.run();
  w.finish();
  const failed = w.sync();
  assert.equal(failed.status.failed, 2);
  assert.deepEqual(failed.status.conditions?.map((c) => [c.type, c.status, c.reason, c.message]), [
    ['FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ['Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
  ]);
  assert.equal(failed.status.completionTime, undefined);
  assert.equal(w.events.at(-1), 'BackoffLimitExceeded: Job has reached the specified backoff limit');
});

test('activeDeadlineSeconds: running pods are deleted and counted failed; Failed waits for them to go', () => {
  const w = new World(job({ activeDeadlineSeconds: 60, completions: 2, parallelism: 2 }));
  const start = w.sync();
  assert.equal(start.requeueAfterSeconds, 60);
  w.run();
  const r = w.sync(61);
  assert.deepEqual(r.deletePods.sort(), ['pi-x1qqq', 'pi-x2qqq']);
  assert.deepEqual(r.removeFinalizers.sort(), ['pi-x1qqq', 'pi-x2qqq']);
  assert.deepEqual(r.status.conditions?.map((c) => [c.type, c.reason, c.message]), [['FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline']]);
  assert.deepEqual([r.status.failed, r.status.active, r.status.terminating], [2, undefined, 2]);
  const after = w.sync();
  assert.deepEqual(after.status.conditions?.map((c) => [c.type, c.reason]), [
    ['FailureTarget', 'DeadlineExceeded'],
    ['Failed', 'DeadlineExceeded'],
  ]);
  assert.deepEqual([after.status.failed, after.status.terminating], [2, 0]);
});

test('terminal condition waits while deleted pods are still terminating', () => {
  const w = new World(job({ activeDeadlineSeconds: 5, completions: 1, parallelism: 1 }));
  w.sync();
  w.run();
  // A pod already being deleted (someone else's delete) and not yet gone counts as terminating.
  const [name, p] = [...w.pods.entries()][0]!;
  w.pods.set(name, { ...p, metadata: { ...p.metadata, deletionTimestamp: w.now, finalizers: ['example.com/hold'] } });
  const r = w.sync(10);
  assert.deepEqual(r.status.conditions?.map((c) => c.type), ['FailureTarget']);
  assert.equal(r.status.terminating, 1);
});

test('Indexed jobs name pods <job>-<index>-<suffix> and report completedIndexes', () => {
  const w = new World(job({ completionMode: 'Indexed', completions: 3, parallelism: 3 }));
  const r = w.sync();
  assert.deepEqual(r.createPods.map((p) => [p.metadata.name, p.metadata.generateName, p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'], p.spec.hostname]), [
    ['pi-0-x1qqq', 'pi-0-', '0', 'pi-0'],
    ['pi-1-x2qqq', 'pi-1-', '1', 'pi-1'],
    ['pi-2-x3qqq', 'pi-2-', '2', 'pi-2'],
  ]);
  assert.deepEqual(r.createPods[0]!.spec.containers[0]!.env, [{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } }]);
  w.run();
  w.finish(2);
  const s = w.sync();
  assert.deepEqual([s.status.completedIndexes, s.status.succeeded], ['0-1', 2]);
});

test('suspend deletes active pods and sets Suspended; resume restarts the clock', () => {
  const w = new World(job());
  w.sync();
  w.job = { ...w.job, spec: { ...w.job.spec, suspend: true } };
  const s = w.sync();
  assert.equal(s.deletePods.length, 2);
  assert.deepEqual(s.status.conditions?.map((c) => [c.type, c.status, c.reason, c.message]), [['Suspended', 'True', 'JobSuspended', 'Job suspended']]);
  w.job = { ...w.job, spec: { ...w.job.spec, suspend: false } };
  const resumed = w.sync(5);
  assert.deepEqual(resumed.status.conditions?.map((c) => [c.type, c.status, c.reason]), [['Suspended', 'False', 'JobResumed']]);
  assert.equal(resumed.status.startTime, w.now);
  assert.ok(w.events.includes('Resumed: Job resumed'));
});
