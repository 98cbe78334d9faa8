// The NamespaceLifecycle admission rule: namespaced objects are created only in namespaces that exist
// and are not being deleted.

import { ApiError, errors } from '../../machinery/errors.js';
import type { Store } from '../../storage/store.js';

export function checkNamespaceAcceptsCreate(store: Store, namespace: string | undefined): void {
  if (!namespace) throw errors.badRequest('the server could not find the requested resource: a namespace is required');
  const entry = store.get(`/core/namespaces/${namespace}`);
  if (!entry) throw errors.notFound('namespaces', '', namespace);
  if (entry.object.metadata.deletionTimestamp) {
    throw new ApiError(403, 'Forbidden', `unable to create new content in namespace ${namespace} because it is being terminated`, {
      name: namespace,
      kind: 'namespaces',
      causes: [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }],
    });
  }
}
