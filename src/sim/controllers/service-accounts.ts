// kube-controller-manager's serviceaccount controller: every active namespace of a simulated cluster has
// a ServiceAccount named "default", made again if it is deleted, so pods that name none and
// `kubectl create token default` find it as on a real cluster.

import { defineController } from '../../client/controller.js';
import type { Informer } from '../../client/controller-types.js';
import { resources } from '../../client/resources.js';
import type { KubeObject } from '../../machinery/object.js';
import type { SimContext } from './context.js';
import { tolerant } from './owned.js';

const DEFAULT_SERVICE_ACCOUNT = 'default';

function isActive(namespace: KubeObject | undefined): boolean {
  if (!namespace || namespace.metadata.deletionTimestamp) return false;
  return (namespace.status as { phase?: string } | undefined)?.phase !== 'Terminating';
}

export function setupServiceAccountController(ctx: SimContext, namespaces: Informer, serviceAccounts: Informer): void {
  ctx.manager.add(
    defineController({
      name: `${ctx.cluster}/serviceaccount`,
      for: namespaces,
      // Only a namespace's arrival or the loss of its default account can leave one missing.
      forUpdated: () => false,
      watches: [
        {
          informer: serviceAccounts,
          map: (account) => (account.metadata.name === DEFAULT_SERVICE_ACCOUNT && account.metadata.namespace ? [{ name: account.metadata.namespace }] : []),
          added: () => false,
          updated: () => false,
        },
      ],
      reconcile: async (key) => {
        if (!isActive(namespaces.get(undefined, key.name))) return;
        if (serviceAccounts.get(key.name, DEFAULT_SERVICE_ACCOUNT)) return;
        const account: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace: key.name } };
        // A namespace that began terminating meanwhile refuses it (403): nothing is owed to it then.
        try {
          await tolerant(ctx.client.create(resources.serviceaccounts, account));
        } catch (error) {
          if ((error as { code?: number }).code !== 403) throw error;
        }
      },
    }),
  );
}
