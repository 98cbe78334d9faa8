// flagger.app/v1beta1: Canary, MetricTemplate, AlertProvider — what Kurator's rollout writes into member clusters.

import type { KubeObject } from '../../machinery/object.js';
import { ageColumn, defineCrd, objectSchema } from './crd.js';
import { crossNamespaceReference, localObjectReference, looseCondition } from './fragments.js';
import { corsPolicy, headers, httpMatchRequest, httpRetry } from './istio.js';
import { arr, bool, dateTime, freeObject, int32, intOrString, num, obj, oneOf, str, stringMap, strings, type Schema } from './schema.js';

const FLAGGER_CATEGORIES = ['flagger'];

export const thresholdRange = (): Schema => obj({ min: num({ format: 'double' }), max: num({ format: 'double' }) });

export const metricTemplateSpec = (): Schema =>
  obj(
    {
      provider: obj(
        {
          type: oneOf(['prometheus', 'influxdb', 'datadog', 'cloudwatch', 'newrelic', 'graphite', 'dynatrace', 'keptn', 'splunk', 'stackdriver']),
          address: str(),
          secretRef: localObjectReference(),
          insecureSkipVerify: bool(),
          region: str(),
        },
        ['type'],
      ),
      query: str(),
    },
    ['provider'],
  );

const customMetadata = (): Schema => obj({ labels: stringMap(), annotations: stringMap() });

const canarySpec = (): Schema =>
  obj(
    {
      provider: str(),
      metricsServer: str(),
      targetRef: crossNamespaceReference(['kind', 'name']),
      autoscalerRef: obj({
        apiVersion: str(),
        kind: str(),
        name: str(),
        primaryScalerQueries: stringMap(),
        primaryScalerReplicas: obj({ minReplicas: int32(), maxReplicas: int32() }),
      }, ['kind', 'name']),
      ingressRef: crossNamespaceReference(['kind', 'name']),
      routeRef: crossNamespaceReference(['kind', 'name']),
      upstreamRef: crossNamespaceReference(['kind', 'name']),
      service: obj(
        {
          name: str(),
          port: int32(),
          portName: str(),
          targetPort: intOrString(),
          appProtocol: str(),
          portDiscovery: bool(),
          timeout: str(),
          gateways: strings(),
          gatewayRefs: arr(obj({ group: str(), kind: str(), name: str(), namespace: str(), sectionName: str(), port: int32() }, ['name'])),
          hosts: strings(),
          trafficPolicy: freeObject({ description: 'Istio DestinationRule trafficPolicy.' }),
          match: arr(httpMatchRequest()),
          rewrite: obj({ uri: str(), authority: str(), type: str() }),
          retries: httpRetry(),
          headers: headers(),
          corsPolicy: corsPolicy(),
          mirror: freeObject(),
          backends: strings(),
          apex: customMetadata(),
          primary: customMetadata(),
          canary: customMetadata(),
          delegation: bool(),
          meshName: str(),
        },
        ['port'],
      ),
      skipAnalysis: bool(),
      analysis: obj({
        interval: str(),
        iterations: int32(),
        mirror: bool(),
        mirrorWeight: int32(),
        maxWeight: int32(),
        stepWeight: int32(),
        stepWeights: arr(int32()),
        stepWeightPromotion: int32(),
        threshold: int32(),
        primaryReadyThreshold: int32(),
        canaryReadyThreshold: int32(),
        alerts: arr(obj({ name: str(), severity: oneOf(['info', 'warn', 'error']), providerRef: crossNamespaceReference() }, ['name', 'providerRef'])),
        metrics: arr(
          obj(
            {
              name: str(),
              interval: str(),
              threshold: num({ format: 'double' }),
              thresholdRange: thresholdRange(),
              query: str(),
              templateRef: crossNamespaceReference(),
              templateVariables: stringMap(),
            },
            ['name'],
          ),
        ),
        webhooks: arr(
          obj(
            {
              name: str(),
              type: oneOf(['', 'confirm-rollout', 'pre-rollout', 'rollout', 'confirm-traffic-increase', 'confirm-promotion', 'post-rollout', 'event', 'rollback']),
              url: str(),
              muteAlert: bool(),
              timeout: str(),
              retries: int32(),
              metadata: stringMap(),
              disableTLS: bool(),
            },
            ['name', 'url'],
          ),
        ),
        match: arr(httpMatchRequest()),
        sessionAffinity: obj({ cookieName: str(), maxAge: int32(), primaryCookieName: str() }),
      }),
      progressDeadlineSeconds: int32(),
      revertOnDeletion: bool(),
      suspend: bool(),
    },
    ['service', 'targetRef'],
  );

