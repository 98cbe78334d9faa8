// gitops.kurator.dev/v1alpha1 EdgeGitRepository (seed): GitOps for edge sites with an offline cache.

import type { KubeObject } from '../../machinery/object.js';
import { ageColumn, defineCrd, KURATOR_CATEGORIES, objectSchema } from './crd.js';
import { conditions, labelSelector, localObjectReference } from './fragments.js';
import { arr, bool, dateTime, int64, looseDuration, obj, oneOf, str, stringMap, type Schema } from './schema.js';

const edgeGitRepositorySchema = (): Schema =>
  objectSchema(
    {
      spec: obj(
        {
          url: str({ pattern: '^(http|https|ssh|file)://.*$' }),
          ref: obj({ branch: str(), tag: str(), semver: str(), commit: str() }),
          path: str(),
          secretRef: localObjectReference(),
          syncPolicy: obj({ type: oneOf(['Automated', 'Manual']), prune: bool(), selfHeal: bool() }),
          offlineCache: obj({ enabled: bool(), retentionPeriod: looseDuration() }),
          syncInterval: looseDuration(),
          target: obj({ edgeSelector: labelSelector(), fleet: str(), clusterSelector: obj({ matchLabels: stringMap() }) }),
        },
        ['url'],
      ),
      status: obj({
        observedGeneration: int64(),
        conditions: conditions(),
        lastSyncedRevision: str(),
        lastSyncTime: dateTime(),
        sites: arr(obj({ cluster: str(), node: str(), revision: str(), lastSyncTime: dateTime(), offline: bool() })),
      }),
    },
    { required: ['spec'] },
  );

export const kuratorEdgeCrds = (): KubeObject[] => [
  defineCrd({
    group: 'gitops.kurator.dev',
    kind: 'EdgeGitRepository',
    scope: 'Namespaced',
    categories: KURATOR_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: edgeGitRepositorySchema(),
        columns: [
          { name: 'URL', type: 'string', jsonPath: '.spec.url' },
          { name: 'REVISION', type: 'string', jsonPath: '.status.lastSyncedRevision' },
          ageColumn(),
        ],
      },
    ],
  }),
];
