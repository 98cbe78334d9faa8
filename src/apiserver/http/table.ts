// meta.k8s.io/v1 Table responses for `kubectl get`: NAME plus the kind's printer columns, dates
// humanised on the server (kubectl prints cells exactly as sent).

import type { PrinterColumn } from '../../api/types.js';
import { humanAge } from '../../machinery/duration.js';
import { evalJsonPath, formatJsonPathCell } from '../../machinery/jsonpath.js';
import type { KubeObject } from '../../machinery/object.js';
import type { ServedResource } from '../registry/kind-registry.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

const NAME_COLUMN = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated.',
  priority: 0,
};

const NAME_PRINTER: PrinterColumn = { name: NAME_COLUMN.name, type: 'string', format: 'name', description: NAME_COLUMN.description, jsonPath: '.metadata.name' };

/** The kind's columns, NAME first unless the kind places its own name column (Events: last, wide). */
function columnsOf(served: ServedResource): PrinterColumn[] {
  const columns = served.version.printerColumns ?? [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];
  return columns.some((c) => c.format === 'name') ? columns : [NAME_PRINTER, ...columns];
}

export function columnDefinitions(served: ServedResource): ColumnDefinition[] {
  return columnsOf(served).map((c) => ({ name: c.name, type: c.type === 'date' ? 'string' : c.type, format: c.format ?? '', description: c.description ?? '', priority: c.priority ?? 0 }));
}

function cellOf(column: PrinterColumn, object: KubeObject, now: number): unknown {
  let value: unknown;
  if (column.value) value = column.value(object);
  else if (column.jsonPath) {
    try {
      value = formatJsonPathCell(evalJsonPath(object, column.jsonPath));
    } catch {
      value = undefined;
    }
  }
  if (column.type === 'date') return value === undefined ? '<unknown>' : humanAge(value, now);
  return value === undefined ? null : value;
}

function rowObject(object: KubeObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

export function tableRows(served: ServedResource, objects: KubeObject[], include: IncludeObject): unknown[] {
  const columns = columnsOf(served);
  const now = Date.now();
  return objects.map((object) => {
    const row: Record<string, unknown> = { cells: columns.map((c) => cellOf(c, object, now)) };
    const embedded = rowObject(object, include);
    if (embedded !== undefined) row.object = embedded;
    return row;
  });
}

export function tableBody(served: ServedResource, objects: KubeObject[], metadata: Record<string, unknown>, options: { include: IncludeObject; headers: boolean }): string {
  return JSON.stringify({
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: options.headers ? columnDefinitions(served) : null,
    rows: tableRows(served, objects, options.include),
  });
}

/** True when the Accept header asks for a Table (kubectl get). */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return params[0] === 'application/json' && params.includes('as=Table') && params.some((p) => p === 'g=meta.k8s.io');
  });
}
