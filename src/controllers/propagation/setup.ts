// The propagation pipeline (style.md §2): detector → scheduler → binding → execution, each writing one
// kind or field, with status flowing back from members through Works to bindings and templates.

import type { ControllerEnv } from '../env.js';
import { setupBinder } from './binder.js';
import { setupBindingScheduler } from './binding-scheduler.js';
import { setupDetector } from './detector.js';
import { setupExecution } from './execution.js';

export function setupPropagation(env: ControllerEnv): void {
  const templates = setupDetector(env);
  setupBindingScheduler(env);
  setupBinder(env, templates);
  setupExecution(env);
}
