// Policy kinds: kyverno.io/v1 ClusterPolicy and Policy, wgpolicyk8s.io/v1alpha2 PolicyReport and
// ClusterPolicyReport, and admissionregistration.k8s.io ValidatingAdmissionPolicy(+Binding) served as CRDs.
// Kyverno's patterns, conditions and patches are free-form by design (upstream keeps them so too).

import type { KubeObject } from '../../machinery/object.js';
import { ageColumn, defineCrd, objectSchema, sameSchemaVersions, type PrinterColumnSpec } from './crd.js';
import { conditions, labelSelector, objectReference } from './fragments.js';
import { anyValue, arr, bool, freeObject, int32, int64, obj, oneOf, str, stringMap, strings, type Schema } from './schema.js';

const resourceDescription = (): Schema =>
  obj({
    kinds: strings(),
    names: strings(),
    name: str(),
    namespaces: strings(),
    annotations: stringMap(),
    selector: labelSelector(),
    namespaceSelector: labelSelector(),
    operations: arr(oneOf(['CREATE', 'CONNECT', 'UPDATE', 'DELETE'])),
  });

const subjects = (): Schema => arr(obj({ kind: str(), apiGroup: str(), name: str(), namespace: str() }, ['kind', 'name']));

const resourceFilter = (): Schema =>
  obj({ resources: resourceDescription(), subjects: subjects(), roles: strings(), clusterRoles: strings() });

const matchResources = (): Schema =>
  obj({
    any: arr(resourceFilter()),
    all: arr(resourceFilter()),
    resources: resourceDescription(),
    subjects: subjects(),
    roles: strings(),
    clusterRoles: strings(),
  });

const nameExpression = (): Schema => obj({ name: str(), expression: str() }, ['expression', 'name']);

const contextEntry = (): Schema =>
  obj(
    {
      name: str(),
      configMap: obj({ name: str(), namespace: str() }, ['name']),
      apiCall: freeObject(),
      imageRegistry: freeObject(),
      variable: obj({ value: anyValue(), jmesPath: str(), default: anyValue() }),
      globalReference: obj({ name: str(), jmesPath: str() }),
    },
    ['name'],
  );

const failureAction = (): Schema => oneOf(['Audit', 'Enforce']);

const validate = (): Schema =>
  obj({
    message: str(),
    failureAction: failureAction(),
    failureActionOverrides: arr(obj({ action: oneOf(['audit', 'enforce', 'Audit', 'Enforce']), namespaces: strings(), namespaceSelector: labelSelector() })),
    allowExistingViolations: bool({ default: true }),
    manifests: freeObject(),
    foreach: arr(freeObject()),
    pattern: anyValue(),
    anyPattern: anyValue(),
    deny: obj({ conditions: anyValue() }),
    podSecurity: obj({
      level: oneOf(['privileged', 'baseline', 'restricted']),
      version: str(),
      exclude: arr(obj({ controlName: str(), images: strings(), restrictedField: str(), values: strings() }, ['controlName'])),
    }),
    cel: obj({
      generate: bool(),
      expressions: arr(obj({ expression: str(), message: str(), messageExpression: str(), reason: str(), fieldPath: str() }, ['expression'])),
      paramKind: obj({ apiVersion: str(), kind: str() }),
      paramRef: obj({ name: str(), namespace: str(), selector: labelSelector(), parameterNotFoundAction: str() }),
      auditAnnotations: arr(obj({ key: str(), valueExpression: str() }, ['key', 'valueExpression'])),
      variables: arr(nameExpression()),
    }),
  });

const rule = (): Schema =>
  obj(
    {
      name: str({ maxLength: 63 }),
      context: arr(contextEntry()),
      match: matchResources(),
      exclude: matchResources(),
      preconditions: anyValue(),
      celPreconditions: arr(nameExpression()),
      mutate: obj({
        targets: arr(freeObject()),
        patchStrategicMerge: anyValue(),
        patchesJson6902: str(),
        foreach: arr(freeObject()),
        mutateExistingOnPolicyUpdate: bool(),
      }),
      validate: validate(),
      generate: obj({
        apiVersion: str(),
        kind: str(),
        name: str(),
        namespace: str(),
        uid: str(),
        synchronize: bool(),
        orphanDownstreamOnPolicyDelete: bool(),
        generateExisting: bool(),
        data: anyValue(),
        clone: obj({ namespace: str(), name: str() }),
        cloneList: obj({ namespace: str(), kinds: strings(), selector: labelSelector() }),
        foreach: arr(freeObject()),
      }),
      verifyImages: arr(
        obj({
          type: oneOf(['Cosign', 'SigstoreBundle', 'Notary']),
          imageReferences: strings(),
          skipImageReferences: strings(),
          attestors: arr(freeObject()),
          attestations: arr(freeObject()),
          repository: str(),
          mutateDigest: bool({ default: true }),
          verifyDigest: bool({ default: true }),
          required: bool({ default: true }),
          useCache: bool({ default: true }),
          failureAction: failureAction(),
          validate: obj({ message: str(), deny: obj({ conditions: anyValue() }) }),
          imageRegistryCredentials: obj({ allowInsecureRegistry: bool(), providers: strings(), secrets: strings() }),
        }),
      ),
      imageExtractors: freeObject(),
      skipBackgroundRequests: bool({ default: true }),
      reportProperties: stringMap(),
    },
    ['name'],
  );

