// Progressive delivery kinds from the seeds: rollout.kurator.dev Rollout and slo.kurator.dev ServiceSLO.

import type { KubeObject } from '../../machinery/object.js';
import { ageColumn, defineCrd, KURATOR_CATEGORIES, objectSchema } from './crd.js';
import { conditions, crossNamespaceReference } from './fragments.js';
import { thresholdRange } from './flagger.js';
import { httpMatchRequest } from './istio.js';
import { arr, bool, dateTime, int32, int64, looseDuration, num, obj, str, stringMap, strings, type Schema } from './schema.js';

const rolloutSchema = (): Schema =>
  objectSchema(
    {
      spec: obj(
        {
          workloadRef: crossNamespaceReference(['kind', 'name']),
          destination: obj(
            { fleet: str(), clusterSelector: obj({ matchLabels: stringMap() }), clusters: strings() },
            undefined,
            { description: 'Member clusters to roll out in; none means the hub-local target.' },
          ),
          traffic: obj({
            istio: obj(
              {
                virtualService: str(),
                destinationRule: str(),
                stableSubset: str(),
                canarySubset: str(),
                routes: strings(),
              },
              ['virtualService'],
            ),
            nginx: obj({ ingress: str(), host: str() }, ['ingress']),
          }),
          metrics: arr(
            obj(
              {
                name: str(),
                query: str(),
                interval: looseDuration(),
                thresholdRange: thresholdRange(),
                templateRef: obj({ name: str(), namespace: str() }, ['name']),
              },
              ['name'],
            ),
          ),
          sloGates: arr(
            obj(
              { name: str(), namespace: str(), minErrorBudgetRemaining: num({ minimum: 0, maximum: 1 }) },
              ['name'],
              { description: 'A ServiceSLO whose error budget must hold for the rollout to advance.' },
            ),
          ),
          strategy: obj({
            canary: obj({
              initialWeight: int32({ minimum: 0, maximum: 100 }),
              stepWeight: int32({ minimum: 0, maximum: 100 }),
              stepWeights: arr(int32({ minimum: 0, maximum: 100 })),
              maxWeight: int32({ minimum: 0, maximum: 100 }),
              stepInterval: looseDuration(),
            }),
            abTesting: obj({ match: arr(httpMatchRequest()), iterations: int32({ minimum: 1 }), interval: looseDuration() }, ['match']),
            blueGreen: obj({ iterations: int32({ minimum: 1 }), interval: looseDuration() }),
          }),
          analysis: obj({ interval: looseDuration(), threshold: int32({ minimum: 1 }) }),
          progressDeadlineSeconds: int32(),
          skipAnalysis: bool(),
          suspend: bool(),
        },
        ['strategy', 'workloadRef'],
      ),
      status: obj({
        phase: str(),
        message: str(),
        canaryWeight: int32(),
        currentStep: int32(),
        iterations: int32(),
        failedChecks: int32(),
        observedGeneration: int64(),
        lastTransitionTime: dateTime(),
        conditions: conditions(),
        clusters: arr(obj({ name: str(), phase: str(), canaryWeight: int32(), message: str() }, ['name'])),
      }),
    },
    { required: ['spec'] },
  );

const serviceSloSchema = (): Schema =>
  objectSchema(
    {
      spec: obj(
        {
          service: str(),
          selector: stringMap({ description: 'Labels of the workload the SLO is about (e.g. app: checkout).' }),
          objective: obj(
            {
              availability: str({ pattern: '^[0-9]+(\\.[0-9]+)?$', description: 'Target availability in percent, e.g. "99.95".' }),
              latency: obj({ thresholdMs: num({ minimum: 0 }), percentile: num({ minimum: 0, maximum: 100 }) }, ['thresholdMs']),
            },
            ['availability'],
          ),
          window: looseDuration({ default: '30d' }),
          indicator: obj({ errorQuery: str(), totalQuery: str(), latencyQuery: str() }),
          errorBudgetPolicy: obj({
            burnRateAlerts: arr(
              obj(
                { shortWindow: looseDuration(), longWindow: looseDuration(), threshold: num({ minimum: 0 }), severity: str() },
                ['longWindow', 'shortWindow', 'threshold'],
              ),
            ),
          }),
        },
        ['objective'],
      ),
      status: obj({
        availability: num(),
        errorBudgetRemaining: num(),
        burnRates: arr(obj({ window: str(), rate: num() }, ['window'])),
        firingAlerts: strings(),
        lastEvaluationTime: dateTime(),
        observedGeneration: int64(),
        conditions: conditions(),
      }),
    },
    { required: ['spec'] },
  );

export const kuratorDeliveryCrds = (): KubeObject[] => [
  defineCrd({
    group: 'rollout.kurator.dev',
    kind: 'Rollout',
    scope: 'Namespaced',
    categories: KURATOR_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: rolloutSchema(),
        columns: [
          { name: 'PHASE', type: 'string', jsonPath: '.status.phase' },
          { name: 'WEIGHT', type: 'integer', jsonPath: '.status.canaryWeight' },
          { name: 'FAILED-CHECKS', type: 'integer', jsonPath: '.status.failedChecks', priority: 1 },
          ageColumn(),
        ],
      },
    ],
  }),
  defineCrd({
    group: 'slo.kurator.dev',
    kind: 'ServiceSLO',
    scope: 'Namespaced',
    categories: KURATOR_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: serviceSloSchema(),
        columns: [
          { name: 'OBJECTIVE', type: 'string', jsonPath: '.spec.objective.availability' },
          { name: 'WINDOW', type: 'string', jsonPath: '.spec.window' },
          { name: 'AVAILABILITY', type: 'number', jsonPath: '.status.availability' },
          { name: 'BUDGET-REMAINING', type: 'number', jsonPath: '.status.errorBudgetRemaining' },
          ageColumn(),
        ],
      },
    ],
  }),
];
