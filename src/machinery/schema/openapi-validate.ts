// The OpenAPI value validation the API server runs on custom resources (kube-openapi's SchemaValidator as
// apiextensions-apiserver maps its results to field errors). Checks run in upstream's order — type,
// allOf/anyOf/oneOf/not, string, format, number, array, enum, object — and messages name the value by its
// dotted path ("spec.replicas in body should be ...").

import type { StatusCause } from '../errors.js';
import { deepEqual } from '../deep.js';
import { fieldErrors } from '../validation/field-errors.js';
import { goJson } from '../go-json.js';
import { goFloat, goNumber, goQuote, isGoInt } from '../validation/go-format.js';
import { compilePattern } from './pattern.js';
import { infoOf, type SchemaInfo } from './schema-info.js';
import type { JSONSchemaProps } from './types.js';

export interface OpenAPIContext {
  /** field.Path the value sits at when it is not the request body (e.g. a default inside a CRD). */
  fieldPrefix: string;
  out: StatusCause[];
}

type Kind = 'boolean' | 'string' | 'integer' | 'number' | 'array' | 'object';

function kindOf(value: unknown): Kind {
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'number':
      return isGoInt(value) ? 'integer' : 'number';
    default:
      return Array.isArray(value) ? 'array' : 'object';
  }
}

const MAX_JSON_FLOAT = 2 ** 53;

/** swag.IsFloat64AJSONInteger: integral within float64's exact range, up to a relative 1e-9. */
function isJsonInteger(f: number): boolean {
  if (!Number.isFinite(f) || f < -MAX_JSON_FLOAT || f > MAX_JSON_FLOAT) return false;
  const g = Math.trunc(f);
  if (f === g) return true;
  const diff = Math.abs(f - g);
  if (g === 0) return diff < 1e-9 * Number.MIN_VALUE;
  return diff / Math.min(Math.abs(f) + Math.abs(g), Number.MAX_VALUE) < 1e-9;
}

/** The field an error at openapi path `name` is reported on. */
function fieldOf(ctx: OpenAPIContext, name: string): string {
  if (name === '' || name === '.') return ctx.fieldPrefix;
  const trimmed = name.charCodeAt(0) === 46 ? name.slice(1) : name;
  return ctx.fieldPrefix ? `${ctx.fieldPrefix}.${trimmed}` : trimmed;
}

function childName(name: string, key: string): string {
  return name ? `${name}.${key}` : key;
}

export function validateNode(value: unknown, schema: JSONSchemaProps, name: string, ctx: OpenAPIContext): void {
  const info = infoOf(schema);
  if (value === null || value === undefined) {
    if (info.types.length > 0 && !info.nullable) {
      ctx.out.push(fieldErrors.typeInvalid(fieldOf(ctx, name), 'null', `${name} in body must be of type ${info.typeLabel}: "null"`));
    }
    if (info.enum) checkEnum(value, info.enum, name, ctx);
    return;
  }
  const kind = kindOf(value);
  if (info.types.length > 0 || info.format !== '') checkType(value, kind, info, name, ctx);
  if (info.hasJunctors) checkJunctors(value, schema, name, ctx);
  if (kind === 'string') {
    if (info.checksString) checkString(value as string, schema, info, name, ctx);
  } else if (kind === 'integer' || kind === 'number') {
    if (info.checksNumber) checkNumber(value as number, kind === 'integer', schema, name, ctx);
  } else if (kind === 'array') checkArray(value as unknown[], schema, name, ctx);
  if (info.enum) checkEnum(value, info.enum, name, ctx);
  if (kind === 'object') checkObject(value as Record<string, unknown>, schema, info, name, ctx);
}

function checkType(value: unknown, kind: Kind, info: SchemaInfo, name: string, ctx: OpenAPIContext): void {
  const { types, format } = info;
  const dataFormat = kind === 'integer' ? 'int64' : kind === 'number' ? 'float64' : '';
  const isFloatInt = kind === 'number' && types.includes('integer') && isJsonInteger(value as number);
  const isIntFloat = kind === 'integer' && types.includes('number');
  const matches = types.includes(kind) || isFloatInt || isIntFloat;
  if (kind !== 'string' && kind !== 'array' && format !== '' && !(matches || dataFormat === format)) {
    ctx.out.push(fieldErrors.typeInvalid(fieldOf(ctx, name), dataFormat, `${name} in body must be of type ${format}: ${goQuote(dataFormat)}`));
    return;
  }
  if (format !== '' && (kind === 'string' || kind === 'array') && !types.includes('number') && !types.includes('integer')) return;
  if (!matches) ctx.out.push(fieldErrors.typeInvalid(fieldOf(ctx, name), kind, `${name} in body must be of type ${info.typeLabel}: "${kind}"`));
}

