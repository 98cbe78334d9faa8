// The propagation pipeline (style.md §2): detector → scheduler → binding → execution, each writing one
// kind or field, with status flowing back from members through Works to bindings and templates; failover
// and graceful eviction act on bindings, dependencies and namespaces follow the workloads.

import type { ControllerEnv } from '../env.js';
import { WORKS } from './kinds.js';
import { setupApplicationFailover } from './application-failover.js';
import { setupBinder } from './binder.js';
import { setupBindingStatus } from './binding-status-controller.js';
import { BindingWorks } from './binding-works.js';
import { setupBindingScheduler } from './binding-scheduler.js';
import { setupDependenciesDistributor } from './dependencies-distributor.js';
import { setupDetector } from './detector.js';
import { setupExecution } from './execution.js';
import { setupExecutionSpaces } from './execution-space.js';
import { setupGracefulEviction } from './graceful-eviction.js';
import { setupNamespaceSync } from './namespace-sync.js';

export function setupPropagation(env: ControllerEnv): void {
  const templates = setupDetector(env);
  setupBindingScheduler(env);
  const bindingWorks = new BindingWorks(env.manager.informer(WORKS));
  setupBinder(env, templates, bindingWorks);
  setupBindingStatus(env, templates, bindingWorks);
  setupExecution(env);
  setupApplicationFailover(env);
  setupGracefulEviction(env);
  setupDependenciesDistributor(env);
  setupNamespaceSync(env);
  setupExecutionSpaces(env);
}
