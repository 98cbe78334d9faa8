// batch/v1 CronJob.

import { objectReference } from './meta.js';
import { boolean, dateTime, enumString, int32, int64, list, object, string } from './schema-builders.js';
import { jobTemplateSpec } from './job.js';
import { AGE_COLUMN, arrayAt, at, boolAt, since, stringAt, templateColumns } from './cells.js';
import { defineKind } from './define-kind.js';

export const cronJobKind = defineKind({
  group: 'batch',
  version: 'v1',
  kind: 'CronJob',
  plural: 'cronjobs',
  namespaced: true,
  shortNames: ['cj'],
  categories: ['all'],
  status: true,
  description: 'Creates Jobs on a repeating schedule.',
  properties: {
    spec: object(
      {
        schedule: string({ description: 'Cron schedule, e.g. "*/5 * * * *".' }),
        timeZone: string(),
        startingDeadlineSeconds: int64(),
        concurrencyPolicy: enumString(['Allow', 'Forbid', 'Replace'], { default: 'Allow' }),
        suspend: boolean({ default: false }),
        jobTemplate: { ...jobTemplateSpec, description: 'The Job created at each scheduled time.' },
        successfulJobsHistoryLimit: int32({ default: 3 }),
        failedJobsHistoryLimit: int32({ default: 1 }),
      },
      { required: ['schedule', 'jobTemplate'], description: 'Schedule and the job to run.' },
    ),
    status: object(
      { active: list(objectReference), lastScheduleTime: dateTime(), lastSuccessfulTime: dateTime() },
      { description: 'Running jobs and the last schedule times.' },
    ),
  },
  printerColumns: [
    { name: 'Schedule', type: 'string', description: 'Cron schedule.', value: (o) => stringAt(o, 'spec', 'schedule') ?? '' },
    { name: 'Timezone', type: 'string', description: 'Time zone of the schedule.', value: (o) => stringAt(o, 'spec', 'timeZone') ?? '<none>' },
    {
      name: 'Suspend',
      type: 'string',
      description: 'Whether new runs are suspended.',
      value: (o) => {
        const suspend = boolAt(o, 'spec', 'suspend');
        return suspend === undefined ? '<unset>' : suspend ? 'True' : 'False';
      },
    },
    { name: 'Active', type: 'integer', description: 'Jobs running now.', value: (o) => arrayAt(o, 'status', 'active').length },
    {
      name: 'Last Schedule',
      type: 'string',
      description: 'Time since the job was last scheduled.',
      value: (o) => since(stringAt(o, 'status', 'lastScheduleTime')) ?? '<none>',
    },
    AGE_COLUMN,
    ...templateColumns((o) => at(o, 'spec', 'jobTemplate', 'spec', 'template'), (o) => at(o, 'spec', 'jobTemplate', 'spec', 'selector')),
  ],
});
