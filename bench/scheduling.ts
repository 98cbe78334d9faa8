// Measures one scheduling decision (filter → select → divide, scheduling.scheduleBinding) by fleet size,
// for the placements fleets use: a Weighted static list naming every cluster (the propagation scenario's
// policy), Duplicated onto clusters named in the affinity, Duplicated onto clusters picked by label, and
// dynamic weights by capacity. Each decision is a reschedule (the binding already runs on every cluster),
// as after a cluster change. Prints one JSON document.
//
//   npm run build && node dist/bench/scheduling.js [--clusters 100,1000] [--decisions 200]

import { scheduleBinding, type ClusterInfo, type Placement, type ScheduleInput } from '../src/controllers/propagation/scheduling/index.js';
import { describeMachine } from './lib/machine.js';
import { optionValue } from './lib/options.js';


const fleetSizes = optionValue('clusters', '100,1000').split(',').map(Number);
const decisions = Number(optionValue('decisions', '200'));

const nameOf = (i: number): string => `member-${String(i).padStart(4, '0')}`;

function fleet(size: number): ClusterInfo[] {
  return Array.from({ length: size }, (_, i) => ({
    name: nameOf(i),
    labels: { env: i % 10 === 0 ? 'canary' : 'prod', region: `region-${i % 5}` },
    taints: [],
    ready: true,
    region: `region-${i % 5}`,
    allocatable: { cpu: '64', memory: '256Gi', pods: '110' },
    allocated: { cpu: `${i % 32}`, memory: '16Gi', pods: '10' },
  }));
}

function placements(size: number): Record<string, Placement> {
  const names = Array.from({ length: size }, (_, i) => nameOf(i));
  return {
    'weighted, one static weight per cluster': {
      replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { staticWeightList: names.map((name) => ({ targetCluster: { clusterNames: [name] }, weight: 1 })) } },
    },
    'duplicated onto named clusters': { clusterAffinity: { clusterNames: names }, replicaScheduling: { replicaSchedulingType: 'Duplicated' } },
    'duplicated onto clusters chosen by label': { clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } }, replicaScheduling: { replicaSchedulingType: 'Duplicated' } },
    'dynamic weight by available replicas': {
      replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } },
    },
  };
}

/** ms per decision, after as many unmeasured decisions to warm the code up. */
function measure(input: ScheduleInput): number {
  for (let i = 0; i < decisions; i++) scheduleBinding(input);
  const began = process.hrtime.bigint();
  for (let i = 0; i < decisions; i++) {
    const result = scheduleBinding(input);
    if (!('clusters' in result)) throw new Error(`scheduling failed: ${result.error}`);
  }
  return Math.round(Number(process.hrtime.bigint() - began) / decisions / 1000) / 1000;
}

const results = fleetSizes.map((size) => {
  const clusters = fleet(size);
  const replicas = size;
  const previous = clusters.map((c) => ({ name: c.name, replicas: 1 }));
  const msPerDecision = Object.fromEntries(
    Object.entries(placements(size)).map(([name, placement]) => [name, measure({ placement, replicas, podRequests: { cpu: '100m' }, clusters, previous, tieBreakKey: 'b1c2d3e4-0000-4000-8000-000000000001' })]),
  );
  return { clusters: size, replicas, msPerDecision };
});

console.log(
  JSON.stringify(
    {
      scenario: 'scheduling',
      what: 'one scheduling decision (filter, select, divide) for a binding already on every cluster, by fleet size and placement; ms per decision',
      decisions,
      results,
      machine: describeMachine(),
    },
    null,
    2,
  ),
);
