// Node selection rules: nodeSelector and required node affinity (component-helpers nodeaffinity).
// Terms are ORed; the expressions and fields inside a term are ANDed; an empty term matches nothing.

import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from './types-core.js';

function parseInt64(text: string): number | undefined {
  return /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
}

function requirementMatches(req: NodeSelectorRequirement, values: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(values, req.key);
  const value = values[req.key];
  const list = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && list.includes(value!);
    case 'NotIn':
      return !has || !list.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || list.length !== 1) return false;
      const actual = parseInt64(value!);
      const bound = parseInt64(list[0]!);
      if (actual === undefined || bound === undefined) return false;
      return req.operator === 'Gt' ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}

export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  const fieldValues = { 'metadata.name': node.metadata.name ?? '' };
  return (
    exprs.every((r) => requirementMatches(r, labels)) &&
    fields.every((r) => r.key === 'metadata.name' && requirementMatches(r, fieldValues))
  );
}

/** spec.nodeSelector and requiredDuringSchedulingIgnoredDuringExecution both hold for the node. */
export function matchesRequiredNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return (required.nodeSelectorTerms ?? []).some((t) => termMatches(t, node));
}

/**
 * Node names a pod's required affinity pins it to through matchFields metadata.name In (the NodeAffinity
 * PreFilter result), or undefined when some term leaves every node eligible.
 */
export function pinnedNodeNames(pod: Pod): Set<string> | undefined {
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return undefined;
  let union: Set<string> | undefined;
  for (const term of terms) {
    let names: Set<string> | undefined;
    for (const r of term.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      names = names ? new Set([...names].filter((n) => s.has(n))) : s;
    }
    if (!names) return undefined;
    union = new Set([...(union ?? []), ...names]);
  }
  return union;
}
