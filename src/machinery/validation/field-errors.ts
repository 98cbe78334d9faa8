// Field errors as StatusCauses, rendered like apimachinery's field.Error.ErrorBody(): the cause message is
// everything after "<field>: ", and the reason is the field.ErrorType.

import type { StatusCause } from '../errors.js';
import { goErrorValue } from './go-format.js';

function cause(reason: string, field: string, message: string): StatusCause {
  return field ? { reason, message, field } : { reason, message };
}

function withDetail(body: string, detail: string): string {
  return detail ? `${body}: ${detail}` : body;
}

export const fieldErrors = {
  required: (field: string, detail = ''): StatusCause => cause('FieldValueRequired', field, withDetail('Required value', detail)),
  forbidden: (field: string, detail: string): StatusCause => cause('FieldValueForbidden', field, withDetail('Forbidden', detail)),
  invalid: (field: string, value: unknown, detail: string): StatusCause =>
    cause('FieldValueInvalid', field, withDetail(`Invalid value: ${goErrorValue(value)}`, detail)),
  /** Invalid with a bad value already rendered (Go structs, which render as ordered JSON). */
  invalidRendered: (field: string, renderedValue: string, detail: string): StatusCause =>
    cause('FieldValueInvalid', field, withDetail(`Invalid value: ${renderedValue}`, detail)),
  typeInvalid: (field: string, value: unknown, detail: string): StatusCause =>
    cause('FieldValueTypeInvalid', field, withDetail(`Invalid value: ${goErrorValue(value)}`, detail)),
  notSupported: (field: string, value: unknown, supported: readonly string[]): StatusCause =>
    cause(
      'FieldValueNotSupported',
      field,
      withDetail(`Unsupported value: ${goErrorValue(value)}`, supported.length ? `supported values: ${supported.map((s) => goErrorValue(s)).join(', ')}` : ''),
    ),
  duplicate: (field: string, value: unknown): StatusCause => cause('FieldValueDuplicate', field, `Duplicate value: ${goErrorValue(value)}`),
  notFound: (field: string, value: unknown): StatusCause => cause('FieldValueNotFound', field, `Not found: ${goErrorValue(value)}`),
  tooLong: (field: string, maxBytes: number): StatusCause =>
    cause('FieldValueTooLong', field, maxBytes >= 0 ? `Too long: may not be more than ${maxBytes} ${maxBytes === 1 ? 'byte' : 'bytes'}` : 'Too long: value is too long'),
  tooMany: (field: string, actual: number, max: number): StatusCause =>
    cause(
      'FieldValueTooMany',
      field,
      withDetail(actual >= 0 ? `Too many: ${actual}` : 'Too many', max >= 0 ? `must have at most ${max} ${max === 1 ? 'item' : 'items'}` : 'has too many items'),
    ),
};

// field.Path rendering: children joined with '.', map keys and indices in brackets.

export function childPath(parent: string, name: string): string {
  return parent ? `${parent}.${name}` : name;
}

export function keyPath(parent: string, key: string): string {
  return `${parent}[${key}]`;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}
