// fieldOverrider: patches a document embedded in a string field (a ConfigMap's config.yaml, say). The
// `yaml` operations win over `json` when both are given; the field is rewritten as compact JSON or as YAML
// with sorted keys. An overrider with neither list leaves the field unchanged.

import { parse, stringify } from 'yaml';
import { applyJsonPatch } from '../../../machinery/jsonpatch.js';
import type { KubeObject } from '../../../machinery/object.js';
import { valueAt } from './pointer.js';
import { OverrideError, type EmbeddedPatchOperation, type FieldOverrider, type PatchOp } from './types.js';

const operations = (list: EmbeddedPatchOperation[]) =>
  list.map((o) => (o.operator === 'remove' ? { op: o.operator, path: o.subPath } : { op: o.operator, path: o.subPath, value: o.value }));

function patchDocument(document: unknown, list: EmbeddedPatchOperation[], format: string, fieldPath: string): unknown {
  try {
    return applyJsonPatch(document, operations(list));
  } catch (err) {
    throw new OverrideError(`applying ${format} patch to ${fieldPath}: ${(err as Error).message}`);
  }
}

export function fieldPatches(object: KubeObject, rule: FieldOverrider): PatchOp[] {
  const useYaml = (rule.yaml ?? []).length > 0;
  const useJson = !useYaml && (rule.json ?? []).length > 0;
  if (!useYaml && !useJson) return [];

  const found = valueAt(object, rule.fieldPath);
  if (!found.found) throw new OverrideError(`fieldPath ${rule.fieldPath} not found`);
  if (typeof found.value !== 'string') throw new OverrideError(`Get object's value by overrider's path(${rule.fieldPath}) is not string`);

  let text: string;
  if (useYaml) {
    let document: unknown;
    try {
      document = parse(found.value);
    } catch (err) {
      throw new OverrideError(`${rule.fieldPath} does not hold YAML: ${(err as Error).message}`);
    }
    text = stringify(patchDocument(document, rule.yaml!, 'YAML', rule.fieldPath), { sortMapEntries: true });
  } else {
    let document: unknown;
    try {
      document = JSON.parse(found.value);
    } catch (err) {
      throw new OverrideError(`${rule.fieldPath} does not hold JSON: ${(err as Error).message}`);
    }
    text = JSON.stringify(patchDocument(document, rule.json!, 'JSON', rule.fieldPath));
  }
  return [{ op: 'replace', path: rule.fieldPath, value: text }];
}
