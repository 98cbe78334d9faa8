// The template a binding stands for, as an object reference events can be recorded against.

import type { KubeObject } from '../../machinery/object.js';
import type { BindingSpec } from './binding-spec.js';

export function templateOfBinding(spec: BindingSpec): KubeObject | undefined {
  const ref = spec.resource;
  if (!ref?.uid) return undefined;
  const metadata: KubeObject['metadata'] = { name: ref.name, uid: ref.uid };
  if (ref.namespace) metadata.namespace = ref.namespace;
  return { apiVersion: ref.apiVersion, kind: ref.kind, metadata };
}
