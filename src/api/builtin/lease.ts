// coordination.k8s.io/v1 Lease: leader election and node heartbeats.

import { dateTime, int32, object, string } from './schema-builders.js';
import { AGE_COLUMN, stringAt } from './cells.js';
import { defineKind } from './define-kind.js';

export const leaseKind = defineKind({
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  generation: false,
  plural: 'leases',
  namespaced: true,
  description: 'A lock held by one holder for a duration; used for leader election and heartbeats.',
  properties: {
    spec: object(
      {
        holderIdentity: string({ description: 'Who holds the lease.' }),
        leaseDurationSeconds: int32({ description: 'How long the lease lasts after its last renewal.' }),
        acquireTime: dateTime({ description: 'When the current holder acquired the lease.' }),
        renewTime: dateTime({ description: 'When the holder last renewed the lease.' }),
        leaseTransitions: int32({ description: 'How many times the lease changed holders.' }),
        strategy: string(),
        preferredHolder: string(),
      },
      { description: 'Holder and timing of the lease.' },
    ),
  },
  printerColumns: [
    { name: 'Holder', type: 'string', description: 'Current holder of the lease.', value: (o) => stringAt(o, 'spec', 'holderIdentity') ?? '' },
    AGE_COLUMN,
  ],
});
