// The hub's fleet controllers as one unit that can be started and stopped more than once: each start
// builds a fresh manager (informers, queues), member connections and event recorder, so a hub that loses
// and later regains leadership starts from the stored state, not from what it cached before.

import type { Logger } from 'pino';
import { CONTROLLER_MANAGER_USER } from '../apiserver/auth/rbac/index.js';
import type { UserInfo } from '../apiserver/auth/types.js';
import { AUTHENTICATED_GROUP } from '../security/identities.js';
import type { LogicalCluster } from '../apiserver/logical-cluster.js';
import { EventRecorder } from '../client/event-recorder.js';
import { createInProcessClient } from '../client/inprocess.js';
import { ControllerManager } from '../client/manager.js';
import { MemberConnections } from '../client/member-connections.js';
import type { ResourceType } from '../client/types.js';
import { DEFAULT_CONTROLLER_OPTIONS, type ControllerOptions } from '../controllers/env.js';
import { setupControllers } from '../controllers/index.js';

/** The controllers act as their own user, held to the least-privilege role the hub bootstraps for it. */
export const CONTROLLER_IDENTITY: UserInfo = { name: CONTROLLER_MANAGER_USER, groups: [AUTHENTICATED_GROUP] };

export interface HubControllersOptions {
  log: Logger;
  /** Controllers to run (default: all); false runs none. */
  controllers?: readonly string[] | false;
  controllerOptions?: Partial<ControllerOptions>;
}

export class HubControllers {
  private running: { manager: ControllerManager; members: MemberConnections } | undefined;

  constructor(
    private readonly root: LogicalCluster,
    private readonly options: HubControllersOptions,
  ) {}

  /** Starts a fresh set of controllers; resolves once their caches have synced. */
  async start(): Promise<void> {
    this.stop();
    const { root, options } = this;
    const members = new MemberConnections({ fieldManager: 'kurator' });
    const client = createInProcessClient(root, { fieldManager: 'kurator', user: CONTROLLER_IDENTITY });
    const manager = new ControllerManager(client, { log: options.log });
    if (options.controllers !== false) {
      const resolveKind = (apiVersion: string, kind: string): ResourceType | undefined => {
        const served = root.kinds.resolveKind(apiVersion, kind);
        if (!served) return undefined;
        const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
        return { group: served.group, version, resource: served.definition.plural, kind: served.definition.kind, namespaced: served.definition.namespaced };
      };
      const env = { client, manager, members, log: options.log, events: new EventRecorder(client, options.log), options: { ...DEFAULT_CONTROLLER_OPTIONS, ...options.controllerOptions }, resolveKind };
      setupControllers(env, options.controllers);
    }
    this.running = { manager, members };
    await manager.start();
  }

  stop(): void {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    running.manager.stop();
    running.members.closeAll();
  }
}
