// core/v1 Event: what kubectl describe and kubectl get events read.

import type { KubeObject } from '../../machinery/object.js';
import { objectReference } from './meta.js';
import { dateTime, int32, object, string } from './schema-builders.js';
import { selectField, stringAt } from './cells.js';
import { defineKind } from './define-kind.js';
import { eventColumns } from './event-columns.js';

export const eventSeries = object({ count: int32(), lastObservedTime: dateTime() });

export const eventSource = object({ component: string(), host: string() });

/** Events of either API selected by "source": the reporting component, or the controller when absent. */
export function eventSourceSelector(sourceField: string, controllerField: string): (o: KubeObject) => string {
  return (o) => stringAt(o, sourceField, 'component') || stringAt(o, controllerField) || '';
}

export const eventKind = defineKind({
  group: '',
  version: 'v1',
  kind: 'Event',
  generation: false,
  plural: 'events',
  namespaced: true,
  shortNames: ['ev'],
  description: 'A report of something that happened to an object, e.g. a pod being scheduled.',
  required: ['involvedObject'],
  properties: {
    involvedObject: { ...objectReference, description: 'The object this event is about.' },
    reason: string({ description: 'Short, machine-readable reason for the transition, e.g. FailedScheduling.' }),
    message: string({ description: 'Human-readable description of the event.' }),
    source: { ...eventSource, description: 'The component (and host) that reported the event.' },
    firstTimestamp: dateTime({ description: 'Time the event was first recorded.' }),
    lastTimestamp: dateTime({ description: 'Time of the most recent occurrence.' }),
    count: int32({ description: 'How many times the event has occurred.' }),
    type: string({ description: 'Normal or Warning.' }),
    eventTime: dateTime({ description: 'Time the event was first observed (microsecond precision).' }),
    series: { ...eventSeries, description: 'Data about an ongoing series of this event.' },
    action: string({ description: 'What action was taken or failed regarding the object.' }),
    related: { ...objectReference, description: 'A secondary object involved, if any.' },
    reportingComponent: string({ default: '', description: 'Controller that emitted the event, e.g. kubernetes.io/kubelet.' }),
    reportingInstance: string({ default: '', description: 'Instance of the reporting controller, e.g. a node name.' }),
  },
  printerColumns: eventColumns({
    regarding: 'involvedObject',
    message: 'message',
    firstTimestamp: 'firstTimestamp',
    lastTimestamp: 'lastTimestamp',
    count: 'count',
    source: 'source',
    reportingController: 'reportingComponent',
  }),
  fieldSelectors: {
    'involvedObject.kind': selectField('involvedObject', 'kind'),
    'involvedObject.namespace': selectField('involvedObject', 'namespace'),
    'involvedObject.name': selectField('involvedObject', 'name'),
    'involvedObject.uid': selectField('involvedObject', 'uid'),
    'involvedObject.apiVersion': selectField('involvedObject', 'apiVersion'),
    'involvedObject.resourceVersion': selectField('involvedObject', 'resourceVersion'),
    'involvedObject.fieldPath': selectField('involvedObject', 'fieldPath'),
    reason: selectField('reason'),
    reportingComponent: selectField('reportingComponent'),
    source: eventSourceSelector('source', 'reportingComponent'),
    type: selectField('type'),
  },
});
