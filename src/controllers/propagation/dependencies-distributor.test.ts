// The dependencies distributor alone on a hub store: a dependency that appears after its workload was
// scheduled is attached to exactly the bindings whose workload references it, in its own namespace.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { builtinKinds } from '../../api/builtin/index.js';
import { hubCrds } from '../../api/crds/index.js';
import { ApiServer } from '../../apiserver/api-server.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { createInProcessClient } from '../../client/inprocess.js';
import { ControllerManager } from '../../client/manager.js';
import { MemberConnections } from '../../client/member-connections.js';
import { resources } from '../../client/resources.js';
import type { Client, ResourceType } from '../../client/types.js';
import type { KubeObject } from '../../machinery/object.js';
import { createMemoryStore } from '../../storage/memory.js';
import { DEFAULT_CONTROLLER_OPTIONS, type ControllerEnv } from '../env.js';
import { setupDependenciesDistributor } from './dependencies-distributor.js';
import { RESOURCE_BINDINGS } from './kinds.js';
import { eventually } from '../../../test/support/wait.js';


function deployment(namespace: string, name: string, configMap: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx', envFrom: [{ configMapRef: { name: configMap } }] }] } },
    },
  };
}

function parentBinding(namespace: string, workload: string, clusters: string[]): KubeObject {
  return {
    apiVersion: 'work.karmada.io/v1alpha2',
    kind: 'ResourceBinding',
    metadata: { name: `${workload}-deployment`, namespace },
    spec: { resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace, name: workload }, propagateDeps: true, clusters: clusters.map((name) => ({ name })) },
  };
}

const configMap = (namespace: string, name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { a: '1' } });

describe('dependencies distributor', () => {
  let server: ApiServer;
  let manager: ControllerManager;
  let client: Client;
  /** Resources the controllers' informers listed or watched. */
  const informed = new Set<string>();

  before(async () => {
    const log = pino({ level: 'silent' });
    server = new ApiServer({ log, builtins: builtinKinds });
    const root = await server.addCluster('', createMemoryStore(), hubCrds);
    client = createInProcessClient(root, { fieldManager: 'test' });
    for (const ns of ['team-a', 'team-b']) await client.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const recording = new Proxy(client, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop);
        if (typeof value !== 'function') return value;
        if (prop !== 'list' && prop !== 'watch') return value.bind(target);
        return (type: ResourceType, ...rest: unknown[]) => {
          informed.add(type.resource);
          return (value as (...args: unknown[]) => unknown).call(target, type, ...rest);
        };
      },
    });
    manager = new ControllerManager(recording, { log });
    const resolveKind = (apiVersion: string, kind: string): ResourceType | undefined => {
      const served = root.kinds.resolveKind(apiVersion, kind);
      if (!served) return undefined;
      const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
      return { group: served.group, version, resource: served.definition.plural, kind: served.definition.kind, namespaced: served.definition.namespaced };
    };
    const env: ControllerEnv = { client, manager, members: new MemberConnections(), log, events: new EventRecorder(client, log), options: DEFAULT_CONTROLLER_OPTIONS, resolveKind };
    setupDependenciesDistributor(env);
    await manager.start();
  });
  after(async () => {
    manager.stop();
    await server.close();
  });

  test('a ConfigMap created after its workload was scheduled is attached to the workload binding of its namespace only', async () => {
    assert.equal(informed.has('configmaps'), false, 'no ConfigMap is cached before a workload to propagate with its dependencies refers to one');
    // Both namespaces run a workload "web" that wants a ConfigMap "settings", scheduled to different clusters.
    await client.create(resources.deployments, deployment('team-a', 'web', 'settings'));
    await client.create(resources.deployments, deployment('team-b', 'web', 'settings'));
    await client.create(RESOURCE_BINDINGS, parentBinding('team-a', 'web', ['member1']));
    await client.create(RESOURCE_BINDINGS, parentBinding('team-b', 'web', ['member2']));
    await manager.idle();
    assert.equal(await client.get(RESOURCE_BINDINGS, 'team-a', 'settings-configmap'), undefined, 'nothing to attach before the ConfigMap exists');
    assert.equal(informed.has('configmaps'), true, 'ConfigMaps are watched once a workload refers to one');
    assert.equal(informed.has('persistentvolumeclaims'), false, 'kinds no workload refers to stay unwatched');

    await client.create(resources.configmaps, configMap('team-a', 'settings'));
    await client.create(resources.configmaps, configMap('team-a', 'unrelated'));
    const attached = await eventually('settings attached in team-a', async () => client.get(RESOURCE_BINDINGS, 'team-a', 'settings-configmap'));
    assert.deepEqual((attached.spec as { requiredBy?: unknown }).requiredBy, [{ namespace: 'team-a', name: 'web-deployment', clusters: [{ name: 'member1' }] }]);
    await manager.idle();
    assert.equal(await client.get(RESOURCE_BINDINGS, 'team-a', 'unrelated-configmap'), undefined, 'a ConfigMap no workload references stays put');
    assert.equal(await client.get(RESOURCE_BINDINGS, 'team-b', 'settings-configmap'), undefined, "team-b's ConfigMap does not exist yet");

    await client.create(resources.configmaps, configMap('team-b', 'settings'));
    const other = await eventually('settings attached in team-b', async () => client.get(RESOURCE_BINDINGS, 'team-b', 'settings-configmap'));
    assert.deepEqual((other.spec as { requiredBy?: unknown }).requiredBy, [{ namespace: 'team-b', name: 'web-deployment', clusters: [{ name: 'member2' }] }]);
  });
});
