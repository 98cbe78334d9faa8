// Maps storage errors onto the Status errors a client sees.

import { ApiError, errors } from '../../machinery/errors.js';
import { StoreError } from '../../storage/store.js';
import type { ServedResource } from '../registry/kind-registry.js';

export function toApiError(error: unknown, served: ServedResource, name: string): unknown {
  if (!(error instanceof StoreError)) return error;
  const { plural } = served.definition;
  switch (error.code) {
    case 'AlreadyExists':
      return errors.alreadyExists(plural, served.group, name);
    case 'NotFound':
      return errors.notFound(plural, served.group, name);
    case 'Conflict':
      return errors.conflict(plural, served.group, name);
    case 'Compacted':
      return errors.expired(error.message);
    default:
      return new ApiError(500, 'InternalError', `Internal error occurred: ${error.message}`);
  }
}

export function isStoreConflict(error: unknown): boolean {
  return error instanceof StoreError && error.code === 'Conflict';
}
