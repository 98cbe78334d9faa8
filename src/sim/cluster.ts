// One simulated member cluster: a logical cluster of the simulator's API server plus the components
// that make it behave like a real one (nodes and kubelets, scheduler, workload controllers, mesh).

import type { Logger } from 'pino';
import { ControllerManager } from '../client/manager.js';
import { createInProcessClient } from '../client/inprocess.js';
import { resources, resourceTypeOf } from '../client/resources.js';
import type { LogicalCluster } from '../apiserver/logical-cluster.js';
import { MeshDriver } from './controllers/mesh-driver.js';
import { NodeSimulator } from './controllers/nodes.js';
import { setupKubelet, setupScheduler } from './controllers/pods.js';
import { setupServiceAccountController } from './controllers/service-accounts.js';
import { PVCS, setupWorkloadControllers } from './controllers/workloads.js';
import { EventRecorder } from '../client/event-recorder.js';
import type { SimContext, SimTiming } from './controllers/context.js';
import type { ClusterProfile } from './profile.js';
import type { KubeStateSnapshot } from './mesh/index.js';

const VIRTUAL_SERVICES = resourceTypeOf('networking.istio.io', 'v1', 'virtualservices', 'VirtualService', true);
const DESTINATION_RULES = resourceTypeOf('networking.istio.io', 'v1', 'destinationrules', 'DestinationRule', true);

export function nowTimestamp(): string {
  return new Date().toISOString();
}

export class SimulatedCluster {
  readonly name: string;
  readonly manager: ControllerManager;
  readonly nodes: NodeSimulator;
  readonly mesh: MeshDriver;
  private readonly context: SimContext;
  private trafficTimer: NodeJS.Timeout | undefined;
  private lastTick = Date.now();

  constructor(
    readonly logical: LogicalCluster,
    readonly profile: ClusterProfile,
    index: number,
    timing: SimTiming,
    log: Logger,
    workloads = true,
  ) {
    this.name = profile.name;
    const client = createInProcessClient(logical, { fieldManager: 'kurator-sim' });
    this.manager = new ControllerManager(client, { log });
    const clusterLog = log.child({ simulatedCluster: profile.name });
    this.context = { cluster: profile.name, client, manager: this.manager, events: new EventRecorder(client, clusterLog, nowTimestamp), timing, log: clusterLog, now: nowTimestamp };
    const informer = (type: Parameters<ControllerManager['informer']>[0]) => this.manager.informer(type);
    const pods = informer(resources.pods);
    const nodeInformer = informer(resources.nodes);
    const services = informer(resources.services);
    if (workloads) {
      setupScheduler(this.context, pods, nodeInformer);
      setupKubelet(this.context, pods, nodeInformer);
      setupWorkloadControllers(this.context, {
        pods,
        nodes: nodeInformer,
        replicaSets: informer(resources.replicasets),
        deployments: informer(resources.deployments),
        statefulSets: informer(resources.statefulsets),
        daemonSets: informer(resources.daemonsets),
        jobs: informer(resources.jobs),
        revisions: informer(resources.controllerrevisions),
        services,
        endpoints: informer(resources.endpoints),
        claims: informer(PVCS),
      });
      setupServiceAccountController(this.context, informer(resources.namespaces), informer(resources.serviceaccounts));
    }
    this.mesh = new MeshDriver(profile.name, { pods, services, virtualServices: informer(VIRTUAL_SERVICES), destinationRules: informer(DESTINATION_RULES) }, profile.requestRate, this.context.events);
    this.nodes = new NodeSimulator(this.context, profile, index);
  }

  async start(): Promise<void> {
    await this.nodes.start();
    await this.manager.start();
    this.lastTick = Date.now();
    this.trafficTimer = setInterval(() => this.tick(), this.context.timing.trafficTickMs);
    this.trafficTimer.unref();
  }

  /** Adds the traffic since the last tick (real elapsed time, so a slow tick loses nothing). */
  tick(): void {
    const now = Date.now();
    const dt = (now - this.lastTick) / 1000;
    this.lastTick = now;
    this.mesh.tick(dt);
  }

  kubeState(): KubeStateSnapshot {
    return {
      cluster: this.name,
      deployments: this.manager.informer(resources.deployments).list(),
      pods: this.manager.informer(resources.pods).list(),
      nodes: this.manager.informer(resources.nodes).list(),
    };
  }

  /** Resolves when no controller has queued work (tests). */
  idle(): Promise<void> {
    return this.manager.idle();
  }

  stop(): void {
    if (this.trafficTimer) clearInterval(this.trafficTimer);
    this.nodes.stop();
    this.manager.stop();
  }
}
