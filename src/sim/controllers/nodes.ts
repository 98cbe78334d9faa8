// The simulated kubelets' node side: registers the profile's Nodes and their Leases, renews the
// Leases as heartbeats, and applies node faults (NotReady / unreachable) and their healing.

import { resources } from '../../client/resources.js';
import { withStatus, type KubeObject } from '../../machinery/object.js';
import type { ClusterProfile } from '../profile.js';
import { buildNode, buildNodeLease, healNode, markNodeUnreachable, renewNodeLease, NODE_LEASE_NAMESPACE, type SimNodeSpec } from '../workloads/index.js';
import type { Lease, Node } from '../workloads/types-core.js';
import { copy, type SimContext } from './context.js';

export class NodeSimulator {
  private timer: NodeJS.Timeout | undefined;
  private unreachable = false;

  constructor(
    private readonly ctx: SimContext,
    private readonly profile: ClusterProfile,
    private readonly clusterIndex: number,
  ) {}

  nodeNames(): string[] {
    return Array.from({ length: this.profile.nodes }, (_, i) => `${this.profile.name}-node-${i + 1}`);
  }

  /** Registers every node (idempotent) and starts heartbeats. */
  async start(): Promise<void> {
    const now = this.ctx.now();
    const names = this.nodeNames();
    for (let i = 0; i < names.length; i++) {
      const spec: SimNodeSpec = {
        name: names[i]!,
        labels: { ...this.profile.nodeLabels, 'kwok.x-k8s.io/node': 'fake', 'type': 'kwok' },
        taints: this.profile.taints.map((t) => ({ ...t })),
        capacity: this.profile.capacity as SimNodeSpec['capacity'],
        internalIP: `10.${(this.clusterIndex >> 8) & 255}.${this.clusterIndex & 255}.${i + 10}`,
        podCIDR: `10.244.${i}.0/24`,
      };
      if (this.profile.labels.region) spec.region = this.profile.labels.region;
      if (this.profile.labels.zone) spec.zone = this.profile.labels.zone;
      const node = buildNode(spec, now) as unknown as KubeObject;
      await this.createIfAbsent(resources.nodes, node);
      await this.createIfAbsent(resources.leases, buildNodeLease(node as unknown as Node, now) as unknown as KubeObject);
    }
    this.timer = setInterval(() => void this.heartbeat(), this.ctx.timing.heartbeatMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Node fault: every node stops reporting (Ready=Unknown, unreachable taints), or recovers. */
  async setUnreachable(unreachable: boolean): Promise<void> {
    this.unreachable = unreachable;
    const now = this.ctx.now();
    for (const name of this.nodeNames()) {
      const node = await this.ctx.client.get(resources.nodes, undefined, name);
      if (!node) continue;
      const next = (unreachable ? markNodeUnreachable(copy(node) as unknown as Node, now) : healNode(copy(node) as unknown as Node, now)) as unknown as KubeObject;
      const updated = await this.ctx.client.update(resources.nodes, next);
      await this.ctx.client.update(resources.nodes, withStatus(updated, next.status), { subresource: 'status' });
    }
  }

  private async heartbeat(): Promise<void> {
    if (this.unreachable) return;
    const now = this.ctx.now();
    for (const name of this.nodeNames()) {
      try {
        const lease = await this.ctx.client.get(resources.leases, NODE_LEASE_NAMESPACE, name);
        if (lease) await this.ctx.client.update(resources.leases, renewNodeLease(copy(lease) as unknown as Lease, now) as unknown as KubeObject);
      } catch (err) {
        this.ctx.log.debug({ err, node: name }, 'lease renewal failed');
      }
    }
  }

  /** Creates the object, then writes its status (a create never sets status on kinds with /status). */
  private async createIfAbsent(type: typeof resources.nodes | typeof resources.leases, object: KubeObject): Promise<void> {
    try {
      const created = await this.ctx.client.create(type, object);
      if (object.status !== undefined && type === resources.nodes) await this.ctx.client.update(type, withStatus(created, object.status), { subresource: 'status' });
    } catch (error) {
      if ((error as { code?: number }).code !== 409) throw error;
    }
  }
}
