// IntOrString values scaled against a total (k8s.io/apimachinery intstr.GetScaledValueFromIntOrPercent).

import type { IntOrString } from './types-core.js';

export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean, fallback: IntOrString = 0): number {
  const v = value ?? fallback;
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v);
  if (!m) {
    if (/^-?\d+$/.test(v)) return Number(v);
    throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  }
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
