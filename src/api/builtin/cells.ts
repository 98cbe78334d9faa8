// Helpers for computed printer cells: safe field access on untyped objects and the formatting rules
// kubectl's server-side table printers use (durations, label selectors, container lists).

import { isPlainObject, type KubeObject } from '../../machinery/object.js';
import type { PrinterColumn } from '../types.js';
import { humanDuration } from '../../machinery/duration.js';

type Path = readonly (string | number)[];

/** The value at a path, or undefined when any step is missing. */
export function at(value: unknown, ...path: Path): unknown {
  let current = value;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (!isPlainObject(current)) return undefined;
      current = current[step];
    }
  }
  return current;
}

export function stringAt(value: unknown, ...path: Path): string | undefined {
  const found = at(value, ...path);
  return typeof found === 'string' ? found : undefined;
}

export function numberAt(value: unknown, ...path: Path): number | undefined {
  const found = at(value, ...path);
  return typeof found === 'number' ? found : undefined;
}

export function boolAt(value: unknown, ...path: Path): boolean | undefined {
  const found = at(value, ...path);
  return typeof found === 'boolean' ? found : undefined;
}

export function arrayAt(value: unknown, ...path: Path): unknown[] {
  const found = at(value, ...path);
  return Array.isArray(found) ? found : [];
}

export function recordAt(value: unknown, ...path: Path): Record<string, unknown> {
  const found = at(value, ...path);
  return isPlainObject(found) ? found : {};
}

/** Scalars as field selectors see them: numbers and booleans in their Go text form. */
export function selectorValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A field selector getter for a plain path; missing values compare as the Go zero value "". */
export function selectField(...path: Path): (object: KubeObject) => string | undefined {
  return (object) => selectorValue(at(object, ...path)) ?? '';
}

/** kubectl's age formatting (apimachinery duration.HumanDuration). */
export { humanDuration };

/** Time since an RFC 3339 timestamp, humanised; undefined when the timestamp is absent or invalid. */
export function since(timestamp: string | undefined, now: number = Date.now()): string | undefined {
  if (!timestamp) return undefined;
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? undefined : humanDuration(now - time);
}

/** labels.FormatLabels: "k1=v1,k2=v2" sorted by key, "<none>" when empty. */
export function formatLabels(labels: Record<string, unknown>): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((key) => `${key}=${String(labels[key])}`).join(',');
}

/** metav1.FormatLabelSelector: a LabelSelector in selector syntax, "<none>" when it selects by nothing. */
export function formatLabelSelector(selector: unknown): string {
  if (!isPlainObject(selector)) return '<none>';
  const requirements: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(recordAt(selector, 'matchLabels'))) {
    requirements.push({ key, text: `${key}=${String(value)}` });
  }
  for (const expression of arrayAt(selector, 'matchExpressions')) {
    const key = stringAt(expression, 'key') ?? '';
    const values = arrayAt(expression, 'values').map(String).sort();
    switch (stringAt(expression, 'operator')) {
      case 'In':
        requirements.push({ key, text: `${key} in (${values.join(',')})` });
        break;
      case 'NotIn':
        requirements.push({ key, text: `${key} notin (${values.join(',')})` });
        break;
      case 'Exists':
        requirements.push({ key, text: key });
        break;
      case 'DoesNotExist':
        requirements.push({ key, text: `!${key}` });
        break;
      default:
        return '<error>';
    }
  }
  if (requirements.length === 0) return '<none>';
  requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return requirements.map((r) => r.text).join(',');
}

/** The CONTAINERS and IMAGES wide cells of a pod spec: names and images, comma separated. */
export function containerNames(podSpec: unknown): string {
  return arrayAt(podSpec, 'containers').map((c) => stringAt(c, 'name') ?? '').join(',');
}

export function containerImages(podSpec: unknown): string {
  return arrayAt(podSpec, 'containers').map((c) => stringAt(c, 'image') ?? '').join(',');
}

/** Access modes in kubectl's short form and fixed order, e.g. "RWO,ROX". */
export function accessModesText(modes: unknown[]): string {
  const short: [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short.filter(([mode]) => modes.includes(mode)).map(([, text]) => text).join(',');
}

export const AGE_COLUMN: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
  description: 'Time since the object was created.',
};

/** The CONTAINERS / IMAGES / SELECTOR columns workload controllers add with -o wide. */
export function templateColumns(template: (object: KubeObject) => unknown, selector?: (object: KubeObject) => unknown): PrinterColumn[] {
  const columns: PrinterColumn[] = [
    {
      name: 'Containers',
      type: 'string',
      priority: 1,
      description: 'Names of each container in the template.',
      value: (o) => containerNames(at(template(o), 'spec')),
    },
    {
      name: 'Images',
      type: 'string',
      priority: 1,
      description: 'Images referenced by each container in the template.',
      value: (o) => containerImages(at(template(o), 'spec')),
    },
  ];
  if (selector) {
    columns.push({
      name: 'Selector',
      type: 'string',
      priority: 1,
      description: 'Label selector over the pods this controller manages.',
      value: (o) => formatLabelSelector(selector(o)),
    });
  }
  return columns;
}
