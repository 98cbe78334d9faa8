// Kubernetes conditions: replace one by type, keeping lastTransitionTime when the status did not change.

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime?: string;
  observedGeneration?: number | undefined;
}

export function setCondition(existing: unknown, condition: Condition): Condition[] {
  const list = Array.isArray(existing) ? (existing as Condition[]) : [];
  const previous = list.find((c) => c.type === condition.type);
  const next: Condition = { ...condition, lastTransitionTime: previous && previous.status === condition.status && previous.lastTransitionTime ? previous.lastTransitionTime : new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
  if (next.observedGeneration === undefined) delete next.observedGeneration;
  // Replaced in place: several writers each own a condition, and moving it would look like a change.
  return previous ? list.map((c) => (c.type === condition.type ? next : c)) : [...list, next];
}
