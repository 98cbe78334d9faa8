// pipeline.kurator.dev/v1alpha1 Pipeline (upstream tasks plus the seed's repo, template/params/runAfter and
// chainSecurity) and the seed's staged cd.kurator.dev/v1alpha1 Pipeline.

import type { KubeObject } from '../../machinery/object.js';
import { ageColumn, defineCrd, KURATOR_CATEGORIES, objectSchema } from './crd.js';
import { conditions, keyValueEnv, resourceRequirements } from './fragments.js';
import { arr, bool, dateTime, int32, int64, obj, oneOf, str, stringMap, strings, type Schema } from './schema.js';

const runStatus = (): Schema =>
  obj({ name: str(), phase: str(), startTime: dateTime(), completionTime: dateTime(), message: str() }, ['name']);

const ciPipelineSchema = (): Schema =>
  objectSchema(
    {
      spec: obj(
        {
          description: str(),
          repo: obj({ url: str(), revision: str() }, ['url']),
          tasks: arr(
            obj(
              {
                name: str(),
                retries: int32({ minimum: 0 }),
                predefinedTask: obj(
                  { name: oneOf(['git-clone', 'go-test', 'go-lint', 'build-and-push-image']), params: stringMap() },
                  ['name'],
                ),
                customTask: obj({
                  image: str(),
                  command: strings(),
                  args: strings(),
                  env: keyValueEnv(),
                  resourceRequirements: resourceRequirements(),
                  script: str(),
                }),
                template: str({ description: 'Name of a task template (seed form), e.g. git-clone or syft-sbom.' }),
                params: arr(obj({ name: str(), value: str() }, ['name', 'value'])),
                runAfter: strings(),
              },
              ['name'],
            ),
            { minItems: 1 },
          ),
          sharedWorkspace: obj({
            accessMode: oneOf(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'], { default: 'ReadWriteOnce' }),
            storageRequest: str({ default: '1Gi', pattern: '^[0-9]+(Gi|Mi)$' }),
            storageClassName: str(),
            volumeMode: oneOf(['Filesystem', 'Block']),
          }),
          chainSecurity: obj({
            enabled: bool(),
            attestation: obj({
              type: str({ description: 'Provenance format, e.g. in-toto or slsa/v1.' }),
              store: obj({ type: str({ description: 'e.g. oci or tekton' }), url: str() }, ['type']),
            }),
            signing: obj({ keyRef: str(), keyless: bool() }),
          }),
        },
        ['tasks'],
      ),
      status: obj({
        phase: str(),
        eventListenerServiceName: str(),
        observedGeneration: int64(),
        conditions: conditions(),
        lastRun: obj({ name: str(), phase: str(), revision: str(), startTime: dateTime(), completionTime: dateTime(), tasks: arr(runStatus()) }),
      }),
    },
    { required: ['spec'] },
  );

const cdPipelineSchema = (): Schema =>
  objectSchema(
    {
      spec: obj(
        {
          stages: arr(
            obj(
              {
                name: str(),
                type: oneOf(['automatic', 'manual'], { description: 'manual stages wait for an approval.' }),
                steps: arr(
                  obj({ name: str(), description: str(), image: str(), script: strings(), command: strings(), args: strings(), env: keyValueEnv() }, ['name']),
                ),
                dependsOn: strings(),
              },
              ['name'],
            ),
            { minItems: 1 },
          ),
          trigger: obj({
            git: obj({ repo: str(), branch: str(), events: arr(oneOf(['push', 'pull_request', 'tag'])) }, ['repo']),
          }),
          approvals: arr(obj({ stage: str(), approvedBy: str(), approvedAt: dateTime() }, ['stage'])),
        },
        ['stages'],
      ),
      status: obj({
        phase: str(),
        currentStage: str(),
        revision: str(),
        observedGeneration: int64(),
        conditions: conditions(),
        stages: arr(runStatus()),
      }),
    },
    { required: ['spec'] },
  );

const columns = [
  { name: 'PHASE', type: 'string' as const, jsonPath: '.status.phase' },
  ageColumn(),
];

export const kuratorPipelineCrds = (): KubeObject[] => [
  defineCrd({
    group: 'pipeline.kurator.dev',
    kind: 'Pipeline',
    scope: 'Namespaced',
    categories: KURATOR_CATEGORIES,
    versions: [{ name: 'v1alpha1', schema: ciPipelineSchema(), columns }],
  }),
  defineCrd({
    group: 'cd.kurator.dev',
    kind: 'Pipeline',
    scope: 'Namespaced',
    categories: KURATOR_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: cdPipelineSchema(),
        columns: [columns[0]!, { name: 'STAGE', type: 'string', jsonPath: '.status.currentStage' }, ageColumn()],
      },
    ],
  }),
];
