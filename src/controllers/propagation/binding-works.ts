// What the binder and the binding-status controller share about a binding's Works: finding them (an
// index on the binding label, not a scan of thousands of Works), finding a Work's binding, and the
// override failures the binder met, which the binding's status reports.

import type { Informer, ObjectKey } from '../../client/controller-types.js';
import type { ResourceType } from '../../client/types.js';
import type { KubeObject } from '../../machinery/object.js';
import { pacerKey } from './binding-status.js';
import { RESOURCE_BINDINGS, WORK_BINDING_ANNOTATIONS } from './kinds.js';
import { bindingLabel, CLUSTER_RESOURCE_BINDING_LABEL, RESOURCE_BINDING_LABEL } from './work-manifest.js';

const BY_BINDING = 'binding';

export class BindingWorks {
  /** Override failures of each binding's last Work sync, by bindingId(). */
  private readonly overrideErrors = new Map<string, string[]>();
  private readonly listeners: ((kind: string, key: ObjectKey) => void)[] = [];

  constructor(readonly works: Informer) {
    works.addIndex(BY_BINDING, (work) => {
      const labels = work.metadata.labels ?? {};
      return [RESOURCE_BINDING_LABEL, CLUSTER_RESOURCE_BINDING_LABEL].filter((k) => labels[k] !== undefined).map((k) => `${k}=${labels[k]}`);
    });
  }

  overrideErrorsOf(kind: string, key: ObjectKey): string[] {
    return this.overrideErrors.get(bindingId(kind, key)) ?? [];
  }

  /** Records a sync's override failures; listeners hear of a change. */
  setOverrideErrors(kind: string, key: ObjectKey, errors: string[] | undefined): void {
    const id = bindingId(kind, key);
    const before = this.overrideErrors.get(id) ?? [];
    if (errors?.length) this.overrideErrors.set(id, errors);
    else this.overrideErrors.delete(id);
    if (before.join('\n') !== (errors ?? []).join('\n')) for (const listener of this.listeners) listener(kind, key);
  }

  onOverrideErrorsChanged(listener: (kind: string, key: ObjectKey) => void): void {
    this.listeners.push(listener);
  }

  of(binding: KubeObject): KubeObject[] {
    const [labelKey, labelValue] = bindingLabel(binding);
    return this.works.byIndex(BY_BINDING, `${labelKey}=${labelValue}`);
  }
}

/** The binding (of bindingType) a Work belongs to, from the annotations the binder puts on it. */
export function bindingOfWork(bindingType: ResourceType): (work: KubeObject) => ObjectKey[] {
  return (work) => {
    const annotations = work.metadata.annotations ?? {};
    if (bindingType === RESOURCE_BINDINGS) {
      const namespace = annotations[WORK_BINDING_ANNOTATIONS.namespace];
      const name = annotations[WORK_BINDING_ANNOTATIONS.name];
      return namespace && name ? [{ namespace, name }] : [];
    }
    const name = annotations[WORK_BINDING_ANNOTATIONS.clusterName];
    return name ? [{ name }] : [];
  };
}

function bindingId(kind: string, key: ObjectKey): string {
  return pacerKey({ kind, metadata: key });
}
