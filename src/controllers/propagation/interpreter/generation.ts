// Whether every member has caught up with the template's latest generation. The reflected status of a
// workload carries the member's own metadata.generation and, when the member copy is annotated with it,
// the template generation it was made from; the aggregator advances the template's observedGeneration
// only when every target cluster reports a status that observed both.

import type { KubeObject } from '../../../machinery/object.js';
import { generationOf, intAt, Malformed } from './read.js';
import type { Status, StatusItem } from './types.js';
import { setInt } from './write.js';

/** Stamped on member copies with the template's metadata.generation they were rendered from. */
export const RESOURCE_TEMPLATE_GENERATION_ANNOTATION = 'resourcetemplate.karmada.io/generation';

/** Adds `generation` and `resourceTemplateGeneration` (zero values omitted) to a reflected status. */
export function addFederatedGeneration(reflected: Status, member: KubeObject): void {
  setInt(reflected, { name: 'generation' }, generationOf(member));
  const annotation = member.metadata.annotations?.[RESOURCE_TEMPLATE_GENERATION_ANNOTATION];
  if (annotation === undefined) return;
  if (!/^-?\d+$/.test(annotation.trim())) throw new Malformed(`${RESOURCE_TEMPLATE_GENERATION_ANNOTATION}: ${annotation} is not an integer`);
  setInt(reflected, { name: 'resourceTemplateGeneration' }, Number(annotation.trim()));
}

/**
 * True when every item has a status whose observedGeneration equals the member's generation and, where
 * the member recorded one, whose resourceTemplateGeneration equals the template's generation.
 */
export function everyMemberObserved(items: readonly StatusItem[], templateGeneration: number): boolean {
  return items.every((item) => {
    if (!item.status) return false;
    const templateSeen = intAt(item.status, 'resourceTemplateGeneration');
    return intAt(item.status, 'observedGeneration') === intAt(item.status, 'generation') && (templateSeen === 0 || templateSeen === templateGeneration);
  });
}
