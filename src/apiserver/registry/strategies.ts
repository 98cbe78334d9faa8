// The built-in kinds whose create/update need more than the generic lifecycle.

import { deepEqual } from '../../machinery/deep.js';
import { isPlainObject, setOwnProperty, type KubeObject } from '../../machinery/object.js';
import type { StatusCause } from '../../machinery/errors.js';
import { validatePodSpec } from '../../machinery/validation/pod-spec.js';
import { specValidation, strategyKey, type KindStrategy } from './strategy.js';
import { crdStrategy } from './crd-strategy.js';
import { deploymentStrategyCauses } from './deployment-strategy.js';
import { generatedSelectorCauses, generateJobSelector } from './job-selector.js';
import { serviceStrategy } from './service-strategy.js';
import { serviceKind } from '../../api/builtin/service.js';
import type { Store } from '../../storage/store.js';
import { resourcePrefix } from '../rest/keys.js';
import { jobTemplateCauses, replicatedWorkloadCauses } from './workload-validation.js';
import { createClusterIpAllocator } from './cluster-ip.js';
import { rbacStrategies } from '../auth/rbac/strategies.js';
import { reviewStrategies } from '../auth/review/strategies.js';

const namespaceStrategy: KindStrategy = {
  prepareForCreate(object) {
    const spec = isPlainObject(object.spec) ? object.spec : {};
    spec.finalizers = ['kubernetes'];
    object.spec = spec;
    object.status = { phase: 'Active' };
    const labels = { ...(object.metadata.labels ?? {}) };
    labels['kubernetes.io/metadata.name'] = object.metadata.name ?? '';
    object.metadata.labels = labels;
  },
  prepareForUpdate(object, old) {
    // spec.finalizers change only through /finalize; the name label always matches the name.
    object.spec = old.spec;
    if (old.metadata.deletionTimestamp) object.status = old.status;
    const labels = { ...(object.metadata.labels ?? {}) };
    labels['kubernetes.io/metadata.name'] = object.metadata.name ?? '';
    object.metadata.labels = labels;
  },
  pendingFinalizers(object) {
    const spec = isPlainObject(object.spec) ? object.spec : {};
    return Array.isArray(spec.finalizers) && spec.finalizers.length > 0;
  },
  prepareForDeletion(object) {
    object.status = { ...(isPlainObject(object.status) ? object.status : {}), phase: 'Terminating' };
  },
  subresourceUpdate(subresource, object, old) {
    if (subresource !== 'finalize') return undefined;
    const spec = isPlainObject(object.spec) ? object.spec : {};
    const oldSpec = isPlainObject(old.spec) ? old.spec : {};
    return { ...old, metadata: { ...old.metadata }, spec: { ...oldSpec, finalizers: Array.isArray(spec.finalizers) ? spec.finalizers : [] } };
  },
};

const podStrategy: KindStrategy = {
  prepareForCreate(object) {
    object.status = { phase: 'Pending', qosClass: qosClassOf(object) };
  },
  validate: specValidation((object) => validatePodSpec(object.spec, 'spec')),
};

/** Secret.stringData is write-only convenience: merged into data (base64) and dropped. */
const secretStrategy: KindStrategy = {
  prepareForCreate: foldStringData,
  prepareForUpdate: (object) => foldStringData(object),
  validate(object) {
    const causes: StatusCause[] = [];
    const data = object.data;
    if (isPlainObject(data)) {
      let size = 0;
      for (const [key, value] of Object.entries(data)) {
        if (!/^[-._a-zA-Z0-9]+$/.test(key)) causes.push({ reason: 'FieldValueInvalid', field: `data[${key}]`, message: `Invalid value: "${key}": a valid config key must consist of alphanumeric characters, '-', '_' or '.'` });
        if (typeof value === 'string') size += Buffer.byteLength(value, 'base64');
      }
      if (size > 1024 * 1024) causes.push({ reason: 'FieldValueTooLong', field: 'data', message: 'Too long: must have at most 1048576 bytes' });
    }
    return causes;
  },
};

function foldStringData(object: KubeObject): void {
  const stringData = object.stringData;
  if (!isPlainObject(stringData)) {
    delete object.stringData;
    return;
  }
  const data: Record<string, unknown> = isPlainObject(object.data) ? { ...object.data } : {};
  for (const [key, value] of Object.entries(stringData)) setOwnProperty(data, key, Buffer.from(String(value), 'utf8').toString('base64'));
  object.data = data;
  delete object.stringData;
}

