// backup.kurator.dev/v1alpha1: Backup, Restore and Migrate (fleet-wide, Velero-shaped policies).

import type { KubeObject } from '../../machinery/object.js';
import { ageColumn, defineCrd, KURATOR_CATEGORIES, objectSchema } from './crd.js';
import { labelSelector, looseCondition, objectReference } from './fragments.js';
import { arr, bool, freeObject, goDuration, obj, str, stringMap, strings, type Schema } from './schema.js';

const destination = (): Schema => obj({ fleet: str(), clusters: arr(objectReference()) }, ['fleet']);

const resourceFilter = (): Schema =>
  obj({
    includedNamespaces: strings(),
    excludedNamespaces: strings(),
    includedResources: strings(),
    excludedResources: strings(),
    includeClusterResources: { type: 'boolean', nullable: true },
    includedClusterScopedResources: strings(),
    excludedClusterScopedResources: strings(),
    includedNamespaceScopedResources: strings(),
    excludedNamespaceScopedResources: strings(),
    labelSelector: labelSelector(),
    orLabelSelectors: arr(labelSelector()),
  });

const includeExclude = (): Schema => obj({ includedResources: strings(), excludedResources: strings() });

const clusterDetail = (verb: 'backup' | 'restore'): Schema =>
  obj({
    clusterName: str(),
    clusterKind: str(),
    [`${verb}NameInCluster`]: str(),
    [`${verb}StatusInCluster`]: freeObject({ description: `The member's Velero ${verb} status, copied as is.` }),
  });

const phaseColumn = { name: 'PHASE', type: 'string' as const, jsonPath: '.status.phase' };

export const kuratorBackupCrds = (): KubeObject[] => [
  defineCrd({
    group: 'backup.kurator.dev',
    kind: 'Backup',
    scope: 'Namespaced',
    categories: KURATOR_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: objectSchema({
          spec: obj(
            {
              schedule: str({ description: 'Cron expression; none means a one-shot backup.' }),
              destination: destination(),
              policy: obj({ resourceFilter: resourceFilter(), ttl: goDuration(), orderedResources: stringMap() }),
            },
            ['destination'],
          ),
          status: obj({ phase: str(), conditions: arr(looseCondition()), backupDetails: arr(clusterDetail('backup')) }),
        }),
        columns: [{ name: 'SCHEDULE', type: 'string', jsonPath: '.spec.schedule' }, phaseColumn, ageColumn()],
      },
    ],
  }),
  defineCrd({
    group: 'backup.kurator.dev',
    kind: 'Restore',
    scope: 'Namespaced',
    categories: KURATOR_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: objectSchema({
          spec: obj(
            {
              backupName: str(),
              destination: destination(),
              policy: obj({
                resourceFilter: resourceFilter(),
                namespaceMapping: stringMap(),
                preserveStatus: includeExclude(),
                preserveNodePorts: bool(),
              }),
            },
            ['backupName'],
          ),
          status: obj({ phase: str(), conditions: arr(looseCondition()), restoreDetails: arr(clusterDetail('restore')) }),
        }),
        columns: [{ name: 'BACKUP', type: 'string', jsonPath: '.spec.backupName' }, phaseColumn, ageColumn()],
      },
    ],
  }),
  defineCrd({
    group: 'backup.kurator.dev',
    kind: 'Migrate',
    scope: 'Namespaced',
    categories: KURATOR_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: objectSchema({
          spec: obj(
            {
              sourceCluster: destination(),
              targetCluster: destination(),
              policy: obj({
                resourceFilter: resourceFilter(),
                orderedResources: stringMap(),
                namespaceMapping: stringMap(),
                migrateStatus: includeExclude(),
                preserveNodePorts: bool(),
              }),
            },
            ['sourceCluster', 'targetCluster'],
          ),
          status: obj({
            phase: str(),
            conditions: arr(looseCondition()),
            sourceClusterStatus: clusterDetail('backup'),
            targetClusterStatus: arr(clusterDetail('restore')),
          }),
        }),
        columns: [phaseColumn, ageColumn()],
      },
    ],
  }),
];
