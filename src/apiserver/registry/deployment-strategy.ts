// A Deployment's rollout strategy as kube-apiserver checks it: no rollingUpdate under Recreate; under
// RollingUpdate, maxSurge and maxUnavailable are non-negative integers or percentages, not both zero (a
// rollout could never move), and maxUnavailable at most 100%. Unset values are the defaults, 25%.

import type { StatusCause } from '../../machinery/errors.js';
import { isPlainObject } from '../../machinery/object.js';
import { fieldErrors } from '../../machinery/validation/field-errors.js';
import { goQuote } from '../../machinery/validation/go-format.js';

const PATH = 'spec.strategy.rollingUpdate';
const PERCENT = /^[0-9]+%$/;
const PERCENT_MESSAGE = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** Go's %#v of an intstr.IntOrString. */
function goIntOrString(value: number | string): string {
  return typeof value === 'number' ? `intstr.IntOrString{Type:0, IntVal:${value}, StrVal:""}` : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(value)}}`;
}

/** The amount a value stands for (a percentage's number), undefined when it is neither. */
function amountOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && PERCENT.test(value)) return Number(value.slice(0, -1));
  return undefined;
}

function valueCauses(value: unknown, at: string): StatusCause[] {
  if (typeof value === 'number') return value < 0 ? [fieldErrors.invalid(at, value, 'must be greater than or equal to 0')] : [];
  if (typeof value === 'string' && !PERCENT.test(value)) return [fieldErrors.invalidRendered(at, goIntOrString(value), PERCENT_MESSAGE)];
  return [];
}

export function deploymentStrategyCauses(spec: Record<string, unknown>): StatusCause[] {
  const strategy = spec.strategy;
  if (!isPlainObject(strategy)) return [];
  const rollingUpdate = strategy.rollingUpdate;
  if (strategy.type === 'Recreate') {
    return rollingUpdate === undefined ? [] : [fieldErrors.forbidden(PATH, "may not be specified when strategy `type` is 'Recreate'")];
  }
  if (!isPlainObject(rollingUpdate)) return [];
  const { maxUnavailable, maxSurge } = rollingUpdate;
  const causes = [...valueCauses(maxUnavailable, `${PATH}.maxUnavailable`), ...valueCauses(maxSurge, `${PATH}.maxSurge`)];
  if (amountOf(maxUnavailable) === 0 && amountOf(maxSurge) === 0) {
    causes.push(fieldErrors.invalidRendered(`${PATH}.maxUnavailable`, goIntOrString(maxUnavailable as number | string), 'may not be 0 when `maxSurge` is 0'));
  }
  if (typeof maxUnavailable === 'string' && PERCENT.test(maxUnavailable) && Number(maxUnavailable.slice(0, -1)) > 100) {
    causes.push(fieldErrors.invalidRendered(`${PATH}.maxUnavailable`, goIntOrString(maxUnavailable), 'must not be greater than 100%'));
  }
  return causes;
}
