// Resource selectors of propagation and override policies, with Karmada's implicit priority: a selector that
// names the object beats one that matches it by labels, which beats one that matches its whole kind.

import { labelSelectorFromSpec, matchesLabels } from '../../../machinery/labels.js';
import type { KubeObject } from '../../../machinery/object.js';
import type { ResourceSelector } from './types.js';

export const ImplicitPriority = {
  MisMatch: 0,
  MatchAll: 1,
  MatchLabelSelector: 2,
  MatchName: 3,
} as const;
export type ImplicitPriority = (typeof ImplicitPriority)[keyof typeof ImplicitPriority];

/** How specifically `selector` selects `template`; MisMatch (0) when it does not select it at all. */
export function selectorPriority(template: KubeObject, selector: ResourceSelector): ImplicitPriority {
  if (template.apiVersion !== selector.apiVersion || template.kind !== selector.kind) return ImplicitPriority.MisMatch;
  if (selector.namespace && (template.metadata.namespace ?? '') !== selector.namespace) return ImplicitPriority.MisMatch;
  if (selector.name) return selector.name === template.metadata.name ? ImplicitPriority.MatchName : ImplicitPriority.MisMatch;
  if (selector.labelSelector == null) return ImplicitPriority.MatchAll;
  try {
    const requirements = labelSelectorFromSpec(selector.labelSelector);
    return matchesLabels(requirements, template.metadata.labels) ? ImplicitPriority.MatchLabelSelector : ImplicitPriority.MisMatch;
  } catch {
    // An invalid selector selects nothing, as upstream (the webhook normally rejects it).
    return ImplicitPriority.MisMatch;
  }
}

export function resourceMatches(template: KubeObject, selector: ResourceSelector): boolean {
  return selectorPriority(template, selector) > ImplicitPriority.MisMatch;
}

/** The highest priority over a list of selectors (MisMatch for an empty list). */
export function selectorsPriority(template: KubeObject, selectors: readonly ResourceSelector[] | undefined): ImplicitPriority {
  let best: ImplicitPriority = ImplicitPriority.MisMatch;
  for (const selector of selectors ?? []) {
    const priority = selectorPriority(template, selector);
    if (priority > best) best = priority;
  }
  return best;
}

export function resourceMatchesAny(template: KubeObject, selectors: readonly ResourceSelector[] | undefined): boolean {
  return selectorsPriority(template, selectors) > ImplicitPriority.MisMatch;
}
