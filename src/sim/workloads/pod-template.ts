// A new pod from a controller's template (controller.GetPodFromTemplate): template labels, annotations
// and finalizers, generateName "<owner>-", the controller owner reference, and a copy of the spec.

import { deepClone } from '../../machinery/deep.js';
import type { OwnerReference } from '../../machinery/object.js';
import type { Pod, PodTemplateSpec } from './types-core.js';

export function podFromTemplate(template: PodTemplateSpec, namespace: string | undefined, ownerName: string, controllerRef: OwnerReference): Pod {
  const metadata: Pod['metadata'] = { generateName: `${ownerName}-` };
  if (namespace) metadata.namespace = namespace;
  const meta = template.metadata ?? {};
  if (meta.labels) metadata.labels = { ...meta.labels };
  if (meta.annotations) metadata.annotations = { ...meta.annotations };
  if (meta.finalizers?.length) metadata.finalizers = [...meta.finalizers];
  metadata.ownerReferences = [{ ...controllerRef }];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: deepClone(template.spec) };
}