function branchErrors(value: unknown, schema: JSONSchemaProps, name: string, ctx: OpenAPIContext): StatusCause[] {
  const sub: OpenAPIContext = { fieldPrefix: ctx.fieldPrefix, out: [] };
  validateNode(value, schema, name, sub);
  return sub.out;
}

/** A result-level error: reported on the request root with an empty bad value, as upstream does. */
function compositeError(ctx: OpenAPIContext, detail: string): StatusCause {
  return fieldErrors.invalid(ctx.fieldPrefix, '', detail);
}

function checkJunctors(value: unknown, schema: JSONSchemaProps, name: string, ctx: OpenAPIContext): void {
  // Quoted only for a message: most values pass.
  const quoted = (): string => goQuote(name);
  if (schema.anyOf && schema.anyOf.length > 0) {
    let best: StatusCause[] | undefined;
    let ok = false;
    for (const branch of schema.anyOf) {
      const errs = branchErrors(value, branch, name, ctx);
      if (errs.length === 0) {
        ok = true;
        best = undefined;
        break;
      }
      if (!best || errs.length < best.length) best = errs;
    }
    if (!ok) ctx.out.push(compositeError(ctx, `${quoted()} must validate at least one schema (anyOf)`));
    if (best) ctx.out.push(...best);
  }
  if (schema.oneOf && schema.oneOf.length > 0) {
    let best: StatusCause[] | undefined;
    let validated = 0;
    for (const branch of schema.oneOf) {
      const errs = branchErrors(value, branch, name, ctx);
      if (errs.length === 0) {
        validated++;
        best = undefined;
      } else if (validated === 0 && (!best || errs.length < best.length)) best = errs;
    }
    if (validated !== 1) {
      const more = validated === 0 ? 'Found none valid' : `Found ${validated} valid alternatives`;
      ctx.out.push(compositeError(ctx, `${quoted()} must validate one and only one schema (oneOf). ${more}`));
      if (best) ctx.out.push(...best);
    }
  }
  if (schema.allOf && schema.allOf.length > 0) {
    let validated = 0;
    for (const branch of schema.allOf) {
      const errs = branchErrors(value, branch, name, ctx);
      if (errs.length === 0) validated++;
      else ctx.out.push(...errs);
    }
    if (validated !== schema.allOf.length) {
      ctx.out.push(compositeError(ctx, `${quoted()} must validate all the schemas (allOf)${validated === 0 ? '. None validated' : ''}`));
    }
  }
  if (schema.not && branchErrors(value, schema.not, name, ctx).length === 0) {
    ctx.out.push(compositeError(ctx, `${quoted()} must not validate the schema (not)`));
  }
}

function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function checkString(s: string, schema: JSONSchemaProps, info: SchemaInfo, name: string, ctx: OpenAPIContext): void {
  const { maxLength, minLength, pattern } = schema;
  if (maxLength !== undefined && s.length > maxLength && codePoints(s) > maxLength) {
    ctx.out.push(fieldErrors.tooLong(fieldOf(ctx, name), maxLength));
  } else if (minLength !== undefined && (s.length < minLength || (s.length < 2 * minLength && codePoints(s) < minLength))) {
    ctx.out.push(fieldErrors.invalid(fieldOf(ctx, name), s, `${name} in body should be at least ${minLength} chars long`));
  } else if (pattern) {
    const compiled = compilePattern(pattern);
    if (compiled.error !== undefined) {
      ctx.out.push(fieldErrors.invalid(fieldOf(ctx, name), s, `${name} in body should match '${pattern}, but pattern is invalid: ${compiled.error}'`));
    } else if (!compiled.re.test(s)) {
      ctx.out.push(fieldErrors.invalid(fieldOf(ctx, name), s, `${name} in body should match '${pattern}'`));
    }
  }
  if (info.formatCheck && !info.formatCheck(s)) {
    ctx.out.push(fieldErrors.typeInvalid(fieldOf(ctx, name), s, `${name} in body must be of type ${info.format}: ${goQuote(s)}`));
  }
}

