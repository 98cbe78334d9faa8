// The scale subresource (autoscaling/v1 Scale) of Deployments, ReplicaSets, StatefulSets and CRDs that
// declare one: reads replicas and selector from the object, writes spec replicas back.

import { errors } from '../../machinery/errors.js';
import { evalJsonPath } from '../../machinery/jsonpath.js';
import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import { formatLabelSelector, labelSelectorFromSpec } from '../../machinery/labels.js';
import type { ServedResource } from '../registry/kind-registry.js';
import { deepClone } from '../../machinery/deep.js';

function scaleSpecOf(served: ServedResource) {
  const scale = served.version.subresources?.scale;
  if (!scale) throw errors.notFound(`${served.definition.plural}/scale`, served.group, '');
  return scale;
}

export function toScale(object: KubeObject, served: ServedResource): KubeObject {
  const scale = scaleSpecOf(served);
  const replicas = evalJsonPath(object, scale.specReplicasPath)[0];
  const statusReplicas = evalJsonPath(object, scale.statusReplicasPath)[0];
  const selector = scale.labelSelectorPath ? evalJsonPath(object, scale.labelSelectorPath)[0] : undefined;
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  const status: Record<string, unknown> = { replicas: typeof statusReplicas === 'number' ? statusReplicas : 0 };
  // Built-in workloads point at a LabelSelector object; Scale carries its string form.
  if (typeof selector === 'string') status.selector = selector;
  else if (isPlainObject(selector)) status.selector = formatLabelSelector(labelSelectorFromSpec(selector as Parameters<typeof labelSelectorFromSpec>[0]));
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: typeof replicas === 'number' ? replicas : 0 },
    status,
  };
}

/** Sets the object's spec replicas from a Scale; returns the updated copy. */
export function fromScale(object: KubeObject, scaleObject: unknown, served: ServedResource): KubeObject {
  const scale = scaleSpecOf(served);
  if (!isPlainObject(scaleObject) || !isPlainObject(scaleObject.spec)) throw errors.badRequest('a Scale object with spec.replicas is required');
  const replicas = scaleObject.spec.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw errors.invalid('Scale', 'autoscaling', object.metadata.name ?? '', [{ reason: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0` }]);
  }
  const path = scale.specReplicasPath.replace(/^\./, '').split('.');
  const next = deepClone(object) as Record<string, unknown>;
  let node = next;
  for (const part of path.slice(0, -1)) {
    if (!isPlainObject(node[part])) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = replicas;
  const meta = isPlainObject(scaleObject.metadata) ? scaleObject.metadata : {};
  const result = next as KubeObject;
  if (typeof meta.resourceVersion === 'string' && meta.resourceVersion) result.metadata.resourceVersion = meta.resourceVersion;
  return result;
}
