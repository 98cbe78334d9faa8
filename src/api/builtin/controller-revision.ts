// apps/v1 ControllerRevision.

import { int64, preserved } from './schema-builders.js';
import { AGE_COLUMN, numberAt } from './cells.js';
import { defineKind } from './define-kind.js';

export const controllerRevisionKind = defineKind({
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  generation: false,
  plural: 'controllerrevisions',
  namespaced: true,
  description: 'An immutable snapshot of a StatefulSet or DaemonSet template, used for rollbacks.',
  required: ['revision'],
  properties: {
    data: preserved({ description: 'The serialized state of this revision.' }),
    revision: int64({ default: 0, description: 'Revision number of this state.' }),
  },
  printerColumns: [
    {
      name: 'Controller',
      type: 'string',
      description: 'The controller that owns this revision.',
      value: (o) => {
        const owner = o.metadata.ownerReferences?.find((ref) => ref.controller === true);
        if (!owner) return '<none>';
        const slash = owner.apiVersion.indexOf('/');
        const group = slash < 0 ? '' : owner.apiVersion.slice(0, slash);
        return `${(group ? `${owner.kind}.${group}` : owner.kind).toLowerCase()}/${owner.name}`;
      },
    },
    { name: 'Revision', type: 'integer', description: 'Revision number.', value: (o) => numberAt(o, 'revision') ?? 0 },
    AGE_COLUMN,
  ],
});
