// Every scenario, in the order a full run takes them.

import { apiRead } from './api-read.js';
import { apiWrite } from './api-write.js';
import { fleetScale } from './fleet-scale.js';
import { propagation } from './propagation.js';
import { restart } from './restart.js';
import type { Scenario } from './scenario.js';
import { watch } from './watch.js';

export const scenarios: readonly Scenario[] = [apiWrite, apiRead, watch, propagation, fleetScale, restart];
