// Toleration matching with Kubernetes semantics (core/v1 Toleration.ToleratesTaint), shared by the
// simulated clusters' scheduler (node taints) and the hub's scheduler (cluster taints).

export interface TaintLike {
  key: string;
  value?: string;
  effect: string;
}

export interface TolerationLike {
  key?: string;
  /** "Equal" (also when empty or absent) or "Exists". */
  operator?: string;
  value?: string;
  effect?: string;
}

export function toleratesTaint(toleration: TolerationLike, taint: TaintLike): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}
