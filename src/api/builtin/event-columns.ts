// The event table both Event APIs print (core/v1 and events.k8s.io/v1 share one printer upstream):
// LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, plus SUBOBJECT, SOURCE, FIRST SEEN, COUNT with -o wide.

import type { KubeObject } from '../../machinery/object.js';
import type { PrinterColumn } from '../types.js';
import { at, numberAt, stringAt } from './cells.js';

/** Where each API keeps the fields the table needs. */
export interface EventFieldNames {
  regarding: string;
  message: string;
  firstTimestamp: string;
  lastTimestamp: string;
  count: string;
  source: string;
  reportingController: string;
}

export function eventColumns(names: EventFieldNames): PrinterColumn[] {
  const firstSeen = (o: KubeObject) => stringAt(o, names.firstTimestamp) || stringAt(o, 'eventTime');
  const lastSeen = (o: KubeObject) =>
    stringAt(o, 'series', 'lastObservedTime') || stringAt(o, names.lastTimestamp) || firstSeen(o);
  return [
    { name: 'Last Seen', type: 'date', description: 'Time the event was last observed.', value: lastSeen },
    { name: 'Type', type: 'string', description: 'Normal or Warning.', value: (o) => stringAt(o, 'type') ?? '' },
    { name: 'Reason', type: 'string', description: 'Short machine-readable reason.', value: (o) => stringAt(o, 'reason') ?? '' },
    {
      name: 'Object',
      type: 'string',
      description: 'The object this event is about.',
      value: (o) => {
        const kind = (stringAt(o, names.regarding, 'kind') ?? '').toLowerCase();
        const name = stringAt(o, names.regarding, 'name');
        return name ? `${kind}/${name}` : kind;
      },
    },
    {
      name: 'Subobject',
      type: 'string',
      priority: 1,
      description: 'The part of the object the event is about, e.g. a container.',
      value: (o) => stringAt(o, names.regarding, 'fieldPath') ?? '',
    },
    {
      name: 'Source',
      type: 'string',
      priority: 1,
      description: 'The component (and host) that reported the event.',
      value: (o) => {
        const component = stringAt(o, names.source, 'component') || stringAt(o, names.reportingController) || '';
        const host = stringAt(o, names.source, 'host') || stringAt(o, 'reportingInstance') || '';
        return host ? `${component}, ${host}` : component;
      },
    },
    { name: 'Message', type: 'string', description: 'Human-readable description.', value: (o) => (stringAt(o, names.message) ?? '').trim() },
    { name: 'First Seen', type: 'date', priority: 1, description: 'Time the event was first observed.', value: firstSeen },
    {
      name: 'Count',
      type: 'integer',
      priority: 1,
      description: 'How many times the event occurred.',
      value: (o) => {
        if (at(o, 'series') !== undefined) return numberAt(o, 'series', 'count') ?? 0;
        return numberAt(o, names.count) || 1;
      },
    },
    // kubectl shows an event's name only with -o wide, last.
    { name: 'Name', type: 'string', format: 'name', priority: 1, description: 'The event name.', jsonPath: '.metadata.name' },
  ];
}
