// One health probe of a member cluster through its API: /readyz (falling back to /healthz), then, when
// healthy, its version, nodes and pods.

import type { MemberConnection } from '../../client/member-connections.js';
import { resources } from '../../client/resources.js';
import { ClientError } from '../../client/types.js';
import type { Health } from './health.js';
import { summarizeCluster, type ClusterSummary } from './summary.js';

export interface ProbeResult {
  health: Health;
  detail: string;
}

export async function probeHealth(connection: MemberConnection): Promise<ProbeResult> {
  try {
    let res = await connection.get('/readyz');
    if (res.status === 404) res = await connection.get('/healthz');
    if (res.status === 200) return { health: 'Ready', detail: 'cluster is healthy and ready to accept workloads' };
    return { health: 'NotReady', detail: `cluster is reachable but health endpoint responded without ok (HTTP ${res.status})` };
  } catch (error) {
    const reason = error instanceof ClientError ? error.message : (error as Error).message;
    return { health: 'Unreachable', detail: `cluster is not reachable: ${reason}` };
  }
}

export interface ClusterFacts extends ClusterSummary {
  kubernetesVersion?: string;
}

export async function readClusterFacts(connection: MemberConnection): Promise<ClusterFacts> {
  const version = await connection.get('/version');
  const [nodes, pods] = await Promise.all([connection.client.list(resources.nodes, undefined), connection.client.list(resources.pods, undefined)]);
  const facts: ClusterFacts = summarizeCluster(nodes.items, pods.items);
  try {
    const gitVersion = (JSON.parse(version.text) as { gitVersion?: unknown }).gitVersion;
    if (typeof gitVersion === 'string') facts.kubernetesVersion = gitVersion;
  } catch {
    // a /version that is not JSON leaves the version unknown
  }
  return facts;
}
