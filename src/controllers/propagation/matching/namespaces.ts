// The seed's `placement.namespaceAffinity` (not in upstream Karmada): a policy with it propagates matching
// resources only from the namespaces it admits. Like ClusterAffinity, `exclude` is checked first and the other
// criteria that are set are ANDed. Cluster-scoped resources are not in any namespace and are not restricted.

import { labelSelectorFromSpec, matchesLabels } from '../../../machinery/labels.js';
import type { NamespaceAffinity } from './types.js';

/**
 * `namespaceLabels` are the labels of the resource's Namespace object; a `labelSelector` is evaluated against
 * them (no labels when the caller does not know them).
 */
export function namespaceAdmitted(
  namespace: string | undefined,
  affinity: NamespaceAffinity | null | undefined,
  namespaceLabels: Record<string, string> = {},
): boolean {
  if (!affinity || !namespace) return true;
  if ((affinity.exclude ?? []).includes(namespace)) return false;
  const names = affinity.namespaces ?? [];
  if (names.length > 0 && !names.includes(namespace)) return false;
  if (affinity.labelSelector != null) {
    try {
      return matchesLabels(labelSelectorFromSpec(affinity.labelSelector), namespaceLabels);
    } catch {
      return false;
    }
  }
  return true;
}