const kyvernoPolicySchema = (): Schema =>
  objectSchema(
    {
      spec: obj({
        rules: arr(rule()),
        applyRules: oneOf(['All', 'One']),
        background: bool({ default: true }),
        admission: bool({ default: true }),
        failurePolicy: oneOf(['Ignore', 'Fail']),
        validationFailureAction: oneOf(['audit', 'enforce', 'Audit', 'Enforce'], { default: 'Audit' }),
        validationFailureActionOverrides: arr(
          obj({ action: oneOf(['audit', 'enforce', 'Audit', 'Enforce']), namespaces: strings(), namespaceSelector: labelSelector() }),
        ),
        emitWarning: bool({ default: false }),
        webhookTimeoutSeconds: int32(),
        webhookConfiguration: obj({
          failurePolicy: oneOf(['Ignore', 'Fail']),
          timeoutSeconds: int32(),
          matchConditions: arr(nameExpression()),
        }),
        mutateExistingOnPolicyUpdate: bool(),
        generateExisting: bool(),
        generateExistingOnPolicyUpdate: bool(),
        useServerSideApply: bool(),
        schemaValidation: bool(),
      }),
      status: obj({
        ready: bool(),
        conditions: conditions(),
        autogen: obj({ rules: arr(freeObject()) }),
        rulecount: obj({ validate: int32(), generate: int32(), mutate: int32(), verifyimages: int32() }, ['generate', 'mutate', 'validate', 'verifyimages']),
        validatingadmissionpolicy: obj({ generated: bool(), message: str() }, ['generated', 'message']),
      }),
    },
    { required: ['spec'] },
  );

const kyvernoColumns: PrinterColumnSpec[] = [
  { name: 'ADMISSION', type: 'boolean', jsonPath: '.spec.admission' },
  { name: 'BACKGROUND', type: 'boolean', jsonPath: '.spec.background' },
  { name: 'READY', type: 'string', jsonPath: '.status.conditions[?(@.type == "Ready")].status' },
  ageColumn(),
  { name: 'FAILURE POLICY', type: 'string', jsonPath: '.spec.failurePolicy', priority: 1 },
  { name: 'VALIDATE', type: 'integer', jsonPath: '.status.rulecount.validate', priority: 1 },
  { name: 'MUTATE', type: 'integer', jsonPath: '.status.rulecount.mutate', priority: 1 },
  { name: 'GENERATE', type: 'integer', jsonPath: '.status.rulecount.generate', priority: 1 },
];

const policyReportSchema = (): Schema =>
  objectSchema({
    scope: objectReference(),
    scopeSelector: labelSelector(),
    summary: obj({ pass: int32(), fail: int32(), warn: int32(), error: int32(), skip: int32() }),
    results: arr(
      obj(
        {
          source: str(),
          policy: str(),
          rule: str(),
          category: str(),
          severity: oneOf(['critical', 'high', 'low', 'medium', 'info']),
          timestamp: obj({ seconds: int64(), nanos: int32() }, ['nanos', 'seconds']),
          result: oneOf(['pass', 'fail', 'warn', 'error', 'skip']),
          scored: bool(),
          message: str(),
          properties: stringMap(),
          resources: arr(objectReference()),
          resourceSelector: labelSelector(),
        },
        ['policy'],
      ),
    ),
  });

const reportColumns: PrinterColumnSpec[] = [
  { name: 'Kind', type: 'string', jsonPath: '.scope.kind', priority: 1 },
  { name: 'Name', type: 'string', jsonPath: '.scope.name', priority: 1 },
  { name: 'Pass', type: 'integer', jsonPath: '.summary.pass' },
  { name: 'Fail', type: 'integer', jsonPath: '.summary.fail' },
  { name: 'Warn', type: 'integer', jsonPath: '.summary.warn' },
  { name: 'Error', type: 'integer', jsonPath: '.summary.error' },
  { name: 'Skip', type: 'integer', jsonPath: '.summary.skip' },
  ageColumn(),
];

const namedRuleWithOperations = (): Schema =>
  obj({
    apiGroups: strings({ 'x-kubernetes-list-type': 'atomic' }),
    apiVersions: strings({ 'x-kubernetes-list-type': 'atomic' }),
    operations: arr(oneOf(['*', 'CREATE', 'UPDATE', 'DELETE', 'CONNECT']), { 'x-kubernetes-list-type': 'atomic' }),
    resources: strings({ 'x-kubernetes-list-type': 'atomic' }),
    resourceNames: strings({ 'x-kubernetes-list-type': 'atomic' }),
    scope: oneOf(['*', 'Cluster', 'Namespaced']),
  }, undefined, { 'x-kubernetes-map-type': 'atomic' });

