// events.k8s.io/v1 Event: the newer Event API (regarding/note instead of involvedObject/message).

import { objectReference } from './meta.js';
import { dateTime, int32, string } from './schema-builders.js';
import { selectField } from './cells.js';
import { defineKind } from './define-kind.js';
import { eventColumns } from './event-columns.js';
import { eventSeries, eventSource, eventSourceSelector } from './event.js';

export const eventsV1EventKind = defineKind({
  group: 'events.k8s.io',
  version: 'v1',
  kind: 'Event',
  generation: false,
  plural: 'events',
  namespaced: true,
  shortNames: ['ev'],
  description: 'A report of something that happened to an object, as written by newer event recorders.',
  required: ['eventTime'],
  properties: {
    eventTime: dateTime({ description: 'Time the event was first observed (microsecond precision).' }),
    series: { ...eventSeries, required: ['count', 'lastObservedTime'], description: 'Data about an ongoing series of this event.' },
    reportingController: string({ description: 'Controller that emitted the event, e.g. kubernetes.io/kubelet.' }),
    reportingInstance: string({ description: 'Instance of the reporting controller, e.g. a node name.' }),
    action: string({ description: 'What action was taken or failed regarding the object.' }),
    reason: string({ description: 'Short, machine-readable reason for the action.' }),
    regarding: { ...objectReference, description: 'The object this event is about.' },
    related: { ...objectReference, description: 'A secondary object involved, if any.' },
    note: string({ description: 'Human-readable description of the event.' }),
    type: string({ description: 'Normal or Warning.' }),
    deprecatedSource: { ...eventSource, description: 'Reporter in the core/v1 form.' },
    deprecatedFirstTimestamp: dateTime({ description: 'core/v1 firstTimestamp.' }),
    deprecatedLastTimestamp: dateTime({ description: 'core/v1 lastTimestamp.' }),
    deprecatedCount: int32({ description: 'core/v1 count.' }),
  },
  printerColumns: eventColumns({
    regarding: 'regarding',
    message: 'note',
    firstTimestamp: 'deprecatedFirstTimestamp',
    lastTimestamp: 'deprecatedLastTimestamp',
    count: 'deprecatedCount',
    source: 'deprecatedSource',
    reportingController: 'reportingController',
  }),
  fieldSelectors: {
    'regarding.kind': selectField('regarding', 'kind'),
    'regarding.namespace': selectField('regarding', 'namespace'),
    'regarding.name': selectField('regarding', 'name'),
    'regarding.uid': selectField('regarding', 'uid'),
    'regarding.apiVersion': selectField('regarding', 'apiVersion'),
    'regarding.resourceVersion': selectField('regarding', 'resourceVersion'),
    'regarding.fieldPath': selectField('regarding', 'fieldPath'),
    reason: selectField('reason'),
    reportingController: selectField('reportingController'),
    source: eventSourceSelector('deprecatedSource', 'reportingController'),
    type: selectField('type'),
  },
});