export const canaryStatus = (): Schema =>
  obj({
    phase: oneOf(['', 'Initializing', 'Initialized', 'Waiting', 'Progressing', 'WaitingPromotion', 'Promoting', 'Finalising', 'Succeeded', 'Failed', 'Terminating', 'Terminated']),
    failedChecks: int32(),
    canaryWeight: int32(),
    iterations: int32(),
    previousIterations: int32(),
    trackedConfigs: stringMap(),
    lastAppliedSpec: str(),
    lastPromotedSpec: str(),
    lastTransitionTime: dateTime(),
    conditions: arr(looseCondition()),
  });

export const flaggerCrds = (): KubeObject[] => [
  defineCrd({
    group: 'flagger.app',
    kind: 'Canary',
    scope: 'Namespaced',
    categories: FLAGGER_CATEGORIES,
    versions: [
      {
        name: 'v1beta1',
        schema: objectSchema({ spec: canarySpec(), status: canaryStatus() }, { required: ['spec'] }),
        columns: [
          { name: 'Status', type: 'string', jsonPath: '.status.phase' },
          { name: 'Weight', type: 'string', jsonPath: '.status.canaryWeight' },
          { name: 'FailedChecks', type: 'string', jsonPath: '.status.failedChecks', priority: 1 },
          { name: 'Interval', type: 'string', jsonPath: '.spec.analysis.interval', priority: 1 },
          { name: 'StepWeight', type: 'string', jsonPath: '.spec.analysis.stepWeight', priority: 1 },
          { name: 'MaxWeight', type: 'string', jsonPath: '.spec.analysis.maxWeight', priority: 1 },
          { name: 'LastTransitionTime', type: 'string', jsonPath: '.status.lastTransitionTime' },
        ],
      },
    ],
  }),
  defineCrd({
    group: 'flagger.app',
    kind: 'MetricTemplate',
    scope: 'Namespaced',
    categories: FLAGGER_CATEGORIES,
    versions: [
      {
        name: 'v1beta1',
        schema: objectSchema({ spec: metricTemplateSpec() }, { required: ['spec'] }),
        columns: [{ name: 'Provider', type: 'string', jsonPath: '.spec.provider.type' }, ageColumn()],
      },
    ],
  }),
  defineCrd({
    group: 'flagger.app',
    kind: 'AlertProvider',
    scope: 'Namespaced',
    categories: FLAGGER_CATEGORIES,
    versions: [
      {
        name: 'v1beta1',
        schema: objectSchema(
          {
            spec: obj(
              {
                type: oneOf(['slack', 'msteams', 'discord', 'rocket', 'gchat']),
                channel: str(),
                username: str(),
                address: str(),
                proxy: str(),
                secretRef: localObjectReference(),
              },
              ['type'],
            ),
            status: obj({ observedGeneration: { type: 'integer', format: 'int64' }, conditions: arr(looseCondition()) }),
          },
          { required: ['spec'] },
        ),
        columns: [{ name: 'Type', type: 'string', jsonPath: '.spec.type' }, ageColumn()],
      },
    ],
  }),
];

