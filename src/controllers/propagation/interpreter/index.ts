// The resource interpreter: what of a member's status is recorded, whether it is healthy, and how the
// members' statuses combine into the template's, per kind.

export type { Health } from './types.js';
export { reflectStatus } from './reflect.js';
export { interpretHealth } from './health.js';
export { aggregateStatus } from './aggregate.js';
export { RESOURCE_TEMPLATE_GENERATION_ANNOTATION } from './generation.js';
