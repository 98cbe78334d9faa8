// Flux subset: source.toolkit.fluxcd.io GitRepository/HelmRepository/OCIRepository,
// kustomize.toolkit.fluxcd.io Kustomization, helm.toolkit.fluxcd.io HelmRelease. The spec builders are
// shared with apps.kurator.dev Application, which embeds the same Flux types.

import type { KubeObject } from '../../machinery/object.js';
import { ageColumn, defineCrd, objectSchema, sameSchemaVersions, type PrinterColumnSpec } from './crd.js';
import { conditions, localObjectReference } from './fragments.js';
import { anyValue, arr, bool, dateTime, freeObject, goDuration, int32, int64, obj, oneOf, str, stringMap, strings, type Schema } from './schema.js';

const FLUX_CATEGORIES = ['flux'];

const accessFrom = (): Schema =>
  obj({ namespaceSelectors: arr(obj({ matchLabels: stringMap() })) }, ['namespaceSelectors']);

const crossNamespaceDependency = (): Schema => obj({ name: str(), namespace: str() }, ['name']);

const kubeConfigReference = (): Schema =>
  obj({
    secretRef: obj({ name: str(), key: str() }, ['name']),
    configMapRef: localObjectReference(),
  });

const commonMetadata = (): Schema => obj({ annotations: stringMap(), labels: stringMap() });

const verification = (): Schema =>
  obj(
    {
      provider: oneOf(['cosign', 'notation'], { default: 'cosign' }),
      secretRef: localObjectReference(),
      matchOIDCIdentity: arr(obj({ issuer: str(), subject: str() }, ['issuer', 'subject'])),
    },
    ['provider'],
  );

export const gitRepositorySpec = (): Schema =>
  obj(
    {
      url: str({ pattern: '^(http|https|ssh)://.*$' }),
      secretRef: localObjectReference(),
      provider: oneOf(['generic', 'azure', 'github']),
      serviceAccountName: str(),
      interval: goDuration(),
      timeout: goDuration({ default: '60s' }),
      ref: obj({ branch: str(), tag: str(), semver: str(), name: str(), commit: str() }),
      verify: obj({ mode: oneOf(['head', 'HEAD', 'Tag', 'TagAndHEAD']), secretRef: localObjectReference() }),
      proxySecretRef: localObjectReference(),
      ignore: str(),
      suspend: bool(),
      gitImplementation: oneOf(['go-git', 'libgit2']),
      recurseSubmodules: bool(),
      include: arr(obj({ repository: localObjectReference(), fromPath: str(), toPath: str() }, ['repository'])),
      sparseCheckout: strings(),
      accessFrom: accessFrom(),
    },
    ['interval', 'url'],
  );

export const helmRepositorySpec = (): Schema =>
  obj(
    {
      url: str({ pattern: '^(http|https|oci)://.*$' }),
      secretRef: localObjectReference(),
      certSecretRef: localObjectReference(),
      passCredentials: bool(),
      interval: goDuration(),
      insecure: bool(),
      timeout: goDuration(),
      suspend: bool(),
      accessFrom: accessFrom(),
      type: oneOf(['default', 'oci']),
      provider: oneOf(['generic', 'aws', 'azure', 'gcp'], { default: 'generic' }),
    },
    ['url'],
  );

export const ociRepositorySpec = (): Schema =>
  obj(
    {
      url: str({ pattern: '^oci://.*$' }),
      ref: obj({ digest: str(), semver: str(), semverFilter: str(), tag: str() }),
      layerSelector: obj({ mediaType: str(), operation: oneOf(['extract', 'copy']) }),
      provider: oneOf(['generic', 'aws', 'azure', 'gcp'], { default: 'generic' }),
      secretRef: localObjectReference(),
      verify: verification(),
      serviceAccountName: str(),
      certSecretRef: localObjectReference(),
      proxySecretRef: localObjectReference(),
      interval: goDuration(),
      timeout: goDuration({ default: '60s' }),
      ignore: str(),
      insecure: bool(),
      suspend: bool(),
    },
    ['interval', 'url'],
  );

