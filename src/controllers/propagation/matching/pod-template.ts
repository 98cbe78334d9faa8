// Where the pod spec lives in the workload kinds Karmada interprets natively (plus CronJob's job template).

import { isPlainObject, type KubeObject } from '../../../machinery/object.js';

// A Map, so that a kind named like an Object member ('toString', a legal CRD kind) is not found in it.
const POD_SPEC_PATHS = new Map<string, readonly string[]>([
  ['Pod', ['spec']],
  ['Deployment', ['spec', 'template', 'spec']],
  ['ReplicaSet', ['spec', 'template', 'spec']],
  ['StatefulSet', ['spec', 'template', 'spec']],
  ['DaemonSet', ['spec', 'template', 'spec']],
  ['Job', ['spec', 'template', 'spec']],
  ['CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
]);

/** The field path of the pod spec in a workload of this kind, or undefined for other kinds. */
export function podSpecPath(kind: string | undefined): readonly string[] | undefined {
  return kind === undefined ? undefined : POD_SPEC_PATHS.get(kind);
}

/** The pod spec object of a workload, or undefined when the kind has none or the object lacks it. */
export function podSpecOf(workload: KubeObject): Record<string, unknown> | undefined {
  const path = podSpecPath(workload.kind);
  if (!path) return undefined;
  let node: unknown = workload;
  for (const key of path) {
    if (!isPlainObject(node)) return undefined;
    node = node[key];
  }
  return isPlainObject(node) ? node : undefined;
}
