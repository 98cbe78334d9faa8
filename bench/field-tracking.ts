// Measures field tracking (the managedFields the API server computes on a write) for a Deployment whose
// spec a controller server-side applied, by the number of containers in its template: a write to /status
// (which should cost the same whatever the size of the spec it does not touch), and the controller's
// next apply with one image changed (what propagation does to every member copy), and encoding the
// controller's field set as FieldsV1 (what every update does for the managers it changes). Prints one JSON document.
//
//   npm run build && node dist/bench/field-tracking.js [--containers 1,3,10,30] [--writes 10000]

import { deploymentKind } from '../src/api/builtin/deployment.js';
import { fieldSetFromFieldsV1, fieldSetToFieldsV1, serverSideApply, trackUpdate } from '../src/machinery/managedfields/index.js';
import type { KubeObject } from '../src/machinery/object.js';
import { describeMachine } from './lib/machine.js';
import { optionValue } from './lib/options.js';


const containerCounts = optionValue('containers', '1,3,10,30').split(',').map(Number);
const writes = Number(optionValue('writes', '10000'));
const schema = deploymentKind.versions[0]!.schema;
const API_VERSION = 'apps/v1';

function container(i: number, tag: number): Record<string, unknown> {
  return {
    name: `c${i}`,
    image: `registry.example/app${i}:1.${tag}`,
    ports: [{ containerPort: 8000 + i, protocol: 'TCP' }],
    env: Array.from({ length: 8 }, (_, j) => ({ name: `E${j}`, value: `v${j}` })),
    resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '100m', memory: '128Mi' } },
  };
}

/** The Deployment a controller applies; `tag` is the first container's image tag. */
function manifest(containers: number, tag = 0): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: Array.from({ length: containers }, (_, i) => container(i, i === 0 ? tag : i)) } } },
  };
}

const apply = (live: KubeObject | undefined, applied: KubeObject, now: string) => serverSideApply({ live, applied, manager: 'kurator', force: true, schema, apiVersion: API_VERSION, now });

/** The Deployment as stored after a controller applied it: its managedFields own the whole spec. */
function appliedDeployment(containers: number): KubeObject {
  const stored = apply(undefined, manifest(containers), '2026-01-01T00:00:00Z');
  stored.metadata.uid = '7c4a1f3e-0000-4000-8000-000000000001';
  return stored;
}

const status = {
  observedGeneration: 1,
  replicas: 1,
  updatedReplicas: 1,
  readyReplicas: 1,
  availableReplicas: 1,
  conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastUpdateTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' }],
};

/** µs per call of `write`, each on its own stored version (parsed from the bytes, as the store holds them). */
function measure(stored: KubeObject, write: (old: KubeObject, i: number) => unknown): number {
  const encoded = JSON.stringify(stored);
  const versions = Array.from({ length: Math.min(writes, 2000) }, () => JSON.parse(encoded) as KubeObject);
  for (let i = 0; i < Math.min(writes, 3000); i++) write(versions[i % versions.length]!, i);
  const began = process.hrtime.bigint();
  for (let i = 0; i < writes; i++) write(versions[i % versions.length]!, i);
  return Math.round(Number(process.hrtime.bigint() - began) / writes / 100) / 10;
}

function measureSize(containers: number): { containers: number; microsPerStatusWrite: number; microsPerReapply: number; microsPerFieldsV1Encode: number } {
  const stored = appliedDeployment(containers);
  const statusWrite = (old: KubeObject) =>
    trackUpdate({ old, updated: { ...old, metadata: { ...old.metadata }, status }, manager: 'deployment-controller', schema, apiVersion: API_VERSION, now: '2026-01-01T00:00:01Z', subresource: 'status' });
  // Manifests built before the clock starts; each apply changes the first image.
  const changed = [manifest(containers, 1), manifest(containers, 2)];
  const reapply = (old: KubeObject, i: number) => apply(old, changed[i % 2]!, '2026-01-01T00:00:01Z');
  const applierSet = fieldSetFromFieldsV1(stored.metadata.managedFields![0]!.fieldsV1);
  const encode = () => fieldSetToFieldsV1(applierSet);
  return { containers, microsPerStatusWrite: measure(stored, statusWrite), microsPerReapply: measure(stored, reapply), microsPerFieldsV1Encode: measure(stored, encode) };
}

// One untimed pass over every size first, so no size is measured while the code is still being optimized.
for (const containers of containerCounts) measureSize(containers);
const results = containerCounts.map(measureSize);
console.log(
  JSON.stringify(
    {
      scenario: 'field-tracking',
      what: 'managedFields tracking on a Deployment whose spec a controller server-side applied, by containers in its template: one /status write; the next apply with one image changed; the field set of the applier encoded as FieldsV1',
      writes,
      results,
      machine: describeMachine(),
    },
    null,
    2,
  ),
);