const admissionMatchResources = (): Schema =>
  obj({
    namespaceSelector: labelSelector(),
    objectSelector: labelSelector(),
    resourceRules: arr(namedRuleWithOperations(), { 'x-kubernetes-list-type': 'atomic' }),
    excludeResourceRules: arr(namedRuleWithOperations(), { 'x-kubernetes-list-type': 'atomic' }),
    matchPolicy: oneOf(['Exact', 'Equivalent'], { default: 'Equivalent' }),
  }, undefined, { 'x-kubernetes-map-type': 'atomic' });

const validatingAdmissionPolicySchema = (): Schema =>
  objectSchema({
    spec: obj({
      paramKind: obj({ apiVersion: str(), kind: str() }, undefined, { 'x-kubernetes-map-type': 'atomic' }),
      matchConstraints: admissionMatchResources(),
      validations: arr(
        obj({ expression: str(), message: str(), reason: str(), messageExpression: str() }, ['expression']),
        { 'x-kubernetes-list-type': 'atomic' },
      ),
      failurePolicy: oneOf(['Fail', 'Ignore'], { default: 'Fail' }),
      auditAnnotations: arr(obj({ key: str(), valueExpression: str() }, ['key', 'valueExpression']), { 'x-kubernetes-list-type': 'atomic' }),
      matchConditions: arr(nameExpression(), { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] }),
      variables: arr(nameExpression(), { 'x-kubernetes-list-type': 'atomic' }),
    }),
    status: obj({
      observedGeneration: int64(),
      typeChecking: obj({ expressionWarnings: arr(obj({ fieldRef: str(), warning: str() }, ['fieldRef', 'warning'])) }),
      conditions: conditions(),
    }),
  });

const validatingAdmissionPolicyBindingSchema = (): Schema =>
  objectSchema({
    spec: obj({
      policyName: str(),
      paramRef: obj({
        name: str(),
        namespace: str(),
        selector: labelSelector(),
        parameterNotFoundAction: oneOf(['Allow', 'Deny']),
      }, undefined, { 'x-kubernetes-map-type': 'atomic' }),
      matchResources: admissionMatchResources(),
      validationActions: arr(oneOf(['Deny', 'Warn', 'Audit']), { 'x-kubernetes-list-type': 'set' }),
    }),
  });

// A CRD in a *.k8s.io group needs this annotation; these kinds are built-in upstream (KEP-3488).
const K8S_GROUP_APPROVAL = { 'api-approved.kubernetes.io': 'https://github.com/kubernetes/enhancements/pull/3492' };

export const policyEngineCrds = (): KubeObject[] => [
  defineCrd({
    group: 'kyverno.io',
    kind: 'ClusterPolicy',
    scope: 'Cluster',
    shortNames: ['cpol'],
    categories: ['kyverno'],
    versions: [{ name: 'v1', schema: kyvernoPolicySchema(), columns: kyvernoColumns }],
  }),
  defineCrd({
    group: 'kyverno.io',
    kind: 'Policy',
    scope: 'Namespaced',
    shortNames: ['pol'],
    categories: ['kyverno'],
    versions: [{ name: 'v1', schema: kyvernoPolicySchema(), columns: kyvernoColumns }],
  }),
  defineCrd({
    group: 'wgpolicyk8s.io',
    kind: 'PolicyReport',
    scope: 'Namespaced',
    shortNames: ['polr'],
    versions: [{ name: 'v1alpha2', schema: policyReportSchema(), columns: reportColumns }],
  }),
  defineCrd({
    group: 'wgpolicyk8s.io',
    kind: 'ClusterPolicyReport',
    scope: 'Cluster',
    shortNames: ['cpolr'],
    versions: [{ name: 'v1alpha2', schema: policyReportSchema(), columns: reportColumns }],
  }),
  defineCrd({
    group: 'admissionregistration.k8s.io',
    kind: 'ValidatingAdmissionPolicy',
    scope: 'Cluster',
    categories: ['api-extensions'],
    annotations: K8S_GROUP_APPROVAL,
    versions: sameSchemaVersions(['v1beta1', 'v1'], 'v1', validatingAdmissionPolicySchema(), [ageColumn()]),
  }),
  defineCrd({
    group: 'admissionregistration.k8s.io',
    kind: 'ValidatingAdmissionPolicyBinding',
    scope: 'Cluster',
    categories: ['api-extensions'],
    annotations: K8S_GROUP_APPROVAL,
    versions: sameSchemaVersions(['v1beta1', 'v1'], 'v1', validatingAdmissionPolicyBindingSchema(), [
      { name: 'PolicyName', type: 'string', jsonPath: '.spec.policyName' },
      ageColumn(),
    ]),
  }),
];
