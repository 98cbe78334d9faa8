// The hub namespace karmada-es-<cluster> that holds a cluster's Works, made the first time one is needed.

import type { Informer } from '../../client/controller-types.js';
import { isAlreadyExists } from '../../client/errors.js';
import { resources } from '../../client/resources.js';
import type { Client } from '../../client/types.js';

export async function ensureExecutionNamespace(client: Client, namespaces: Informer, name: string): Promise<void> {
  if (namespaces.get(undefined, name)) return;
  await client.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }).catch((e: unknown) => {
    if (!isAlreadyExists(e)) throw e;
  });
}
