// apps.kurator.dev/v1alpha1: Application (GitOps sync with optional Flagger rollout, as upstream) and the
// seed's EdgeApplication.

import type { KubeObject } from '../../machinery/object.js';
import { ageColumn, defineCrd, KURATOR_CATEGORIES, objectSchema } from './crd.js';
import { conditions, crossNamespaceReference, labelSelector, podTemplateSpec } from './fragments.js';
import { canaryStatus, metricTemplateSpec, thresholdRange } from './flagger.js';
import {
  gitRepositorySpec,
  helmReleaseSpec,
  helmReleaseStatus,
  helmRepositorySpec,
  kustomizationFields,
  kustomizationStatus,
  ociRepositorySpec,
  sourceStatus,
} from './flux.js';
import { corsPolicy, headers, httpMatchRequest, httpRetry } from './istio.js';
import { arr, bool, int32, int64, looseDuration, obj, oneOf, str, stringMap, strings, type Schema } from './schema.js';

const destination = (): Schema =>
  obj({ fleet: str(), clusterSelector: obj({ matchLabels: stringMap() }) }, ['fleet']);

const customMetadata = (): Schema => obj({ labels: stringMap(), annotations: stringMap() });

const rolloutConfig = (): Schema =>
  obj(
    {
      testLoader: bool(),
      trafficRoutingProvider: oneOf(['istio', 'kuma', 'nginx']),
      workload: crossNamespaceReference(['name']),
      serviceName: str(),
      port: int32(),
      primary: customMetadata(),
      preview: customMetadata(),
      rolloutPolicy: obj({
        trafficRouting: obj({
          timeoutSeconds: int32(),
          gateways: strings(),
          hosts: strings(),
          retries: httpRetry(),
          headers: headers(),
          corsPolicy: corsPolicy(),
          host: str({ description: 'Ingress host (nginx provider).' }),
          protocol: str({ description: 'Application protocol (kuma provider); defaults to http.' }),
          canaryStrategy: obj({
            maxWeight: int32(),
            stepWeight: int32(),
            stepWeights: arr(int32()),
            stepWeightPromotion: int32(),
          }),
          analysisTimes: int32({ minimum: 0 }),
          match: arr(httpMatchRequest()),
        }),
        trafficAnalysis: obj(
          {
            checkIntervalSeconds: int32(),
            checkFailedTimes: int32({ minimum: 0 }),
            metrics: arr(
              obj(
                { name: str(), intervalSeconds: int32(), thresholdRange: thresholdRange(), customMetric: metricTemplateSpec() },
                ['name'],
              ),
            ),
            webhooks: obj({ timeoutSeconds: int32(), command: strings() }),
            sessionAffinity: obj({ cookieName: str(), maxAge: int32() }),
          },
          ['checkFailedTimes', 'checkIntervalSeconds'],
        ),
        rolloutTimeoutSeconds: int32(),
        skipTrafficAnalysis: bool(),
        revertOnDeletion: bool(),
        suspend: bool(),
      }),
    },
    ['port', 'rolloutPolicy', 'serviceName', 'workload'],
  );

const applicationSchema = (): Schema =>
  objectSchema({
    spec: obj(
      {
        source: obj({
          gitRepository: gitRepositorySpec(),
          helmRepository: helmRepositorySpec(),
          ociRepository: ociRepositorySpec(),
        }),
        syncPolicies: arr(
          obj({
            name: str(),
            kustomization: obj(kustomizationFields(), ['interval', 'prune']),
            helm: helmReleaseSpec('kurator'),
            destination: destination(),
            rollout: rolloutConfig(),
          }),
        ),
        destination: destination(),
      },
      ['source', 'syncPolicies'],
    ),
    status: obj({
      sourceStatus: obj({ gitRepoStatus: sourceStatus(), helmRepoStatus: sourceStatus(), ociRepoStatus: sourceStatus() }),
      syncStatus: arr(
        obj({
          name: str(),
          kustomizationStatus: kustomizationStatus(),
          HelmReleaseStatus: helmReleaseStatus(),
          rolloutStatus: obj({
            clusterName: str(),
            rolloutNameInCluster: str(),
            rolloutStatusInCluster: canaryStatus(),
          }),
        }),
      ),
      phase: str(),
      observedGeneration: int64(),
      conditions: conditions(),
    }),
  });

const edgeApplicationSchema = (): Schema =>
  objectSchema({
    spec: obj(
      {
        selector: obj({
          edgeSelector: labelSelector(),
          nodeSelector: stringMap(),
          fleet: str(),
          clusterSelector: obj({ matchLabels: stringMap() }),
        }),
        replicas: int32({ minimum: 0 }),
        template: podTemplateSpec(),
        offlineStrategy: obj({
          maxOfflineTime: looseDuration({ description: 'How long edge sites keep running the last known state without the hub.' }),
          recoveryPolicy: str({ description: 'How an edge site catches up when the hub is reachable again, e.g. FastSync.' }),
        }),
      },
      ['template'],
    ),
    status: obj({
      phase: str(),
      observedGeneration: int64(),
      conditions: conditions(),
      sites: arr(obj({ cluster: str(), node: str(), ready: bool(), lastSeen: { type: 'string', format: 'date-time' }, message: str() })),
      readyReplicas: int32(),
    }),
  });

export const kuratorAppsCrds = (): KubeObject[] => [
  defineCrd({
    group: 'apps.kurator.dev',
    kind: 'Application',
    scope: 'Namespaced',
    categories: KURATOR_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: applicationSchema(),
        columns: [{ name: 'PHASE', type: 'string', jsonPath: '.status.phase' }, ageColumn()],
      },
    ],
  }),
  defineCrd({
    group: 'apps.kurator.dev',
    kind: 'EdgeApplication',
    scope: 'Namespaced',
    categories: KURATOR_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: edgeApplicationSchema(),
        columns: [
          { name: 'PHASE', type: 'string', jsonPath: '.status.phase' },
          { name: 'READY', type: 'integer', jsonPath: '.status.readyReplicas' },
          ageColumn(),
        ],
      },
    ],
  }),
];