function checkNumber(v: number, isInt: boolean, schema: JSONSchemaProps, name: string, ctx: OpenAPIContext): void {
  const { multipleOf, minimum, maximum } = schema;
  if (multipleOf === undefined && minimum === undefined && maximum === undefined) return;
  const field = fieldOf(ctx, name);
  if (multipleOf !== undefined) {
    if (multipleOf < 0) {
      ctx.out.push(fieldErrors.invalid(field, multipleOf, `factor MultipleOf declared for ${name} must be positive: ${goNumber(multipleOf)}`));
    } else if (isInt && Math.trunc(multipleOf) !== 0) {
      // Integer data is checked against the factor truncated to an integer.
      const factor = Math.trunc(multipleOf);
      if (v % factor !== 0) ctx.out.push(fieldErrors.invalid(field, v, `${name} in body should be a multiple of ${goNumber(factor)}`));
    } else {
      const mult = multipleOf < 1 ? (1 / multipleOf) * v : v / multipleOf;
      if (!isJsonInteger(mult)) ctx.out.push(fieldErrors.invalid(field, v, `${name} in body should be a multiple of ${goFloat(multipleOf)}`));
    }
  }
  // Integer data is compared with the bound truncated to an integer, and the message shows that bound.
  if (minimum !== undefined) {
    const bound = isInt ? Math.trunc(minimum) : minimum;
    const excl = schema.exclusiveMinimum === true;
    if (excl ? v <= bound : v < bound) {
      const shown = isInt ? goNumber(bound) : goFloat(bound);
      ctx.out.push(fieldErrors.invalid(field, v, `${name} in body should be greater than ${excl ? '' : 'or equal to '}${shown}`));
    }
  }
  if (maximum !== undefined) {
    const bound = isInt ? Math.trunc(maximum) : maximum;
    const excl = schema.exclusiveMaximum === true;
    if (excl ? v >= bound : v > bound) {
      const shown = isInt ? goNumber(bound) : goFloat(bound);
      ctx.out.push(fieldErrors.invalid(field, v, `${name} in body should be less than ${excl ? '' : 'or equal to '}${shown}`));
    }
  }
}

function hasDuplicates(items: unknown[]): boolean {
  const scalars = new Set<unknown>();
  const compounds: unknown[] = [];
  for (const item of items) {
    if (typeof item === 'object' && item !== null) {
      if (compounds.some((c) => deepEqual(c, item))) return true;
      compounds.push(item);
    } else {
      if (scalars.has(item)) return true;
      scalars.add(item);
    }
  }
  return false;
}

function checkArray(items: unknown[], schema: JSONSchemaProps, name: string, ctx: OpenAPIContext): void {
  const itemSchema = schema.items;
  if (itemSchema) for (let i = 0; i < items.length; i++) validateNode(items[i], itemSchema, `${name}[${i}]`, ctx);
  if (schema.minItems !== undefined && items.length < schema.minItems) {
    ctx.out.push(fieldErrors.invalid(fieldOf(ctx, name), items.length, `${name} in body should have at least ${schema.minItems} items`));
  }
  if (schema.maxItems !== undefined && items.length > schema.maxItems) ctx.out.push(fieldErrors.tooMany(fieldOf(ctx, name), items.length, schema.maxItems));
  if (schema.uniqueItems && hasDuplicates(items)) ctx.out.push(fieldErrors.invalid(fieldOf(ctx, name), '', `${name} in body shouldn't contain duplicates`));
}

function enumMatches(value: unknown, allowed: readonly unknown[]): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value !== 'object') return allowed.includes(value);
  return allowed.some((e) => deepEqual(value, e));
}

function checkEnum(value: unknown, allowed: readonly unknown[], name: string, ctx: OpenAPIContext): void {
  if (enumMatches(value, allowed)) return;
  const supported = allowed.map((e) => (typeof e === 'string' ? e : goJson(e)));
  ctx.out.push(fieldErrors.notSupported(fieldOf(ctx, name), value ?? null, supported));
}

function checkObject(obj: Record<string, unknown>, schema: JSONSchemaProps, info: SchemaInfo, name: string, ctx: OpenAPIContext): void {
  if (info.checksObjectSize) {
    const count = Object.keys(obj).length;
    if (schema.minProperties !== undefined && count < schema.minProperties) {
      ctx.out.push(fieldErrors.invalid(fieldOf(ctx, name), count, `${name} in body should have at least ${schema.minProperties} properties`));
      return;
    }
    if (schema.maxProperties !== undefined && count > schema.maxProperties) {
      ctx.out.push(fieldErrors.tooMany(fieldOf(ctx, name), count, schema.maxProperties));
      return;
    }
  }
  const props = info.properties;
  const additional = info.additional;
  // Fields are visited in the object's order (upstream's order is Go map order, i.e. unspecified).
  if (props || typeof additional === 'object' || additional === false) {
    for (const key in obj) {
      const prop = props?.get(key);
      if (prop) {
        const v = obj[key];
        if (v !== undefined) validateNode(v, prop, childName(name, key), ctx);
      } else if (additional === false) {
        ctx.out.push(fieldErrors.invalid(fieldOf(ctx, name), key, `${name}.${key} in body is a forbidden property`));
      } else if (typeof additional === 'object') validateNode(obj[key], additional, `${name}.${key}`, ctx);
    }
  }
  const required = info.required;
  if (required) {
    for (const key of required) {
      if (obj[key] === undefined || !Object.prototype.hasOwnProperty.call(obj, key)) ctx.out.push(fieldErrors.required(fieldOf(ctx, `${name}.${key}`)));
    }
  }
}
