// Pure scheduling for propagation: which member clusters a template goes to and with how many replicas.

export * from './types.js';
export * from './cluster-info.js';
export * from './affinity.js';
export * from './taints.js';
export * from './filter.js';
export * from './strategy.js';
export * from './webster.js';
export * from './select-groups.js';
export * from './spread.js';
export * from './divide.js';
export * from './schedule.js';
