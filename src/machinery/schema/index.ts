// Structural-schema machinery: validation, pruning and defaulting of values, CRD schema checks, and
// duplicate-key detection in request bodies.

export type { JSONSchemaProps } from './types.js';
export { validateValue, validateValueAt } from './validate.js';
export { pruneUnknownFields } from './prune.js';
export { applyDefaults, dropNullsForNonNullable } from './defaults.js';
export { checkStructuralSchema } from './structural.js';
export { scanParsedJsonText, type JsonTextScan } from './duplicates.js';
export { canonicalizeQuantities } from './quantities.js';