const kustomizePatch = (): Schema =>
  obj(
    {
      patch: str(),
      target: obj({
        group: str(),
        version: str(),
        kind: str(),
        name: str(),
        namespace: str(),
        labelSelector: str(),
        annotationSelector: str(),
      }),
    },
    ['patch'],
  );

const kustomizeImage = (): Schema => obj({ name: str(), newName: str(), newTag: str(), digest: str() }, ['name']);

/** The Kustomization fields Kurator's Application sync policy carries (no source reference of its own). */
export const kustomizationFields = (): Record<string, Schema> => ({
  dependsOn: arr(crossNamespaceDependency()),
  interval: goDuration(),
  retryInterval: goDuration(),
  path: str(),
  prune: bool(),
  patches: arr(kustomizePatch()),
  images: arr(kustomizeImage()),
  targetNamespace: str({ maxLength: 63, minLength: 1 }),
  timeout: goDuration(),
  force: bool({ default: false }),
  suspend: bool(),
  components: strings(),
  commonMetadata: commonMetadata(),
});

const fluxKustomizationSpec = (): Schema =>
  obj(
    {
      ...kustomizationFields(),
      sourceRef: obj(
        { apiVersion: str(), kind: oneOf(['OCIRepository', 'GitRepository', 'Bucket']), name: str(), namespace: str() },
        ['kind', 'name'],
      ),
      wait: bool(),
      healthChecks: arr(obj({ apiVersion: str(), kind: str(), name: str(), namespace: str() }, ['kind', 'name'])),
      decryption: obj({ provider: oneOf(['sops']), secretRef: localObjectReference() }, ['provider']),
      kubeConfig: kubeConfigReference(),
      postBuild: obj({
        substitute: stringMap(),
        substituteFrom: arr(obj({ kind: oneOf(['Secret', 'ConfigMap']), name: str(), optional: bool({ default: false }) }, ['kind', 'name'])),
      }),
      serviceAccountName: str(),
      patchesStrategicMerge: arr(freeObject()),
      patchesJson6902: arr(
        obj(
          {
            patch: arr(obj({ op: oneOf(['test', 'remove', 'add', 'replace', 'move', 'copy']), path: str(), from: str(), value: anyValue() }, ['op', 'path'])),
            target: obj({ group: str(), version: str(), kind: str(), name: str(), namespace: str(), labelSelector: str(), annotationSelector: str() }),
          },
          ['patch', 'target'],
        ),
      ),
      validation: oneOf(['none', 'client', 'server']),
      deletionPolicy: oneOf(['MirrorPrune', 'Delete', 'WaitForTermination', 'Orphan']),
      namePrefix: str(),
      nameSuffix: str(),
    },
    ['interval', 'prune', 'sourceRef'],
  );

const remediation = (upgrade: boolean): Schema =>
  obj({
    retries: int32(),
    ignoreTestFailures: bool(),
    remediateLastFailure: bool(),
    ...(upgrade ? { strategy: oneOf(['rollback', 'uninstall', 'retry']) } : {}),
  });

const crdPolicy = (): Schema => oneOf(['Skip', 'Create', 'CreateReplace']);

/**
 * HelmRelease spec. Flux's kind names its chart source (chart.spec.sourceRef, or chartRef since v2); Kurator's
 * Application sync policy always has a chart and takes the source from the Application itself.
 */