const configMapStrategy: KindStrategy = {
  validate(object) {
    const causes: StatusCause[] = [];
    for (const field of ['data', 'binaryData'] as const) {
      const values = object[field];
      if (!isPlainObject(values)) continue;
      for (const key of Object.keys(values)) {
        if (!/^[-._a-zA-Z0-9]+$/.test(key)) causes.push({ reason: 'FieldValueInvalid', field: `${field}[${key}]`, message: `Invalid value: "${key}": a valid config key must consist of alphanumeric characters, '-', '_' or '.'` });
      }
    }
    return causes;
  },
};

/** Replica counts are never negative (kube-apiserver's apps validation); selector and template as workload-validation.ts checks them. */
function replicatedStrategy(kindWord: string): KindStrategy {
  return {
    validate: specValidation((object) => {
      const spec = isPlainObject(object.spec) ? object.spec : {};
      const replicas = spec.replicas;
      const causes = replicatedWorkloadCauses(object, kindWord);
      if (typeof replicas === 'number' && replicas < 0) {
        causes.unshift({ reason: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${replicas}: must be greater than or equal to 0` });
      }
      return causes;
    }),
  };
}

/**
 * A Deployment's rollout strategy is checked too (deployment-strategy.ts), and it counts changes to its
 * annotations in generation, as kube-apiserver's strategy does (annotations once carried its rollback
 * requests): `kubectl annotate` is a change the controller observes.
 */
const replicatedDeployment = replicatedStrategy('deployment');
const validateRollout = specValidation((object) => deploymentStrategyCauses(isPlainObject(object.spec) ? object.spec : {}));
const deploymentStrategy: KindStrategy = {
  validate: (object, old) => [...replicatedDeployment.validate!(object, old), ...validateRollout(object, old)],
  prepareForUpdate(object, old) {
    const generation = old.metadata.generation ?? 0;
    if (!deepEqual(object.metadata.annotations ?? {}, old.metadata.annotations ?? {})) object.metadata.generation = generation + 1;
  },
};

const daemonSetStrategy: KindStrategy = { validate: specValidation((object) => replicatedWorkloadCauses(object, 'daemonset')) };
const validateJobTemplate = specValidation((object) => jobTemplateCauses(object, ['spec', 'template']));
const jobStrategy: KindStrategy = {
  prepareForCreate: generateJobSelector,
  validate: (object, old) => [...(old === undefined ? generatedSelectorCauses(object) : []), ...validateJobTemplate(object, old)],
};
const cronJobStrategy: KindStrategy = { validate: specValidation((object) => jobTemplateCauses(object, ['spec', 'jobTemplate', 'spec', 'template'])) };

function qosClassOf(pod: KubeObject): string {
  const spec = isPlainObject(pod.spec) ? pod.spec : {};
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  let anyRequest = false;
  let guaranteed = containers.length > 0;
  for (const container of containers) {
    const resources = isPlainObject(container) && isPlainObject(container.resources) ? container.resources : {};
    const requests = isPlainObject(resources.requests) ? resources.requests : {};
    const limits = isPlainObject(resources.limits) ? resources.limits : {};
    if (Object.keys(requests).length > 0 || Object.keys(limits).length > 0) anyRequest = true;
    for (const r of ['cpu', 'memory']) {
      if (limits[r] === undefined || (requests[r] !== undefined && String(requests[r]) !== String(limits[r]))) guaranteed = false;
    }
  }
  if (guaranteed) return 'Guaranteed';
  return anyRequest ? 'Burstable' : 'BestEffort';
}

/** `store` is the cluster's own (Services' node ports are unique across it). */
export function builtinStrategies(store?: Store): Map<string, KindStrategy> {
  const services = (): KubeObject[] => (store ? store.list(resourcePrefix(serviceKind)).items.map((entry) => entry.object) : []);
  return new Map<string, KindStrategy>([
    [strategyKey('', 'Namespace'), namespaceStrategy],
    [strategyKey('', 'Pod'), podStrategy],
    [strategyKey('', 'Secret'), secretStrategy],
    [strategyKey('', 'ConfigMap'), configMapStrategy],
    [strategyKey('', 'Service'), serviceStrategy(createClusterIpAllocator(), services)],
    [strategyKey('apps', 'Deployment'), deploymentStrategy],
    // kube-apiserver's ReplicaSet check names "deployment" in its empty-selector message too.
    [strategyKey('apps', 'ReplicaSet'), replicatedStrategy('deployment')],
    [strategyKey('apps', 'StatefulSet'), replicatedStrategy('statefulset')],
    [strategyKey('apps', 'DaemonSet'), daemonSetStrategy],
    [strategyKey('batch', 'Job'), jobStrategy],
    [strategyKey('batch', 'CronJob'), cronJobStrategy],
    [strategyKey('apiextensions.k8s.io', 'CustomResourceDefinition'), crdStrategy],
    ...rbacStrategies(),
    ...reviewStrategies(),
  ]);
}
