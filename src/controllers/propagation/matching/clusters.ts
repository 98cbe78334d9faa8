// Whether a member cluster satisfies a ClusterAffinity (override rules' targetCluster): the same matching
// the scheduler uses for placement.

import { clusterMatchesAffinity } from '../scheduling/affinity.js';
import type { ClusterAffinity as PlacementAffinity } from '../scheduling/types.js';
import type { ClusterAffinity, ClusterFacts } from './types.js';

export function clusterMatches(cluster: ClusterFacts, affinity: ClusterAffinity): boolean {
  return clusterMatchesAffinity(cluster, affinity as PlacementAffinity);
}