export const helmReleaseSpec = (flavor: 'flux' | 'kurator'): Schema => {
  const sourceRequired = flavor === 'flux';
  const chartSpec = obj(
    {
      chart: str({ maxLength: 2048, minLength: 1 }),
      version: str({ default: '*' }),
      sourceRef: obj(
        { apiVersion: str(), kind: oneOf(['HelmRepository', 'GitRepository', 'Bucket']), name: str(), namespace: str() },
        ['kind', 'name'],
      ),
      interval: goDuration(),
      reconcileStrategy: oneOf(['ChartVersion', 'Revision'], { default: 'ChartVersion' }),
      valuesFiles: strings(),
      valuesFile: str(),
      ignoreMissingValuesFiles: bool(),
      verify: verification(),
    },
    sourceRequired ? ['chart', 'sourceRef'] : ['chart'],
  );
  return obj(
    {
      chart: obj({ spec: chartSpec, metadata: commonMetadata() }, ['spec']),
      chartRef: obj({ apiVersion: str(), kind: oneOf(['OCIRepository', 'HelmChart']), name: str(), namespace: str() }, ['kind', 'name']),
      interval: goDuration(),
      kubeConfig: kubeConfigReference(),
      suspend: bool(),
      releaseName: str({ maxLength: 53, minLength: 1 }),
      targetNamespace: str({ maxLength: 63, minLength: 1 }),
      storageNamespace: str({ maxLength: 63, minLength: 1 }),
      dependsOn: arr(crossNamespaceDependency()),
      timeout: goDuration(),
      maxHistory: int32(),
      serviceAccountName: str(),
      persistentClient: bool(),
      driftDetection: obj({
        mode: oneOf(['enabled', 'warn', 'disabled']),
        ignore: arr(
          obj(
            {
              paths: strings(),
              target: obj({ group: str(), version: str(), kind: str(), name: str(), namespace: str(), labelSelector: str(), annotationSelector: str() }),
            },
            ['paths'],
          ),
        ),
      }),
      install: obj({
        timeout: goDuration(),
        remediation: remediation(false),
        disableWait: bool(),
        disableWaitForJobs: bool(),
        disableHooks: bool(),
        disableOpenAPIValidation: bool(),
        disableSchemaValidation: bool(),
        replace: bool(),
        skipCRDs: bool(),
        crds: crdPolicy(),
        createNamespace: bool(),
      }),
      upgrade: obj({
        timeout: goDuration(),
        remediation: remediation(true),
        disableWait: bool(),
        disableWaitForJobs: bool(),
        disableHooks: bool(),
        disableOpenAPIValidation: bool(),
        disableSchemaValidation: bool(),
        force: bool(),
        preserveValues: bool(),
        cleanupOnFail: bool(),
        crds: crdPolicy(),
      }),
      test: obj({
        enable: bool(),
        timeout: goDuration(),
        ignoreFailures: bool(),
        filters: arr(obj({ name: str(), exclude: bool() }, ['name'])),
      }),
      rollback: obj({
        timeout: goDuration(),
        disableWait: bool(),
        disableWaitForJobs: bool(),
        disableHooks: bool(),
        recreate: bool(),
        force: bool(),
        cleanupOnFail: bool(),
      }),
      uninstall: obj({
        timeout: goDuration(),
        disableHooks: bool(),
        keepHistory: bool(),
        disableWait: bool(),
        deletionPropagation: oneOf(['background', 'foreground', 'orphan'], { default: 'background' }),
      }),
      valuesFrom: arr(
        obj(
          {
            kind: oneOf(['Secret', 'ConfigMap']),
            name: str({ maxLength: 253, minLength: 1 }),
            valuesKey: str({ maxLength: 253 }),
            targetPath: str({ maxLength: 250 }),
            optional: bool(),
          },
          ['kind', 'name'],
        ),
      ),
      values: freeObject({ description: 'Helm values: free-form by nature.' }),
      postRenderers: arr(
        obj({
          kustomize: obj({
            patches: arr(kustomizePatch()),
            patchesStrategicMerge: arr(freeObject()),
            images: arr(kustomizeImage()),
          }),
        }),
      ),
      commonMetadata: commonMetadata(),
    },
    sourceRequired ? ['interval'] : ['chart', 'interval'],
  );
};

const artifact = (): Schema =>
  obj(
    { path: str(), url: str(), revision: str(), digest: str(), lastUpdateTime: dateTime(), size: int64(), metadata: stringMap() },
    ['lastUpdateTime', 'path', 'revision', 'url'],
  );

