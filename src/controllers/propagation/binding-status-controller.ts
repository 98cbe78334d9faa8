// Status flowing back: whenever a binding's Works change (mostly their status, written by the execution
// controller), the binding's and its template's status are aggregated again (binding-status.ts). These
// summaries cover up to hundreds of Works, so each binding is looked at no more than once per interval;
// changes in between are carried by the next look.

import { defineController } from '../../client/controller.js';
import { WritePacer } from '../common/write-pacer.js';
import type { ControllerEnv } from '../env.js';
import { aggregateBindingStatus, completesApply, pacerKey, targetView } from './binding-status.js';
import { BINDING_TYPES, bindingSpecOf } from './binding-spec.js';
import { bindingOfWork, type BindingWorks } from './binding-works.js';
import { PIPELINE_WORKERS } from './concurrency.js';
import { bindingName, CLUSTER_RESOURCE_BINDINGS } from './kinds.js';
import type { TemplateKinds } from './templates.js';

/**
 * How often one binding's status may be aggregated: every look reads all its Works and rewrites a summary
 * of them all, so bindings with many Works are looked at less often (20 ms per Work, 1 to 5 s).
 */
const MIN_STATUS_INTERVAL_MS = 1000;

function statusIntervalMs(works: number): number {
  return Math.min(5000, Math.max(MIN_STATUS_INTERVAL_MS, works * 20));
}

export function setupBindingStatus(env: ControllerEnv, templates: TemplateKinds, bindingWorks: BindingWorks): void {
  // Every write passes its binding's own interval (statusIntervalMs); the default is only the floor.
  const pacer = new WritePacer(MIN_STATUS_INTERVAL_MS);

  for (const bindingType of BINDING_TYPES) {
    const bindings = env.manager.informer(bindingType);
    const controller = defineController(
      {
        name: `binding-status/${bindingType.kind}`,
        for: bindings,
        workers: PIPELINE_WORKERS,
        watches: [{ informer: bindingWorks.works, map: bindingOfWork(bindingType) }],
        reconcile: async (key) => {
          const id = pacerKey({ kind: bindingType.kind, metadata: key });
          const binding = bindings.get(key.namespace, key.name);
          if (!binding) pacer.forget(id);
          if (!binding || binding.metadata.deletionTimestamp) return;
          const view = targetView(binding);
          const works = bindingWorks.of(binding).filter((w) => view.wanted.has(w.metadata.namespace ?? ''));
          // Within the interval after a write, wait without aggregating (the Works keep changing) unless
          // the last of them has just been applied.
          const urgent = completesApply(binding, works, view);
          const early = urgent ? 0 : pacer.wait(id);
          if (early > 0) return { requeueAfterMs: early };
          const found = templates.templateOf(bindingSpecOf(binding).resource);
          if (!found) return;
          const { kind, template } = found;
          const overrideErrors = bindingWorks.overrideErrorsOf(bindingType.kind, key);
          const wait = await aggregateBindingStatus(env, { binding, bindingType, template, templateType: kind.type, works, overrideErrors, pacer, paceMs: statusIntervalMs(works.length), urgent });
          return wait === undefined ? undefined : { requeueAfterMs: wait };
        },
      },
      { log: env.log },
    );
    env.manager.add(controller);
    bindingWorks.onOverrideErrorsChanged((kind, key) => kind === bindingType.kind && controller.enqueue(key));
    // A new template generation changes what "up to date" means for the members' copies.
    templates.onAnyKind(({ type, informer }) => {
      if ((bindingType === CLUSTER_RESOURCE_BINDINGS) === type.namespaced) return;
      informer.addHandlers({
        update: (old, template) => {
          if (old.metadata.generation !== template.metadata.generation) controller.enqueue({ namespace: template.metadata.namespace, name: bindingName(template.metadata.name ?? '', type.kind) });
        },
      });
    });
  }
}