export const sourceStatus = (): Schema =>
  obj({
    observedGeneration: int64(),
    conditions: conditions(),
    url: str(),
    artifact: artifact(),
    includedArtifacts: arr(artifact()),
    contentConfigChecksum: str(),
    observedIgnore: str(),
    observedRecurseSubmodules: bool(),
    observedLayerSelector: obj({ mediaType: str(), operation: str() }),
    lastHandledReconcileAt: str(),
  });

export const kustomizationStatus = (): Schema =>
  obj({
    observedGeneration: int64(),
    conditions: conditions(),
    lastAppliedRevision: str(),
    lastAttemptedRevision: str(),
    lastHandledReconcileAt: str(),
    inventory: obj({ entries: arr(obj({ id: str(), v: str() }, ['id', 'v'])) }, ['entries']),
  });

export const helmReleaseStatus = (): Schema =>
  obj({
    observedGeneration: int64(),
    conditions: conditions(),
    helmChart: str(),
    lastAppliedRevision: str(),
    lastAttemptedRevision: str(),
    lastAttemptedValuesChecksum: str(),
    lastReleaseRevision: int32(),
    lastAttemptedGeneration: int64(),
    lastAttemptedReleaseAction: oneOf(['install', 'upgrade']),
    lastHandledReconcileAt: str(),
    failures: int64(),
    installFailures: int64(),
    upgradeFailures: int64(),
    storageNamespace: str(),
    history: arr(
      obj(
        {
          name: str(),
          namespace: str(),
          version: int32(),
          status: str(),
          chartName: str(),
          chartVersion: str(),
          appVersion: str(),
          configDigest: str(),
          digest: str(),
          firstDeployed: dateTime(),
          lastDeployed: dateTime(),
          deleted: dateTime(),
          testHooks: freeObject(),
          ociDigest: str(),
        },
        ['chartName', 'chartVersion', 'configDigest', 'digest', 'firstDeployed', 'lastDeployed', 'name', 'namespace', 'status', 'version'],
      ),
    ),
  });

const readyColumns = (first: PrinterColumnSpec[] = []): PrinterColumnSpec[] => [
  ...first,
  ageColumn(),
  { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
  { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message' },
];

function source(kind: string, shortName: string, spec: Schema): KubeObject {
  const schema = objectSchema({ spec, status: sourceStatus() });
  return defineCrd({
    group: 'source.toolkit.fluxcd.io',
    kind,
    scope: 'Namespaced',
    shortNames: [shortName],
    categories: FLUX_CATEGORIES,
    versions: sameSchemaVersions(['v1beta2', 'v1'], 'v1', schema, readyColumns([{ name: 'URL', type: 'string', jsonPath: '.spec.url' }]), ['v1beta2']),
  });
}

export const fluxCrds = (): KubeObject[] => [
  source('GitRepository', 'gitrepo', gitRepositorySpec()),
  source('HelmRepository', 'helmrepo', helmRepositorySpec()),
  source('OCIRepository', 'ocirepo', ociRepositorySpec()),
  defineCrd({
    group: 'kustomize.toolkit.fluxcd.io',
    kind: 'Kustomization',
    scope: 'Namespaced',
    shortNames: ['ks'],
    categories: FLUX_CATEGORIES,
    versions: sameSchemaVersions(
      ['v1beta2', 'v1'],
      'v1',
      objectSchema({ spec: fluxKustomizationSpec(), status: kustomizationStatus() }),
      readyColumns(),
      ['v1beta2'],
    ),
  }),
  defineCrd({
    group: 'helm.toolkit.fluxcd.io',
    kind: 'HelmRelease',
    scope: 'Namespaced',
    shortNames: ['hr'],
    categories: FLUX_CATEGORIES,
    versions: sameSchemaVersions(
      ['v2beta1', 'v2beta2', 'v2'],
      'v2',
      objectSchema({ spec: helmReleaseSpec('flux'), status: helmReleaseStatus() }),
      readyColumns(),
      ['v2beta1', 'v2beta2'],
    ),
  }),
];

